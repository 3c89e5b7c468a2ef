import { h } from '../dom.js';
import { t } from '../i18n.js';

const MODES = [
  ['fit', t('Fit'), t('Scale the screen to fit the window')],
  ['actual', '1:1', t('Actual size: one pixel of the customer’s screen per pixel, scroll to see all of it')],
];

/** Two toggle buttons: fit the customer's screen to the window, or show it 1:1 (scrollable). */
export class ScaleToggle {
  /** @param {{onChange: (mode: 'fit'|'actual') => void}} options */
  constructor({ onChange }) {
    this._buttons = new Map(MODES.map(([mode, label, title]) => [mode, h('button', {
      type: 'button', class: 'segment', 'data-mode': mode, title, 'aria-pressed': String(mode === 'fit'),
      'aria-label': mode === 'fit' ? t('Fit to window') : t('Actual size (1:1)'),
      onClick: () => onChange(mode),
    }, label)]));
    this.element = h('div', { class: 'scale-toggle segmented', role: 'group', 'aria-label': t('Screen size') }, [...this._buttons.values()]);
  }

  render(mode) {
    for (const [name, button] of this._buttons) button.setAttribute('aria-pressed', String(name === mode));
  }
}
