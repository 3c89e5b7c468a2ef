import { h } from '../dom.js';
import { t } from '../i18n.js';

const CONFIRM_MS = 2000;

/**
 * A button that copies the text of `source` (the session number, as shown) to the clipboard and
 * says "Copied" for a moment. Where the Clipboard API is refused it selects the text instead, so
 * Ctrl+C still works, and says so.
 */
export class CopyButton {
  /** @param {{source: HTMLElement, label: string}} options */
  constructor({ source, label }) {
    this._source = source;
    this._label = label;
    this._timer = null;
    this.element = h('button', { type: 'button', class: 'button small copy-button', onClick: () => this._copy() }, label);
    this.status = h('span', { class: 'copy-status', role: 'status', 'aria-live': 'polite' });
  }

  async _copy() {
    const text = this._source.textContent ?? '';
    try {
      await navigator.clipboard.writeText(text);
      this._say(t('Copied'));
    } catch {
      window.getSelection()?.selectAllChildren(this._source);
      this._say(t('Selected: press Ctrl+C'));
    }
  }

  _say(text) {
    clearTimeout(this._timer);
    this.element.textContent = text;
    this.status.textContent = text;
    this._timer = setTimeout(() => {
      this.element.textContent = this._label;
      this.status.textContent = '';
    }, CONFIRM_MS);
  }
}
