import { t } from './i18n.js';

/**
 * A REST call that did not succeed. `kind` is `network` (no answer: server unreachable,
 * timed out) or `http` (an answer with an error status; `detail` is the `{"detail": code}`
 * of docs/protocol.md). `retryAfter` is in seconds, for `rate_limited`.
 */
export class ApiError extends Error {
  /**
   * @param {object} init
   * @param {'network'|'http'} init.kind
   * @param {number} [init.status]
   * @param {string} [init.detail]
   * @param {number} [init.retryAfter]
   */
  constructor({ kind, status = 0, detail = '', retryAfter = 0 }) {
    super(kind === 'network' ? 'the server did not answer' : `HTTP ${status} ${detail}`);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
    this.detail = detail;
    this.retryAfter = retryAfter;
  }

  get unauthorized() {
    return this.kind === 'http' && this.status === 401 && this.detail !== 'invalid_credentials';
  }

  /** A sentence for the expert, in plain language. */
  describe() {
    if (this.kind === 'network') {
      return t('The support server cannot be reached. Check the network connection and try again.');
    }
    if (this.detail === 'invalid_credentials') return t('Wrong username or password.');
    if (this.detail === 'rate_limited' || this.status === 429) {
      const wait = this.retryAfter > 0 ? ApiError.formatWait(this.retryAfter) : t('a little while');
      return t('Too many sign-in attempts. Please wait {wait} and try again.', { wait });
    }
    if (this.status === 401) return t('Your sign-in has expired. Please sign in again.');
    if (this.status === 404) return t('This session does not exist or belongs to another expert.');
    if (this.status >= 500) return t('The support server had a problem (error {status}). Try again shortly.', { status: this.status });
    return t('The request failed (error {status}).', { status: this.status });
  }

  /** "45 seconds", "2 minutes". */
  static formatWait(seconds) {
    if (seconds === 1) return t('1 second');
    if (seconds < 90) return t('{count} seconds', { count: seconds });
    return t('{count} minutes', { count: Math.ceil(seconds / 60) });
  }
}
