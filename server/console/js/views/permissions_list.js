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
 * Admin rights: Not offered"). Tier 3 is not offered by the customer's app of this version,
 * so the console does not ask for it; it is listed so the expert knows it does not exist yet.
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
      let text = state ? (STATE_TEXT[state] ?? t('Ended')) : t('Not asked');
      if (tier === 3 && !state) text = t('Not offered');
      value.textContent = text;
      value.parentElement.dataset.state = state ?? 'none';
      value.parentElement.title = tier === 3 && !state
        ? t("Administrator actions are not offered by the customer's app yet.")
        : '';
    }
  }
}
