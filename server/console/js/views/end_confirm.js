import { h } from '../dom.js';
import { t } from '../i18n.js';

/**
 * The question after "End session": ending cannot be undone (the customer needs a new number and
 * new consent), so it takes a second click. Esc or "Keep session" closes the question.
 */
export class EndConfirm {
  /**
   * @param {object} options
   * @param {HTMLElement} options.trigger the "End session" button, hidden while asking
   * @param {() => void} options.onConfirm
   * @param {() => void} options.onCancel
   */
  constructor({ trigger, onConfirm, onCancel }) {
    this._trigger = trigger;
    this._onCancel = onCancel;
    this._confirm = h('button', { type: 'button', class: 'button danger', onClick: () => { this.close(); onConfirm(); } }, t('End now'));
    this._cancel = h('button', { type: 'button', class: 'button', onClick: () => this._dismiss() }, t('Keep session'));
    this.element = h('div', {
      class: 'end-confirm', role: 'group', 'aria-labelledby': 'end-confirm-question', hidden: true,
      onKeydown: (event) => { if (event.key === 'Escape') this._dismiss(); },
    },
    h('span', { id: 'end-confirm-question', class: 'end-confirm-question' }, t('End the session for the customer?')),
    this._confirm, this._cancel);
  }

  get isOpen() {
    return !this.element.hidden;
  }

  open() {
    this.element.hidden = false;
    this._trigger.hidden = true;
    this._cancel.focus();
  }

  close() {
    if (this.element.hidden) return;
    this.element.hidden = true;
    this._trigger.hidden = false;
  }

  _dismiss() {
    this.close();
    this._onCancel();
  }
}
