import { ApiError } from '../api_error.js';
import { h } from '../dom.js';
import { effectiveState, formatDateTime, groupDigits, stateLabel } from '../format.js';

const POLL_MS = 15000;

/**
 * The expert's own sessions, newest first, and the "New session" button. Opening or
 * creating a session hands over to the session view through `onOpen(id)`.
 */
export class SessionsView {
  /**
   * @param {object} options
   * @param {import('../api.js').ApiClient} options.api
   * @param {Function} options.onOpen (sessionId) => void
   * @param {Function} options.onUnauthorized
   */
  constructor({ api, onOpen, onUnauthorized }) {
    this._api = api;
    this._onOpen = onOpen;
    this._onUnauthorized = onUnauthorized;
    this._timer = null;
    this._destroyed = false;

    this._newButton = h('button', { type: 'button', class: 'button primary', onClick: () => this._create() }, 'New session');
    this._reloadButton = h('button', { type: 'button', class: 'button', onClick: () => this.refresh() }, 'Refresh list');
    this._status = h('p', { class: 'status-line', role: 'status', 'aria-live': 'polite' });
    this._error = h('p', { class: 'banner error', role: 'alert', hidden: true });
    this._body = h('tbody');
    this._empty = h('p', { class: 'empty', hidden: true }, 'No sessions yet. Start one with “New session” and read its number to the customer.');
    this._table = h('table', { class: 'sessions-table' },
      h('caption', { class: 'visually-hidden' }, 'Your sessions, newest first'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Number'),
        h('th', { scope: 'col' }, 'State'),
        h('th', { scope: 'col' }, 'Created'),
        h('th', { scope: 'col' }, 'Ended'),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')),
      )),
      this._body,
    );

    this.heading = h('h1', { id: 'sessions-title', tabindex: '-1' }, 'Sessions');
    this.element = h('section', { class: 'sessions-view page', 'aria-labelledby': 'sessions-title' },
      h('div', { class: 'page-head' },
        h('div', {}, this.heading, h('p', { class: 'muted' }, 'Start a session, then read its number to the customer.')),
        h('div', { class: 'actions' }, this._reloadButton, this._newButton),
      ),
      this._error,
      h('div', { class: 'card' }, this._table, this._empty),
      this._status,
    );
    this.title = 'Sessions';
  }

  focus() {
    this.heading.focus();
  }

  start() {
    this.refresh();
    this._timer = setInterval(() => this.refresh({ quiet: true }), POLL_MS);
  }

  destroy() {
    this._destroyed = true;
    clearInterval(this._timer);
  }

  async refresh({ quiet = false } = {}) {
    if (!quiet) this._status.textContent = 'Loading sessions…';
    try {
      const sessions = await this._api.listSessions();
      if (this._destroyed) return;
      this._render(sessions);
      this._error.hidden = true;
      this._status.textContent = quiet ? '' : `${sessions.length} session${sessions.length === 1 ? '' : 's'}.`;
    } catch (error) {
      this._fail(error);
    }
  }

  async _create() {
    this._newButton.disabled = true;
    this._status.textContent = 'Creating a session…';
    try {
      const session = await this._api.createSession();
      if (this._destroyed) return;
      this._onOpen(session.id);
    } catch (error) {
      this._fail(error);
    } finally {
      this._newButton.disabled = false;
    }
  }

  _fail(error) {
    if (this._destroyed) return;
    if (error instanceof ApiError && error.unauthorized) {
      this._onUnauthorized();
      return;
    }
    this._status.textContent = '';
    this._error.textContent = error instanceof ApiError ? error.describe() : 'Something went wrong.';
    this._error.hidden = false;
  }

  _render(sessions) {
    const now = Date.now();
    this._body.replaceChildren(...sessions.map((session) => {
      const state = effectiveState(session, now);
      const open = state !== 'ended' && state !== 'expired';
      const display = session.number_display || groupDigits(session.number);
      return h('tr', { 'data-session-id': session.id },
        h('td', { class: 'number-cell' }, display),
        h('td', {}, h('span', { class: `pill state-${state}` }, stateLabel(state))),
        h('td', {}, formatDateTime(session.created_at)),
        h('td', {}, formatDateTime(session.ended_at)),
        h('td', { class: 'row-actions' }, open
          ? h('button', {
            type: 'button', class: 'button small', 'aria-label': `Open session ${display}`,
            onClick: () => this._onOpen(session.id),
          }, 'Open')
          : h('button', {
            type: 'button', class: 'button small ghost', 'aria-label': `Details of session ${display}`,
            onClick: () => this._onOpen(session.id),
          }, 'Details')),
      );
    }));
    this._table.hidden = sessions.length === 0;
    this._empty.hidden = sessions.length !== 0;
  }
}
