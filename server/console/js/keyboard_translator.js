import { LIMITS } from './limits.js';

const KEY_CODE = /^[A-Za-z][A-Za-z0-9]*$/;

/** Keys that only modify others, or start a composition: never sent on their own. */
const MODIFIER_KEYS = new Set([
  'Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'OS', 'Super', 'Hyper', 'Fn', 'FnLock',
  'CapsLock', 'NumLock', 'ScrollLock', 'Symbol', 'SymbolLock',
]);
const COMPOSING_KEYS = new Set(['Dead', 'Process', 'Compose']);

/** Modifier -> the physical key pressed for it when a click or the wheel needs it held. */
const MODIFIER_CODES = Object.freeze({ shift: 'ShiftLeft', control: 'ControlLeft', alt: 'AltLeft', meta: 'MetaLeft' });
const CODE_MODIFIER = Object.freeze({
  ShiftLeft: 'shift', ShiftRight: 'shift', ControlLeft: 'control', ControlRight: 'control',
  AltLeft: 'alt', AltRight: 'alt', MetaLeft: 'meta', MetaRight: 'meta',
});

/** Characters `text` may not carry (protocol/messages.py, Text): C0 controls but tab and newline, DEL. */
const NOT_TEXT = /[\x00-\x08\x0b-\x1f\x7f]/g;

/**
 * The keyboard channel split (docs/protocol.md, "Remote control"): decides for each key event
 * whether it travels as `text` (a typed character, whatever the customer's layout) or as `key`
 * (a physical key by its KeyboardEvent.code, with explicit modifiers), and remembers what it
 * sent down so every key goes up again.
 *
 * - A key whose `key` is one character and that is no shortcut is typed text. The browser's
 *   own text input then produces the character, including the results of dead keys, AltGr and
 *   input methods, so the caller takes the text from the input event (`textFrom`), not from
 *   keydown. A shortcut is a character with Ctrl or Meta held, or with Alt held where Alt is no
 *   character key (everywhere but macOS, where Option types characters); AltGr is no shortcut.
 * - Everything else with a valid code (Enter, Backspace, Tab, arrows, F-keys, Escape, Ctrl+C,
 *   Alt+F4 …) is a `key`, down and up, with the modifiers held at the time of the down.
 * - Dead keys, input-method keys and modifiers on their own are never sent. Modifiers travel in
 *   `modifiers`; only for a click or the wheel with a modifier held (Ctrl+click, Shift+click,
 *   Ctrl+wheel) does `pointerModifiers` press the modifier key itself, until it is let go.
 *
 * Pure logic on event-like objects ({type, key, code, repeat, shiftKey, ctrlKey, altKey,
 * metaKey, getModifierState, isComposing}); no DOM, so it is checked directly in tests.
 */
export class KeyboardTranslator {
  /** @param {{mac?: boolean}} [options] mac: Option types characters (no Alt shortcuts) */
  constructor({ mac = false } = {}) {
    this._mac = mac;
    this._down = new Map(); // code -> modifiers sent with its down
    this._held = new Map(); // modifier -> code pressed for a click or wheel
    this._lastModifierCode = new Map(); // modifier -> code of the physical key last pressed for it
  }

  /** Codes currently down on the customer's side because of this translator. */
  get down() {
    return [...this._down.keys(), ...this._held.values()];
  }

  /**
   * @param {object} event a keydown event
   * @returns {{action: 'text'|'ignore'} | {action: 'key', message: object}}
   *   text: let the browser type it and send what `textFrom` returns; key: send `message`
   *   (and keep the browser from acting on the key)
   */
  keydown(event) {
    if (CODE_MODIFIER[event.code]) this._lastModifierCode.set(CODE_MODIFIER[event.code], event.code);
    if (event.isComposing || COMPOSING_KEYS.has(event.key) || MODIFIER_KEYS.has(event.key)) {
      return { action: 'ignore' };
    }
    if (this.isTyped(event)) return { action: 'text' };
    if (!KeyboardTranslator.validCode(event.code)) return { action: 'ignore' };
    const modifiers = KeyboardTranslator.modifiersOf(event);
    this._down.set(event.code, modifiers);
    return { action: 'key', message: { code: event.code, down: true, modifiers } };
  }

  /**
   * @param {object} event a keyup event
   * @returns {object[]} `key` messages to send: the key's up if its down was sent, and the up of
   *   a modifier pressed for a click once that modifier is let go
   */
  keyup(event) {
    const messages = [];
    if (this._down.has(event.code)) {
      messages.push({ code: event.code, down: false, modifiers: this._down.get(event.code) });
      this._down.delete(event.code);
    }
    if (event.key === 'Meta') {
      // macOS sends no keyup for keys let go while Cmd is held: they end with Cmd.
      for (const [code, modifiers] of this._down) {
        if (modifiers.includes('meta')) {
          messages.push({ code, down: false, modifiers });
          this._down.delete(code);
        }
      }
    }
    const modifier = CODE_MODIFIER[event.code] ?? (event.key === 'Shift' ? 'shift' : null);
    if (modifier && this._held.has(modifier)) {
      messages.push({ code: this._held.get(modifier), down: false, modifiers: [] });
      this._held.delete(modifier);
    }
    return messages;
  }

  /** A printable character that is not a shortcut: it goes as `text`. */
  isTyped(event) {
    if ([...String(event.key ?? '')].length !== 1) return false;
    const altGraph = KeyboardTranslator._altGraph(event);
    if (altGraph) return !event.metaKey;
    if (event.ctrlKey || event.metaKey) return false;
    return !event.altKey || this._mac;
  }

  /**
   * For a pointer button or wheel event: press the modifiers it has held and release those
   * pressed earlier that are no longer held.
   * @param {object} event a pointer or wheel event
   * @returns {object[]} `key` messages, to send before the pointer message
   */
  pointerModifiers(event) {
    const wanted = { shift: event.shiftKey, control: event.ctrlKey, alt: event.altKey, meta: event.metaKey };
    if (KeyboardTranslator._altGraph(event)) {
      wanted.control = false;
      wanted.alt = false;
    }
    const messages = [];
    for (const [modifier, held] of Object.entries(wanted)) {
      if (held && !this._held.has(modifier)) {
        const code = this._lastModifierCode.get(modifier) ?? MODIFIER_CODES[modifier];
        this._held.set(modifier, code);
        messages.push({ code, down: true, modifiers: [] });
      } else if (!held && this._held.has(modifier)) {
        messages.push({ code: this._held.get(modifier), down: false, modifiers: [] });
        this._held.delete(modifier);
      }
    }
    return messages;
  }

  /** @returns {object[]} the ups for everything still down; afterwards nothing is. */
  releaseAll() {
    const messages = [];
    for (const [code, modifiers] of this._down) messages.push({ code, down: false, modifiers });
    for (const code of this._held.values()) messages.push({ code, down: false, modifiers: [] });
    this.forget();
    return messages;
  }

  /** Forgets what is down without sending ups (the customer released everything itself). */
  forget() {
    this._down.clear();
    this._held.clear();
  }

  /**
   * The typed text of an input event's data, as `text` messages may carry it: carriage returns
   * become newlines, other control characters go, and it is cut into pieces of at most 256
   * characters.
   * @param {string} data
   * @returns {string[]}
   */
  static textFrom(data) {
    const clean = String(data ?? '').replace(/\r\n?/g, '\n').replace(NOT_TEXT, '');
    const chars = [...clean];
    const pieces = [];
    for (let i = 0; i < chars.length; i += LIMITS.MAX_TEXT_INPUT_CHARS) {
      pieces.push(chars.slice(i, i + LIMITS.MAX_TEXT_INPUT_CHARS).join(''));
    }
    return pieces;
  }

  /** The modifiers held during `event`, in the protocol's order. */
  static modifiersOf(event) {
    const altGraph = KeyboardTranslator._altGraph(event);
    const modifiers = [];
    if (event.shiftKey) modifiers.push('shift');
    // Windows reports AltGr as Ctrl+Alt; it is one modifier of its own.
    if (event.ctrlKey && !altGraph) modifiers.push('control');
    if (event.altKey && !altGraph) modifiers.push('alt');
    if (altGraph) modifiers.push('altgr');
    if (event.metaKey) modifiers.push('meta');
    return modifiers;
  }

  static validCode(code) {
    return typeof code === 'string' && code.length <= LIMITS.MAX_KEY_CODE_CHARS && KEY_CODE.test(code);
  }

  static _altGraph(event) {
    return typeof event.getModifierState === 'function' && event.getModifierState('AltGraph') === true;
  }
}
