const KEY = 'fernhilfe.console.auth';

/**
 * The signed-in expert: token and profile, kept in sessionStorage so a reload stays signed
 * in but closing the tab signs out.
 */
export class AuthStore {
  constructor(storage = window.sessionStorage) {
    this._storage = storage;
    this.token = null;
    this.expert = null;
    this.expiresAt = null;
    try {
      const saved = JSON.parse(storage.getItem(KEY) ?? 'null');
      if (saved && typeof saved.token === 'string') {
        this.token = saved.token;
        this.expert = saved.expert ?? null;
        this.expiresAt = saved.expiresAt ?? null;
      }
    } catch {
      storage.removeItem(KEY);
    }
  }

  get signedIn() {
    return this.token !== null;
  }

  save({ token, expert, expiresAt }) {
    this.token = token;
    this.expert = expert;
    this.expiresAt = expiresAt;
    this._storage.setItem(KEY, JSON.stringify({ token, expert, expiresAt }));
  }

  updateExpert(expert) {
    if (!this.token) return;
    this.save({ token: this.token, expert, expiresAt: this.expiresAt });
  }

  clear() {
    this.token = null;
    this.expert = null;
    this.expiresAt = null;
    this._storage.removeItem(KEY);
  }
}
