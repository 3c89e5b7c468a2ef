import { formatClock } from './format.js';

/**
 * Counts down to a moment and writes "m:ss" into an element once a second; calls `onExpire`
 * once at zero. Stop it with `stop()` when the view goes away.
 */
export class Countdown {
  /**
   * @param {HTMLElement} element
   * @param {number} deadlineMs epoch milliseconds
   * @param {Function} [onExpire]
   */
  constructor(element, deadlineMs, onExpire = () => {}) {
    this._element = element;
    this._deadline = deadlineMs;
    this._onExpire = onExpire;
    this._expired = false;
    this._timer = setInterval(() => this._tick(), 1000);
    this._tick();
  }

  get remainingMs() {
    return Math.max(0, this._deadline - Date.now());
  }

  stop() {
    clearInterval(this._timer);
  }

  _tick() {
    const remaining = this.remainingMs;
    this._element.textContent = formatClock(remaining);
    if (remaining <= 0 && !this._expired) {
      this._expired = true;
      this.stop();
      this._onExpire();
    }
  }
}
