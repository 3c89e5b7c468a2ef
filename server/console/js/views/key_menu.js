import { h } from '../dom.js';
import { t } from '../i18n.js';

let nextId = 0;

/**
 * "Send keys" menu button (WAI-ARIA menu button pattern): key combinations the expert's own
 * browser or system keeps for itself (KEY_COMBOS), sent to the customer on request.
 *
 * Keyboard: Enter, Space or ArrowDown open it on the first item, ArrowUp on the last; in the
 * menu ArrowUp/ArrowDown move (wrapping), Home/End jump, Enter/Space send, Escape closes and
 * returns to the button, Tab closes. A click outside closes it.
 */
export class KeyMenu {
  /**
   * @param {object} options
   * @param {ReadonlyArray<{id: string, label: string, hint: string}>} options.combos
   * @param {(combo: object) => void} options.onSelect
   */
  constructor({ combos, onSelect }) {
    nextId += 1;
    const menuId = `key-menu-${nextId}`;
    this._onSelect = onSelect;
    this.button = h('button', {
      type: 'button', class: 'button small menu-button', 'aria-haspopup': 'menu', 'aria-expanded': 'false',
      'aria-controls': menuId, disabled: true,
      onClick: () => (this.open ? this.close(true) : this.show(0)),
      onKeydown: (e) => this._onButtonKey(e),
    }, t('Send keys'), h('span', { class: 'chevron', 'aria-hidden': 'true' }));
    this._items = combos.map((combo, index) => {
      const hintId = `${menuId}-hint-${index}`;
      return h('li', {
        role: 'menuitem', tabindex: '-1', class: 'menu-item', 'aria-describedby': hintId, 'data-combo': combo.id,
        onClick: () => this._choose(combo),
        onKeydown: (e) => this._onItemKey(e, index, combo),
      },
      h('span', { class: 'menu-item-label' }, combo.label),
      h('span', { class: 'menu-item-hint', id: hintId }, combo.hint));
    });
    this.menu = h('ul', { id: menuId, role: 'menu', class: 'menu', 'aria-label': t('Send keys'), hidden: true }, this._items);
    this.element = h('div', { class: 'menu-wrap' }, this.button, this.menu);
    this._outside = (event) => {
      if (!this.element.contains(event.target)) this.close(false);
    };
  }

  get open() {
    return !this.menu.hidden;
  }

  setEnabled(enabled) {
    this.button.disabled = !enabled;
    if (!enabled) this.close(false);
  }

  /** Opens the menu and focuses item `index` (negative counts from the end). */
  show(index) {
    if (this.button.disabled) return;
    this.menu.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    document.addEventListener('pointerdown', this._outside, true);
    this._focusItem(index < 0 ? this._items.length + index : index);
  }

  close(focusButton) {
    if (!this.open) return;
    this.menu.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
    document.removeEventListener('pointerdown', this._outside, true);
    if (focusButton) this.button.focus();
  }

  destroy() {
    document.removeEventListener('pointerdown', this._outside, true);
  }

  _focusItem(index) {
    const count = this._items.length;
    this._items[((index % count) + count) % count].focus();
  }

  _choose(combo) {
    this.close(false);
    this._onSelect(combo);
    if (document.activeElement === document.body || !document.activeElement) this.button.focus();
  }

  _onButtonKey(event) {
    if (event.key === 'ArrowDown' || event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.show(0);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      this.show(-1);
    }
  }

  _onItemKey(event, index, combo) {
    const keys = {
      ArrowDown: () => this._focusItem(index + 1),
      ArrowUp: () => this._focusItem(index - 1),
      Home: () => this._focusItem(0),
      End: () => this._focusItem(-1),
      Escape: () => this.close(true),
      Enter: () => this._choose(combo),
      ' ': () => this._choose(combo),
    };
    if (event.key === 'Tab') {
      this.close(false);
      return;
    }
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  }
}
