import { ApiError } from '../api_error.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';

/**
 * The sign-in form. Calls `onSignedIn(answer)` with the `/api/login` answer; explains every
 * failure in plain language (wrong password, rate limited with the wait, server unreachable).
 */
export class LoginView {
  /**
   * @param {object} options
   * @param {import('../api.js').ApiClient} options.api
   * @param {Function} options.onSignedIn
   * @param {string} [options.notice] shown above the form, e.g. "You have signed out."
   */
  constructor({ api, onSignedIn, notice = '' }) {
    this._api = api;
    this._onSignedIn = onSignedIn;
    this._unlockTimer = null;

    this._username = h('input', {
      id: 'login-username', name: 'username', type: 'text', autocomplete: 'username',
      autocapitalize: 'none', spellcheck: 'false', required: true,
    });
    this._password = h('input', {
      id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true,
    });
    this._submit = h('button', { type: 'submit', class: 'button primary wide' }, t('Sign in'));
    this._error = h('p', { class: 'form-error', id: 'login-error', role: 'alert', hidden: true });
    this._notice = h('p', { class: 'form-notice', role: 'status' }, notice);
    this._notice.hidden = !notice;

    this._form = h('form', { class: 'login-form', novalidate: true, 'aria-describedby': 'login-error', onSubmit: (e) => this._submitForm(e) },
      h('div', { class: 'field' }, h('label', { for: 'login-username' }, t('Username')), this._username),
      h('div', { class: 'field' }, h('label', { for: 'login-password' }, t('Password')), this._password),
      this._error,
      this._submit,
    );

    this.heading = h('h1', { id: 'login-title', tabindex: '-1' }, t('Sign in'));
    this.element = h('section', { class: 'login-view', 'aria-labelledby': 'login-title' },
      h('div', { class: 'login-card' },
        h('div', { class: 'login-brand', 'aria-hidden': 'true' }, h('span', { class: 'logo-mark' }), 'Fernhilfe'),
        this.heading,
        h('p', { class: 'muted' }, t('Expert console for remote support.')),
        this._notice,
        this._form,
      ),
    );
    this.title = t('Sign in');
  }

  focus() {
    this._username.focus();
  }

  destroy() {
    clearInterval(this._unlockTimer);
  }

  async _submitForm(event) {
    event.preventDefault();
    const username = this._username.value.trim();
    const password = this._password.value;
    if (!username || !password) {
      this._showError(t('Enter your username and password.'));
      (username ? this._password : this._username).focus();
      return;
    }
    this._setBusy(true);
    this._showError('');
    this._notice.hidden = true;
    try {
      const answer = await this._api.login(username, password);
      this._onSignedIn(answer);
    } catch (error) {
      this._setBusy(false);
      const failure = error instanceof ApiError ? error : new ApiError({ kind: 'network' });
      this._showError(failure.describe());
      if (failure.detail === 'invalid_credentials') {
        this._password.value = '';
        this._password.focus();
      }
      if (failure.status === 429 && failure.retryAfter > 0) this._lockFor(failure.retryAfter);
    }
  }

  /**
   * Keeps "Sign in" disabled while rate limited; the button counts the wait down (the alert
   * stays as it is, so screen readers announce it once).
   */
  _lockFor(seconds) {
    clearInterval(this._unlockTimer);
    const until = Date.now() + seconds * 1000;
    const tick = () => {
      const left = Math.ceil((until - Date.now()) / 1000);
      if (left > 0) {
        this._submit.disabled = true;
        this._submit.textContent = t('Try again in {seconds} s', { seconds: left });
        return;
      }
      clearInterval(this._unlockTimer);
      this._submit.disabled = false;
      this._submit.textContent = t('Sign in');
      this._showError('');
      this._notice.textContent = t('You can try to sign in again now.');
      this._notice.hidden = false;
    };
    tick();
    this._unlockTimer = setInterval(tick, 1000);
  }

  _setBusy(busy) {
    this._submit.disabled = busy;
    this._submit.textContent = busy ? t('Signing in…') : t('Sign in');
    this._form.setAttribute('aria-busy', String(busy));
  }

  _showError(text) {
    this._error.textContent = text;
    this._error.hidden = !text;
    this._username.setAttribute('aria-invalid', String(Boolean(text)));
    this._password.setAttribute('aria-invalid', String(Boolean(text)));
  }
}
