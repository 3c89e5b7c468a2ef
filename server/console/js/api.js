import { ApiError } from './api_error.js';

const TIMEOUT_MS = 15000;

/**
 * The REST client of docs/protocol.md ("REST API"): JSON over HTTPS on the console's own
 * origin. Authenticated calls carry the bearer token the AuthStore holds; every failure is
 * an ApiError.
 */
export class ApiClient {
  /**
   * @param {object} options
   * @param {{token: string|null}} options.auth where the token lives
   * @param {string} [options.baseUrl] defaults to the page's origin
   */
  constructor({ auth, baseUrl = '' }) {
    this._auth = auth;
    this._baseUrl = baseUrl;
  }

  /** @returns {Promise<{token: string, expires_at: string, expert: object}>} */
  login(username, password) {
    return this._request('POST', '/api/login', { body: { username, password }, authenticated: false });
  }

  logout() {
    return this._request('POST', '/api/logout');
  }

  me() {
    return this._request('GET', '/api/me');
  }

  /** @param {string} [label] whom the session is for, shown only to experts (docs/protocol.md) */
  createSession(label = '') {
    return this._request('POST', '/api/sessions', label ? { body: { label } } : {});
  }

  /** @returns {Promise<object[]>} the caller's sessions, newest first */
  async listSessions() {
    const answer = await this._request('GET', '/api/sessions');
    return Array.isArray(answer?.sessions) ? answer.sessions : [];
  }

  getSession(id) {
    return this._request('GET', `/api/sessions/${encodeURIComponent(id)}`);
  }

  /** The receipt of one of the caller's ended sessions (409 `no_receipt` until the server has it). */
  getReceipt(id) {
    return this._request('GET', `/api/sessions/${encodeURIComponent(id)}/receipt`);
  }

  async _request(method, path, { body = undefined, authenticated = true } = {}) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (authenticated && this._auth.token) headers.Authorization = `Bearer ${this._auth.token}`;
    let response;
    try {
      response = await fetch(this._baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
        credentials: 'omit',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      throw new ApiError({ kind: 'network' });
    }
    if (response.status === 204) return null;
    let payload = null;
    try {
      payload = await response.json();
    } catch {
      payload = null;
    }
    if (!response.ok) {
      const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
      throw new ApiError({
        kind: 'http',
        status: response.status,
        detail: typeof payload?.detail === 'string' ? payload.detail : '',
        retryAfter: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 0,
      });
    }
    return payload;
  }
}
