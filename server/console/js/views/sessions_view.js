import { ApiError } from '../api_error.js';
import { h } from '../dom.js';
import { effectiveState, formatDate, formatDuration, formatTime, groupDigits, outcomeOf } from '../format.js';
import { t } from '../i18n.js';

const POLL_MS = 15000;
const MAX_LABEL_CHARS = 100;

/**
 * The expert's own sessions, newest first (number, whom it is for, date, duration, outcome), and
 * "New session" with an optional label. Opening or creating a session hands over to the
 * session view through `onOpen(id)`.
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

    this._label = h('input', {
      id: 'new-session-label', type: 'text', maxlength: String(MAX_LABEL_CHARS), autocomplete: 'off',
      placeholder: t('e.g. ticket 4711, Ms Krüger'),
    });
    this._newButton = h('button', { type: 'submit', class: 'button primary' }, t('New session'));
    this._newForm = h('form', { class: 'new-session', onSubmit: (e) => { e.preventDefault(); this._create(); } },
      h('label', { for: 'new-session-label' }, t('Customer or ticket (optional)')), this._label, this._newButton);
    this._reloadButton = h('button', { type: 'button', class: 'button', onClick: () => this.refresh() }, t('Refresh list'));
    this._status = h('p', { class: 'status-line', role: 'status', 'aria-live': 'polite' });
    this._error = h('p', { class: 'banner error', role: 'alert', hidden: true });
    this._body = h('tbody');
    this._empty = h('p', { class: 'empty', hidden: true }, t('No sessions yet. Start one with “New session” and read its number to the customer.'));
    this._table = h('table', { class: 'sessions-table' },
      h('caption', { class: 'visually-hidden' }, t('Your sessions, newest first')),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('Number')),
        h('th', { scope: 'col' }, t('For')),
        h('th', { scope: 'col' }, t('Date')),
        h('th', { scope: 'col' }, t('Duration')),
        h('th', { scope: 'col' }, t('Outcome')),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('Actions'))),
      )),
      this._body,
    );

    this.heading = h('h1', { id: 'sessions-title', tabindex: '-1' }, t('Sessions'));
    this.element = h('section', { class: 'sessions-view page', 'aria-labelledby': 'sessions-title' },
      h('div', { class: 'page-head' },
        h('div', {}, this.heading, h('p', { class: 'muted' }, t('Start a session, then read its number to the customer.'))),
        h('div', { class: 'actions' }, this._reloadButton, this._newForm),
      ),
      this._error,
      h('div', { class: 'card' }, this._table, this._empty),
      this._status,
    );
    this.title = t('Sessions');
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
    if (!quiet) this._status.textContent = t('Loading sessions…');
    try {
      const sessions = await this._api.listSessions();
      if (this._destroyed) return;
      this._render(sessions);
      this._error.hidden = true;
      if (quiet) this._status.textContent = '';
      else this._status.textContent = sessions.length === 1 ? t('1 session.') : t('{count} sessions.', { count: sessions.length });
    } catch (error) {
      this._fail(error);
    }
  }

  async _create() {
    this._newButton.disabled = true;
    this._status.textContent = t('Creating a session…');
    try {
      const session = await this._api.createSession(this._label.value.trim());
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
    this._error.textContent = error instanceof ApiError ? error.describe() : t('Something went wrong.');
    this._error.hidden = false;
  }

  _render(sessions) {
    const now = Date.now();
    this._body.replaceChildren(...sessions.map((session) => {
      const state = effectiveState(session, now);
      const open = state !== 'ended' && state !== 'expired';
      const display = session.number_display || groupDigits(session.number);
      const [outcome, outcomeText] = outcomeOf(session, now);
      const created = new Date(session.created_at);
      const when = Number.isNaN(created.getTime()) ? '' : `${formatDate(session.created_at)} ${formatTime(created)}`;
      return h('tr', { 'data-session-id': session.id, 'data-outcome': outcome },
        h('td', { class: 'number-cell' }, display),
        h('td', { class: 'label-cell', title: session.label ?? '' }, session.label ?? ''),
        h('td', {}, when),
        h('td', { class: 'duration-cell' }, session.ended_at ? formatDuration(session.created_at, session.ended_at) : ''),
        h('td', {}, h('span', { class: `pill state-${state} outcome-${outcome}` }, outcomeText)),
        h('td', { class: 'row-actions' }, open
          ? h('button', {
            type: 'button', class: 'button small', 'aria-label': t('Open session {number}', { number: display }),
            onClick: () => this._onOpen(session.id),
          }, t('Open'))
          : h('button', {
            type: 'button', class: 'button small ghost', 'aria-label': t('Details of session {number}', { number: display }),
            onClick: () => this._onOpen(session.id),
          }, t('Details'))),
      );
    }));
    this._table.hidden = sessions.length === 0;
    this._empty.hidden = sessions.length !== 0;
  }
}
