import { h } from '../dom.js';
import { t } from '../i18n.js';

const TIER_NAMES = { 1: t('View'), 2: t('Control'), 3: t('Admin rights') };
const STATE_TEXT = {
  requested: t('Requested'),
  granted: t('Granted'),
  denied: t('Refused'),
  revoked: t('Revoked'),
};

/**
 * What the customer has granted, tier by tier ("View: Granted · Control: Requested ·
 * Admin rights: Not asked").
 */
export class PermissionsList {
  constructor() {
    this._values = new Map();
    this.element = h('ul', { class: 'permissions', 'aria-label': t('Permissions') },
      [1, 2, 3].map((tier) => {
        const value = h('span', { class: 'permission-value' });
        this._values.set(tier, value);
        return h('li', { class: 'permission', 'data-tier': String(tier) },
          h('span', { class: 'permission-name' }, `${TIER_NAMES[tier]}:`), ' ', value);
      }));
  }

  /**
   * @param {(tier: number) => string|null} stateOf
   * @param {boolean} [ended] the session is over: nothing is granted any more
   */
  render(stateOf, ended = false) {
    for (const [tier, value] of this._values) {
      let state = stateOf(tier);
      if (ended && (state === 'granted' || state === 'requested')) state = 'ended';
      value.textContent = state ? (STATE_TEXT[state] ?? t('Ended')) : t('Not asked');
      value.parentElement.dataset.state = state ?? 'none';
    }
  }
}
