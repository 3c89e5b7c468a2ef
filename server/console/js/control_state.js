const TIERS = [1, 2, 3];

/**
 * What the customer has granted and who holds mouse and keyboard (docs/protocol.md, "Remote
 * control (tier 2)"): the session core's view of tiers, apart from the page.
 *
 * It learns from the server (`tier_state`, `control`) and from what the expert asked for
 * (`asked`, `released`), and answers the one question input capture needs: may input be sent
 * now (`expertHasInput`). It dispatches `change` after every update; detail: {what} with
 * `what` one of 'tier', 'holder', 'asked', 'released'.
 *
 * A tier's state is null (never asked), 'requested', 'granted', 'denied' or 'revoked'.
 */
export class ControlState extends EventTarget {
  constructor() {
    super();
    this._tiers = new Map(TIERS.map((tier) => [tier, null]));
    this._holder = null;
    this._asking = new Set(); // tiers asked for, no tier_state yet
    this._releasing = false;
    this._releasedByExpert = false;
  }

  /** @returns {null|'requested'|'granted'|'denied'|'revoked'} */
  tier(tier) {
    return this._tiers.get(tier) ?? null;
  }

  /** 'expert' or 'customer' while tier 2 is granted, else null. */
  get holder() {
    return this.tier(2) === 'granted' ? this._holder : null;
  }

  /** True while the console may send input: tier 2 granted, the expert holds it, not giving it back. */
  get expertHasInput() {
    return this.tier(2) === 'granted' && this._holder === 'expert' && !this._releasing;
  }

  /** A tier_request was sent and its tier_state has not come yet. */
  isAsking(tier) {
    return this._asking.has(tier);
  }

  /** tier_release {tier: 2} was sent and the revocation has not come yet. */
  get releasing() {
    return this._releasing && this.tier(2) === 'granted';
  }

  /** The last end of tier 2 was the expert giving it back (not the customer taking it). */
  get releasedByExpert() {
    return this._releasedByExpert;
  }

  /**
   * One word for the state of tier 2, for the page:
   * none | asking | requested | expert | customer | releasing | denied | revoked | released
   */
  get controlStatus() {
    const state = this.tier(2);
    if (this.isAsking(2) && state !== 'requested') return 'asking';
    switch (state) {
      case 'requested':
        return 'requested';
      case 'granted':
        if (this._releasing) return 'releasing';
        return this._holder === 'customer' ? 'customer' : 'expert';
      case 'denied':
        return 'denied';
      case 'revoked':
        return this._releasedByExpert ? 'released' : 'revoked';
      default:
        return 'none';
    }
  }

  /** Tier 2 may be asked for: view is granted and control is neither pending nor held. */
  canAsk(tier = 2) {
    if (this.tier(tier - 1) !== 'granted' || this.isAsking(tier)) return false;
    return !['requested', 'granted'].includes(this.tier(tier));
  }

  // --- what the expert did ----------------------------------------------------------------

  asked(tier) {
    this._asking.add(tier);
    this._emit('asked');
  }

  released(tier) {
    if (tier !== 2 || this.tier(2) !== 'granted') return;
    this._releasing = true;
    this._emit('released');
  }

  /**
   * The socket closed: an answer to a request may never come. After attaching again the server
   * states every tier anew.
   */
  connectionLost() {
    if (this._asking.size === 0) return;
    this._asking.clear();
    this._emit('asked');
  }

  // --- what the server said ---------------------------------------------------------------

  /** @param {{tier: number, state: string}} message a `tier_state` message */
  applyTierState({ tier, state }) {
    this._tiers.set(tier, state);
    this._asking.delete(tier);
    if (tier === 2) {
      if (state === 'granted') {
        // After granting, the customer hands control to the expert (and says so with `control`).
        this._holder = 'expert';
        this._releasing = false;
        this._releasedByExpert = false;
      } else if (state === 'revoked' || state === 'denied') {
        this._releasedByExpert = state === 'revoked' && this._releasing;
        this._holder = null;
        this._releasing = false;
      } else {
        this._releasedByExpert = false;
      }
    }
    this._emit('tier');
  }

  /** @param {{holder: string}} message a `control` message */
  applyControl({ holder }) {
    this._holder = holder;
    this._emit('holder');
  }

  _emit(what) {
    this.dispatchEvent(new CustomEvent('change', { detail: { what } }));
  }
}
