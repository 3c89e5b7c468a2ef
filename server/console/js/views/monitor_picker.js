import { h } from '../dom.js';
import { t } from '../i18n.js';

/**
 * The customer's monitors as toggle buttons ("Screen 1 (main) · 2560 × 1440"), shown when the
 * customer has more than one. The pressed one is the monitor shown; one asked for and not yet
 * arriving says "switching".
 */
export class MonitorPicker {
  /** @param {{onSelect: (id: number) => void}} options */
  constructor({ onSelect }) {
    this._onSelect = onSelect;
    this.element = h('div', { class: 'monitor-picker segmented', role: 'group', 'aria-label': t("Customer's screens"), hidden: true });
  }

  /**
   * @param {Array<{id: number, width: number, height: number, primary: boolean}>} monitors
   * @param {number|null} shown
   * @param {number|null} wanted
   */
  render(monitors, shown, wanted) {
    const hadFocus = this.element.contains(document.activeElement) ? document.activeElement.dataset.monitor : null;
    this.element.hidden = monitors.length < 2;
    this.element.replaceChildren(...monitors.map((monitor, index) => {
      const name = monitor.primary ? t('Screen {n} (main)', { n: index + 1 }) : t('Screen {n}', { n: index + 1 });
      const switching = monitor.id === wanted;
      return h('button', {
        type: 'button',
        class: `segment${switching ? ' switching' : ''}`,
        'data-monitor': String(monitor.id),
        'aria-pressed': String(monitor.id === shown),
        'aria-busy': switching ? 'true' : null,
        title: monitor.x || monitor.y
          ? t('{width} × {height} pixels at {x}, {y}', monitor)
          : t('{width} × {height} pixels', monitor),
        onClick: () => this._onSelect(monitor.id),
      }, name, h('span', { class: 'segment-detail' }, switching ? ` · ${t('switching…')}` : ` · ${monitor.width} × ${monitor.height}`));
    }));
    if (hadFocus !== null && hadFocus !== undefined) this.element.querySelector(`[data-monitor="${hadFocus}"]`)?.focus();
  }
}
