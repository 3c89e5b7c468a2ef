import { h } from '../dom.js';
import { t } from '../i18n.js';

// ControlState.controlStatus -> [tone, what the expert reads]
const STATUS = {
  none: ['neutral', t('View only')],
  asking: ['warn', t('Asking the customer for control…')],
  requested: ['warn', t('Waiting for the customer to allow control…')],
  expert: ['ok', t('You have control')],
  customer: ['warn', t('Customer has control — waiting until they stop using the mouse')],
  releasing: ['warn', t('Giving control back…')],
  denied: ['danger', t('The customer refused control. View only.')],
  revoked: ['danger', t('The customer took control back. View only.')],
  released: ['neutral', t('You gave control back. View only.')],
};

/**
 * Remote control: "Ask for control" / "Release control" and the "Send keys" menu for the screen
 * toolbar (`element`), and a strip above the screen (`strip`) saying who holds mouse and
 * keyboard (an aria-live status) with the keyboard hint while the expert has control.
 */
export class ControlBar {
  /**
   * @param {object} options
   * @param {() => void} options.onAsk
   * @param {() => void} options.onRelease
   * @param {HTMLElement} options.keyMenu the KeyMenu's element
   * @param {HTMLElement} options.hint what the keyboard does while the expert has control
   */
  constructor({ onAsk, onRelease, keyMenu, hint }) {
    this._ask = h('button', { type: 'button', class: 'button small primary', onClick: () => onAsk() }, t('Ask for control'));
    this._release = h('button', { type: 'button', class: 'button small', hidden: true, onClick: () => onRelease() }, t('Release control'));
    this._dot = h('span', { class: 'control-dot', 'aria-hidden': 'true' });
    this._text = h('span', { class: 'control-text' });
    this._state = h('p', { class: 'control-state', id: 'control-state', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' }, this._dot, this._text);
    this._hint = hint;
    this.element = h('div', { class: 'control-bar', role: 'group', 'aria-label': t('Remote control') },
      this._ask, this._release, keyMenu);
    this.strip = h('div', { class: 'control-strip tone-neutral' }, this._state, hint);
    this.status = null;
  }

  /**
   * @param {object} view
   * @param {string} view.status ControlState.controlStatus
   * @param {boolean} view.canAsk
   * @param {boolean} view.attached false while the connection is down
   */
  render({ status, canAsk, attached }) {
    const holding = ['expert', 'customer', 'releasing'].includes(status);
    const focused = document.activeElement;
    this._ask.hidden = holding;
    this._release.hidden = !holding;
    this._ask.disabled = !canAsk || !attached;
    this._release.disabled = status === 'releasing' || !attached;
    if (focused === this._ask && holding) this._release.focus();
    else if (focused === this._release && !holding) this._ask.focus();

    let [tone, text] = STATUS[status] ?? STATUS.none;
    if (!attached && holding) [tone, text] = ['warn', t('Connection lost — input paused')];
    this.strip.className = `control-strip tone-${tone}`;
    this._state.dataset.status = status;
    if (this._text.textContent !== text) this._text.textContent = text;
    this._hint.hidden = !(attached && status === 'expert');
    this.status = status;
  }
}
