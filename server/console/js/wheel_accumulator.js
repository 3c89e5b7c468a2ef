import { LIMITS } from './limits.js';

/** How much scrolling one wheel notch is, per WheelEvent.deltaMode. */
export const NOTCH = Object.freeze({
  PIXELS: 100, // DOM_DELTA_PIXEL: Chromium and Firefox report 100 px per notch (Windows, Linux)
  LINES: 3, // DOM_DELTA_LINE: a notch scrolls three lines on Windows and most desktops
  PAGES: 1 / 3, // DOM_DELTA_PAGE: a page is about three notches
});

/**
 * Turns wheel events (pixels, lines or pages; mouse wheels and touchpads) into whole wheel
 * notches for `wheel` messages. Fractions are kept until they add up to a notch, so a touchpad's
 * many small deltas scroll as far as a wheel would; a change of direction drops the fraction
 * carried in the old direction.
 */
export class WheelAccumulator {
  constructor() {
    this._x = 0;
    this._y = 0;
  }

  /**
   * @param {number} deltaX WheelEvent.deltaX (positive: right)
   * @param {number} deltaY WheelEvent.deltaY (positive: down)
   * @param {number} deltaMode 0 pixels, 1 lines, 2 pages
   */
  add(deltaX, deltaY, deltaMode) {
    const perNotch = deltaMode === 1 ? NOTCH.LINES : deltaMode === 2 ? NOTCH.PAGES : NOTCH.PIXELS;
    this._x = WheelAccumulator._sum(this._x, (Number(deltaX) || 0) / perNotch);
    this._y = WheelAccumulator._sum(this._y, (Number(deltaY) || 0) / perNotch);
  }

  /**
   * Takes the whole notches gathered so far (each within the protocol's ±100), keeping the rest.
   * @returns {{dx: number, dy: number}}
   */
  take() {
    const dx = WheelAccumulator._whole(this._x);
    const dy = WheelAccumulator._whole(this._y);
    this._x -= dx;
    this._y -= dy;
    return { dx, dy };
  }

  /** True while whole notches are waiting to be taken. */
  get pending() {
    return Math.abs(this._x) >= 1 || Math.abs(this._y) >= 1;
  }

  reset() {
    this._x = 0;
    this._y = 0;
  }

  static _sum(carried, added) {
    if (added === 0) return carried;
    if (Math.sign(carried) !== 0 && Math.sign(carried) !== Math.sign(added)) carried = 0;
    // Small rounding errors (0.1 + 0.2) must not lose or invent a notch; a fling beyond what one
    // message can carry is not saved up to scroll on for seconds after.
    const max = LIMITS.MAX_WHEEL_STEPS;
    return Math.max(-max, Math.min(max, Math.round((carried + added) * 1e6) / 1e6));
  }

  static _whole(value) {
    const max = LIMITS.MAX_WHEEL_STEPS;
    return Math.max(-max, Math.min(max, Math.trunc(value)));
  }
}
