import { DE } from './messages/de.js';

/**
 * The console's language: German or English, following the browser's preferred languages.
 *
 * English text is the message key (as in Qt's and gettext's catalogs), so a string without a
 * translation still reads correctly, and adding one is one line in `messages/<language>.js`.
 * `t('Session {number}', { number })` fills `{name}` placeholders after translating; the
 * language is chosen once, when the page loads.
 */
const CATALOGS = { de: DE };

function baseOf(tag) {
  return String(tag).toLowerCase().split('-')[0];
}

function preferredTags() {
  if (typeof navigator === 'undefined') return [];
  return [...(navigator.languages ?? []), navigator.language].filter(Boolean);
}

function pick(tags) {
  for (const tag of tags) {
    const base = baseOf(tag);
    if (base === 'en' || base in CATALOGS) return base;
  }
  return 'en';
}

const TAGS = preferredTags();

/** 'de' or 'en'. */
export const language = pick(TAGS);

/** The BCP 47 tag for Intl (dates, times, numbers): the browser's own for the chosen language. */
export const locale = TAGS.find((tag) => baseOf(tag) === language) ?? language;

const catalog = CATALOGS[language] ?? {};

/** English texts asked for that the chosen catalog lacks (tests read it; English lacks none). */
export const untranslated = new Set();

/** `text` in the console's language, with `{name}` placeholders filled from `params`. */
export function t(text, params = {}) {
  let template = text;
  if (language !== 'en') {
    if (text in catalog) template = catalog[text];
    else untranslated.add(text);
  }
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** Like `t`, but `{name}` placeholders become the DOM nodes in `nodes`: for h()'s children. */
export function tNodes(text, nodes) {
  return t(text).split(/(\{\w+\})/).filter(Boolean)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      return name && name in nodes ? nodes[name] : part;
    });
}
