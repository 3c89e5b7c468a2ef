import { ApiClient } from './api.js';
import { AuthStore } from './auth_store.js';
import { h } from './dom.js';
import { LoginView } from './views/login_view.js';
import { SessionView } from './views/session_view.js';
import { SessionsView } from './views/sessions_view.js';
import { language, t } from './i18n.js';

/**
 * Page wiring: the header, sign-in state and the hash routes
 *   #/sessions        the expert's sessions
 *   #/session/<id>    one session (attaches its WebSocket)
 * One view is mounted at a time; switching destroys the old one (which detaches its socket
 * without ending the session).
 */
class App {
  constructor(root) {
    this._auth = new AuthStore();
    this._api = new ApiClient({ auth: this._auth });
    this._view = null;

    this._who = h('span', { class: 'who' });
    this._signOut = h('button', { type: 'button', class: 'button ghost on-dark', onClick: () => this._logout() }, t('Sign out'));
    this._userArea = h('div', { class: 'user-area', hidden: true }, this._who, this._signOut);
    this._main = h('main', { id: 'main', class: 'main' });
    root.replaceChildren(
      h('a', { class: 'skip-link', href: '#main', onClick: (e) => { e.preventDefault(); this._view?.focus(); } }, t('Skip to content')),
      h('header', { class: 'topbar' },
        h('div', { class: 'brand' }, h('span', { class: 'logo-mark', 'aria-hidden': 'true' }), h('span', { class: 'brand-name' }, 'Fernhilfe'), h('span', { class: 'brand-sub' }, t('Expert console'))),
        this._userArea,
      ),
      this._main,
    );
    window.addEventListener('hashchange', () => this._route());
    window.addEventListener('pagehide', () => this._view?.destroy());
  }

  async start() {
    if (this._auth.signedIn) {
      this._route();
      try {
        const expert = await this._api.me();
        this._auth.updateExpert(expert);
        this._renderUser();
      } catch (error) {
        if (error.unauthorized) this._signedOut(t('Your sign-in has expired. Please sign in again.'));
      }
    } else {
      this._route();
    }
  }

  _route() {
    if (!this._auth.signedIn) {
      this._mount(new LoginView({ api: this._api, onSignedIn: (answer) => this._signedIn(answer), notice: this._notice }));
      this._notice = '';
      return;
    }
    const match = /^#\/session\/([^/]+)$/.exec(window.location.hash);
    if (match) {
      const view = new SessionView({
        api: this._api,
        auth: this._auth,
        sessionId: decodeURIComponent(match[1]),
        onBack: () => this._go('#/sessions'),
        onNewSession: () => this._createAndOpen(),
        onUnauthorized: () => this._signedOut(t('Your sign-in has expired. Please sign in again.')),
      });
      this._mount(view);
      view.start();
      return;
    }
    if (window.location.hash !== '#/sessions') {
      window.history.replaceState(null, '', '#/sessions');
    }
    const view = new SessionsView({
      api: this._api,
      onOpen: (id) => this._go(`#/session/${encodeURIComponent(id)}`),
      onUnauthorized: () => this._signedOut(t('Your sign-in has expired. Please sign in again.')),
    });
    this._mount(view);
    view.start();
  }

  _mount(view) {
    this._view?.destroy();
    this._view = view;
    this._main.replaceChildren(view.element);
    document.title = t('{title} — Fernhilfe Console', { title: view.title });
    this._renderUser();
    view.focus();
  }

  _go(hash) {
    if (window.location.hash === hash) this._route();
    else window.location.hash = hash;
  }

  async _createAndOpen() {
    try {
      const session = await this._api.createSession();
      this._go(`#/session/${encodeURIComponent(session.id)}`);
    } catch (error) {
      if (error.unauthorized) this._signedOut(t('Your sign-in has expired. Please sign in again.'));
      else this._go('#/sessions');
    }
  }

  _signedIn(answer) {
    this._auth.save({ token: answer.token, expert: answer.expert, expiresAt: answer.expires_at });
    if (!/^#\/session\//.test(window.location.hash)) window.history.replaceState(null, '', '#/sessions');
    this._route();
  }

  async _logout() {
    this._view?.destroy();
    this._view = null;
    try {
      await this._api.logout();
    } catch {
      // The token is dropped here either way; it expires on the server on its own.
    }
    window.history.replaceState(null, '', '#/sessions');
    this._signedOut(t('You have signed out.'));
  }

  _signedOut(notice) {
    // Several calls can fail with 401 at once; sign out (and show the form) only once.
    if (!this._auth.signedIn && this._view instanceof LoginView) return;
    this._auth.clear();
    this._notice = notice;
    this._route();
  }

  _renderUser() {
    const expert = this._auth.expert;
    this._userArea.hidden = !this._auth.signedIn;
    this._who.replaceChildren();
    if (expert) {
      this._who.append(
        h('span', { class: 'who-name' }, expert.name ?? expert.username ?? ''),
        h('span', { class: 'who-org' }, expert.organisation ?? ''),
      );
    }
  }
}

document.documentElement.lang = language;
new App(document.getElementById('app')).start();
