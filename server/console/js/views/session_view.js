import { ApiError } from '../api_error.js';
import { ControlState } from '../control_state.js';
import { Countdown } from '../countdown.js';
import { CopyDecoder } from '../decoders/copy_decoder.js';
import { JpegDecoder } from '../decoders/jpeg_decoder.js';
import { PaletteDecoder } from '../decoders/palette_decoder.js';
import { SolidDecoder } from '../decoders/solid_decoder.js';
import { Vp8Decoder } from '../decoders/vp8_decoder.js';
import { ZlibRgbDecoder } from '../decoders/zlib_rgb_decoder.js';
import { h } from '../dom.js';
import { effectiveState, groupDigits } from '../format.js';
import { KEY_COMBOS } from '../key_combos.js';
import { CLOSE } from '../limits.js';
import { RemoteInput } from '../remote_input.js';
import { ScreenView } from '../screen_view.js';
import { SessionSocket } from '../session_socket.js';
import { TileStream } from '../tile_stream.js';
import { AdminPanel } from './admin_panel.js';
import { ChatPanel } from './chat_panel.js';
import { ControlBar } from './control_bar.js';
import { CopyButton } from './copy_button.js';
import { EndConfirm } from './end_confirm.js';
import { KeyMenu } from './key_menu.js';
import { MonitorPicker } from './monitor_picker.js';
import { PermissionsList } from './permissions_list.js';
import { ReceiptPanel } from './receipt_panel.js';
import { ScaleToggle } from './scale_toggle.js';
import { t, tNodes } from '../i18n.js';

const RECONNECT_DELAYS_S = [1, 2, 4, 8, 15, 30];
const NETWORK_CLOSES = new Set([CLOSE.NORMAL, CLOSE.GOING_AWAY, CLOSE.ABNORMAL, CLOSE.INTERNAL, 1005, 1012, 1013, 1014]);

// phase -> [short label for the badge, sentence for the status region]
const PHASES = {
  loading: [t('Loading'), t('Loading the session…')],
  connecting: [t('Connecting'), t('Connecting to the session…')],
  waiting: [t('Waiting'), t('Waiting for the customer to enter the number.')],
  joined: [t('Asking for consent'), t('Customer joined. Asking them for consent to view their screen…')],
  viewing: [t('Viewing'), t("Viewing the customer's screen.")],
  customer_reconnecting: [t('Customer reconnecting'), t("The customer's connection dropped. Waiting up to a minute for it to come back…")],
  denied: [t('Consent refused'), t('The customer declined to share their screen.')],
  revoked: [t('Paused'), t('The customer stopped sharing their screen.')],
  expired: [t('Expired'), t('The session number expired before a customer joined. Start a new session.')],
  ended: [t('Ended'), t('The session has ended.')],
  busy: [t('Open elsewhere'), t('This session is open in another console window or tab.')],
  dropped: [t('Stream dropped'), t('The picture from the customer was damaged, so the stream was stopped.')],
  refused: [t('Reconnecting'), t('The server refused a message because the session changed meanwhile. Reconnecting…')],
  disconnected: [t('Disconnected'), t('The connection to the support server was lost.')],
  restarting: [t('Server restarting'), t('The support server is restarting; the session goes on once it is back.')],
  failed: [t('Unavailable'), t('The session could not be opened.')],
};

// phase -> [panel title, hint] for the phases without a picture or number to show.
const PANELS = {
  joined: [t('Asking for consent'), t('The customer sees a dialog naming you and your organisation. Their screen appears here as soon as they allow it.')],
  denied: [t('Consent refused'), t('Nothing was shared. End the session, or start a new one if the customer changes their mind.')],
  revoked: [t('Sharing paused'), t('The picture comes back when the customer shares their screen again.')],
  expired: [t('Number expired'), t('A session number works for 10 minutes. Start a new session and read the new number to the customer.')],
  ended: [t('Session ended'), t('Nothing more is shared. Start a new session when the customer needs help again.')],
  busy: [t('Open elsewhere'), t('Only one console window can show a session. Choose “Use it here” to show it in this window.')],
  dropped: [t('Picture stream stopped'), t("The customer's app sent a picture the console could not read. Reconnect to get a fresh picture.")],
  disconnected: [t('Connection lost'), t('The console tries again on its own; the session goes on meanwhile.')],
  restarting: [t('Server restarting'), t('The console attaches again on its own once the server is back; the customer reconnects too.')],
  refused: [t('Reconnecting'), t('The console attaches again on its own; the session goes on meanwhile.')],
  failed: [t('Session unavailable'), t('Go back to the list of sessions, or try again.')],
};

const END_TEXT = {
  customer_ended: t('Session ended by the customer.'),
  expert_ended: t('Session ended by you.'),
  consent_denied: t('Session ended: the customer declined to share their screen.'),
  connection_lost: t("Session ended: the customer's connection was lost."),
  server_shutdown: t('Session ended: the support server shut down.'),
  number_expired: t('Session ended: the number expired before a customer joined.'),
};

/**
 * One session: its number while waiting, the consent progress, the customer's screen while
 * viewing, remote control, chat, and "End session". Owns a SessionSocket and a ControlState
 * (the session core), a ScreenView (canvas) and RemoteInput (mouse and keyboard capture), and
 * translates their events into what the expert sees.
 */
export class SessionView {
  /**
   * @param {object} options
   * @param {import('../api.js').ApiClient} options.api
   * @param {import('../auth_store.js').AuthStore} options.auth
   * @param {string} options.sessionId
   * @param {Function} options.onBack
   * @param {Function} options.onNewSession
   * @param {Function} options.onUnauthorized
   */
  constructor({ api, auth, sessionId, onBack, onNewSession, onUnauthorized }) {
    this._api = api;
    this._auth = auth;
    this._sessionId = sessionId;
    this._onNewSession = onNewSession;
    this._onUnauthorized = onUnauthorized;
    this._session = null;
    this._socket = null;
    this._countdown = null;
    this._reconnectTimer = null;
    this._reconnectAttempt = 0;
    this._serverRestarting = false;
    this._destroyed = false;
    this._phase = null;

    this.heading = h('h1', { id: 'session-title', tabindex: '-1' }, t('Session'));
    this._badge = h('span', { class: 'pill phase-badge' });
    this._status = h('p', { class: 'session-status', id: 'session-status', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    this._detail = h('p', { class: 'session-detail muted' });
    this._identityCode = h('p', { class: 'identity-code', id: 'identity-code', hidden: true });
    this._endButton = h('button', { type: 'button', class: 'button danger', disabled: true, onClick: () => this._askToEnd() }, t('End session'));
    this._endConfirm = new EndConfirm({ trigger: this._endButton, onConfirm: () => this._end(), onCancel: () => this._endButton.focus() });
    this._label = h('p', { class: 'session-label', hidden: true });
    this._reconnectButton = h('button', { type: 'button', class: 'button', hidden: true, onClick: () => this._reconnectNow() }, t('Reconnect'));
    this._panelTitle = h('h2', { class: 'info-title' });
    this._panelText = h('p', { class: 'info-text' });
    this._panelActions = h('div', { class: 'actions info-actions', hidden: true },
      h('button', { type: 'button', class: 'button primary', onClick: () => onNewSession() }, t('New session')),
      h('button', { type: 'button', class: 'button', onClick: () => onBack() }, t('All sessions')),
    );
    this._receipt = new ReceiptPanel();
    this._infoPanel = h('div', { class: 'info-panel card', hidden: true }, this._panelTitle, this._panelText, this._panelActions, this._receipt.element);

    this._number = h('p', { class: 'session-number', id: 'session-number' });
    this._copyNumber = new CopyButton({ source: this._number, label: t('Copy number') });
    this._countdownText = h('span', { class: 'countdown-value' }, '–:––');
    this._numberPanel = h('div', { class: 'number-panel card', role: 'group', hidden: true, 'aria-labelledby': 'number-label' },
      h('p', { class: 'number-label', id: 'number-label' }, t('Session number')),
      h('div', { class: 'number-row' }, this._number, this._copyNumber.element, this._copyNumber.status),
      h('p', { class: 'number-instruction' }, t('Read this number to the customer. They enter it in the Fernhilfe app to join.')),
      h('p', { class: 'countdown muted' }, ...tNodes('Valid for {time} (until a customer joins)', { time: this._countdownText })),
    );

    this._stats = h('p', { class: 'screen-stats muted', 'aria-hidden': 'true' });
    this._control = new ControlState();
    this._control.addEventListener('change', () => this._renderControl());
    this._customerJoined = false;

    // The screen and its toolbar: remote control, monitors, scale.
    this._screenHost = h('div', { class: 'screen-host', hidden: true });
    this._toolbar = h('div', { class: 'screen-toolbar', role: 'group', 'aria-label': t('Screen controls') });
    this._screenHost.append(this._toolbar);
    // One tile stream per view: PALETTE tiles continue it from keyframe to keyframe.
    const stream = new TileStream();
    const decoders = [
      new JpegDecoder(), new ZlibRgbDecoder(), new SolidDecoder(), new PaletteDecoder(stream), new Vp8Decoder(),
      new CopyDecoder(),
    ];
    this._screen = new ScreenView(this._screenHost, decoders);
    this._input = new RemoteInput({
      surface: this._screen.stage,
      screen: this._screen,
      send: (type, fields) => this._socket?.sendInput(type, fields),
      onLeave: () => this._keyMenu.button.focus(),
    });
    this._screen.element.prepend(this._input.sink);
    this._keyMenu = new KeyMenu({ combos: KEY_COMBOS, onSelect: (combo) => this._sendCombo(combo) });
    const hint = h('p', { class: 'keyboard-hint', id: this._input.hintId, hidden: true },
      t('Mouse and keys go to the customer. Click the screen to type; Ctrl+Alt leaves it.'));
    this._controlBar = new ControlBar({
      onAsk: () => this._askForControl(), onRelease: () => this._releaseControl(), keyMenu: this._keyMenu.element, hint,
    });
    this._monitorPicker = new MonitorPicker({ onSelect: (id) => this._selectMonitor(id) });
    this._scaleToggle = new ScaleToggle({ onChange: (mode) => this._screen.setMode(mode) });
    this._toolbar.append(this._controlBar.element,
      h('div', { class: 'toolbar-end' }, this._monitorPicker.element, this._scaleToggle.element));
    this._screenHost.insertBefore(this._controlBar.strip, this._screen.element);
    this._screen.addEventListener('viewchange', () => this._onViewChange());
    this._screen.addEventListener('switchtimeout', () => this._announce(t("The customer's app did not switch screens.")));

    this._admin = new AdminPanel({
      onAsk: () => this._askForAdmin(),
      onRelease: () => this._socket?.releaseTier(3),
      onRun: (id, command) => this._socket?.runAdminCommand(id, command) ?? false,
    });
    this._permissions = new PermissionsList();
    this._announcer = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
    this._chat = new ChatPanel({ onSend: (text) => this._socket?.sendChat(text) ?? false });
    this._chat.toggle.hidden = true;
    this._chat.element.hidden = true;

    this.element = h('section', { class: 'session-view', 'aria-labelledby': 'session-title', 'data-phase': 'loading' },
      h('div', { class: 'session-bar' },
        h('button', { type: 'button', class: 'button ghost', onClick: () => onBack() }, t('← All sessions')),
        h('div', { class: 'session-heading' }, this.heading, this._badge, this._label),
        h('div', { class: 'actions' }, this._chat.toggle, this._reconnectButton, this._endButton, this._endConfirm.element),
      ),
      h('div', { class: 'session-status-row' }, this._status, this._detail, this._identityCode, this._permissions.element, this._stats, this._announcer),
      h('div', { class: 'session-body' },
        h('div', { class: 'session-main' }, this._numberPanel, this._infoPanel, this._screenHost, this._admin.element),
        this._chat.element,
      ),
    );
    this.title = t('Session');
    this._setPhase('loading');
    this._renderControl();
  }

  /** The phase shown (also in the element's data-phase attribute). */
  get phase() {
    return this._phase;
  }

  focus() {
    this.heading.focus();
  }

  async start() {
    try {
      this._session = await this._api.getSession(this._sessionId);
    } catch (error) {
      if (this._destroyed) return;
      if (error instanceof ApiError && error.unauthorized) {
        this._onUnauthorized();
        return;
      }
      this._setPhase('failed', error instanceof ApiError ? error.describe() : undefined);
      this._reconnectButton.hidden = false;
      this._reconnectButton.textContent = t('Try again');
      return;
    }
    if (this._destroyed) return;
    const display = this._session.number_display || groupDigits(this._session.number);
    this.heading.textContent = t('Session {number}', { number: display });
    this.title = this.heading.textContent;
    document.title = t('{title} — Fernhilfe Console', { title: this.title });
    this._label.textContent = this._session.label ?? '';
    this._label.hidden = !this._session.label;
    this._number.textContent = display;
    const state = effectiveState(this._session);
    if (state === 'ended') {
      this._showEnded(null);
      return;
    }
    if (state === 'expired') {
      this._setPhase('expired');
      this._finish();
      return;
    }
    this._connect();
  }

  destroy() {
    this._destroyed = true;
    clearTimeout(this._reconnectTimer);
    this._countdown?.stop();
    this._input.releaseAll();
    this._socket?.detach();
    this._input.destroy();
    this._keyMenu.destroy();
    this._screen.destroy();
  }

  // --- the socket --------------------------------------------------------------------------

  _connect() {
    clearTimeout(this._reconnectTimer);
    this._reconnectButton.hidden = true;
    this._setPhase('connecting');
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new SessionSocket({
      url: `${scheme}://${window.location.host}/ws/expert`,
      token: this._auth.token ?? '',
      sessionId: this._sessionId,
      renderer: this._screen,
    });
    socket.addEventListener('session', (e) => this._onSession(e.detail));
    socket.addEventListener('customerjoined', (e) => this._onCustomerJoined(e.detail));
    socket.addEventListener('identitycode', (e) => this._showIdentityCode(e.detail.code));
    socket.addEventListener('tierstate', (e) => this._onTierState(e.detail));
    socket.addEventListener('screeninfo', (e) => this._screen.setMonitors(e.detail.monitors));
    socket.addEventListener('cursorshape', (e) => this._screen.cursor.addShape(e.detail));
    socket.addEventListener('cursor', (e) => this._screen.cursor.move(e.detail));
    socket.addEventListener('control', (e) => this._control.applyControl(e.detail));
    socket.addEventListener('chat', (e) => this._chat.addMessage(e.detail));
    socket.addEventListener('customerlink', (e) => this._onCustomerLink(e.detail));
    socket.addEventListener('admin', (e) => this._admin.apply(e.detail));
    socket.addEventListener('framedrawn', (e) => this._onFrameDrawn(e.detail));
    socket.addEventListener('end', (e) => this._showEnded(e.detail));
    socket.addEventListener('close', (e) => this._onClose(e.detail));
    this._socket = socket;
    socket.connect();
    this._renderControl();
  }

  _onSession(message) {
    this._reconnectAttempt = 0;
    this._serverRestarting = false;
    this._endButton.disabled = false;
    this._renderControl();
    this._session = { ...this._session, state: message.state, expires_at: message.expires_at };
    if (message.state === 'waiting') {
      this._setPhase('waiting');
      this._startCountdown(message.expires_at);
    } else if (message.state === 'joined') {
      // After a refusal or a revoked view the session is "joined" again: keep saying why.
      if (this._phase !== 'denied' && this._phase !== 'revoked') this._setPhase('joined');
    } else if (message.state === 'active') {
      this._setPhase('viewing');
    } else {
      this._showEnded(null);
    }
  }

  _onCustomerJoined(message) {
    this._countdown?.stop();
    this._showChat();
    this._detail.textContent = message.client ? t("Customer's app: {client}", { client: message.client }) : '';
    if (this._phase === 'waiting' || this._phase === 'connecting') this._setPhase('joined');
  }

  _showIdentityCode(code) {
    this._identityCode.textContent = t("Security code: {code} — the customer's dialog shows the same code.", { code });
    this._identityCode.hidden = false;
  }

  _onTierState(message) {
    this._control.applyTierState(message);
    if (message.tier !== 1) return;
    this._countdown?.stop();
    this._showChat();
    if (message.state === 'requested') this._setPhase('joined');
    else if (message.state === 'granted') this._setPhase('viewing');
    else if (message.state === 'denied') this._setPhase('denied');
    else if (message.state === 'revoked') {
      this._screen.clear();
      this._setPhase('revoked');
    }
  }

  _onCustomerLink(message) {
    if (message.state === 'reconnecting') this._setPhase('customer_reconnecting');
    else if (this._phase === 'customer_reconnecting') this._setPhase('joined');
  }

  _onFrameDrawn(frame) {
    if (['joined', 'connecting', 'customer_reconnecting'].includes(this._phase)) this._setPhase('viewing');
    const drawn = this._socket?.framesDrawn ?? 0;
    this._stats.textContent = drawn === 1
      ? t('{width} × {height} px · 1 frame', frame)
      : t('{width} × {height} px · {count} frames', { ...frame, count: drawn });
  }

  _onClose({ code, reason, error, ended }) {
    this._endButton.disabled = true;
    this._endConfirm.close();
    this._control.connectionLost();
    this._renderControl();
    if (this._destroyed || ended || this._phase === 'ended') return;
    if (code === CLOSE.UNAUTHORIZED || error === 'unauthorized') {
      this._onUnauthorized();
      return;
    }
    if (code === CLOSE.SESSION_ENDED || error === 'session_ended') {
      this._showEnded(null);
      return;
    }
    if (code === CLOSE.SESSION_BUSY || error === 'session_busy') {
      this._setPhase('busy');
      this._reconnectButton.textContent = t('Use it here');
      this._reconnectButton.hidden = false;
      return;
    }
    if (error === 'not_allowed') {
      // A message of this console crossed a change of the session (say, input just after the
      // customer took control back): nothing is broken, attach again.
      this._scheduleReconnect('refused');
      return;
    }
    if (code === CLOSE.BAD_MESSAGE || error === 'bad_message') {
      this._setPhase('dropped');
      this._reconnectButton.textContent = t('Reconnect');
      this._reconnectButton.hidden = false;
      return;
    }
    if (NETWORK_CLOSES.has(code) || code < 4000) {
      // Attempts that fail while the server is still down go on saying it restarts.
      if (reason === 'server_restart') this._serverRestarting = true;
      this._scheduleReconnect(this._serverRestarting ? 'restarting' : 'disconnected');
      return;
    }
    this._setPhase('failed', t('The server closed the connection (code {code}).', { code }));
    this._reconnectButton.textContent = t('Reconnect');
    this._reconnectButton.hidden = false;
  }

  _scheduleReconnect(phase = 'disconnected') {
    const delay = RECONNECT_DELAYS_S[Math.min(this._reconnectAttempt, RECONNECT_DELAYS_S.length - 1)];
    this._reconnectAttempt += 1;
    const why = {
      refused: t('The server refused a message because the session changed meanwhile.'),
      restarting: t('The support server is restarting; the session goes on once it is back.'),
    }[phase] ?? t('The connection to the support server was lost.');
    this._setPhase(phase, t('{why} Reconnecting in {delay} s…', { why, delay }));
    this._reconnectButton.textContent = t('Reconnect now');
    this._reconnectButton.hidden = false;
    this._reconnectTimer = setTimeout(() => this._connect(), delay * 1000);
  }

  _reconnectNow() {
    if (document.activeElement === this._reconnectButton) this.heading.focus();
    if (this._session === null) {
      this.start();
      return;
    }
    this._connect();
  }

  _askToEnd() {
    if (this._socket?.attached) this._endConfirm.open();
  }

  _end() {
    if (!this._socket?.attached) return;
    this._socket.endSession();
  }

  // --- remote control, monitors, chat ------------------------------------------------------

  _askForControl() {
    if (!this._control.canAsk(2) || !this._socket?.requestTier(2)) return;
    this._control.asked(2);
  }

  _askForAdmin() {
    if (!this._control.canAsk(3) || !this._socket?.requestTier(3)) return;
    this._control.asked(3);
  }

  _releaseControl() {
    if (this._control.tier(2) !== 'granted') return;
    this._input.releaseAll(); // every key and button up before control goes back
    this._control.released(2);
    this._socket?.releaseTier(2);
  }

  _sendCombo(combo) {
    if (this._input.sendCombo(combo)) {
      this._announce(t('Sent {keys}.', { keys: combo.label }));
      this._input.focus();
    }
  }

  _selectMonitor(id) {
    if (this._screen.selectMonitor(id)) this._socket?.selectMonitor(id);
  }

  _onViewChange() {
    const shown = this._screen.shownMonitor;
    if (this._lastShown !== undefined && shown !== this._lastShown && shown !== null) {
      const index = this._screen.monitors.findIndex((m) => m.id === shown);
      if (index >= 0 && this._screen.monitors.length > 1) this._announce(t('Showing screen {n}.', { n: index + 1 }));
    }
    this._lastShown = shown;
    this._monitorPicker.render(this._screen.monitors, shown, this._screen.wantedMonitor);
    this._scaleToggle.render(this._screen.mode);
    this._updateInput();
  }

  /** Input goes out only while the expert holds control of a picture on an attached socket. */
  _updateInput() {
    const attached = this._socket?.attached === true && !this._socket.ended;
    const live = attached && !['ended', 'revoked', 'dropped', 'refused', 'disconnected', 'restarting'].includes(this._phase);
    this._input.setAvailable(live && this._control.tier(2) === 'granted');
    this._input.setActive(live && this._control.expertHasInput && this._screen.canvas !== null);
    this._keyMenu.setEnabled(this._input.active);
    this._screenHost.dataset.input = this._input.active ? 'expert' : (this._control.holder ?? 'none');
  }

  _renderControl() {
    if (!this._controlBar) return;
    const attached = this._socket?.attached === true && !this._socket.ended;
    this._controlBar.render({ status: this._control.controlStatus, canAsk: this._control.canAsk(2), attached });
    this._permissions.render((tier) => this._control.tier(tier), this._phase === 'ended');
    this._admin?.render({
      control: this._control.tier(2), admin: this._control.tier(3), asking: this._control.isAsking(3), attached,
    });
    this._permissions.element.hidden = !this._customerJoined;
    this._renderBadge();
    this._updateInput();
  }

  /** The header pill: the phase, or "In control" while the expert holds remote control. */
  _renderBadge() {
    if (!this._badge || this._phaseLabel === undefined) return;
    const controlling = this._phase === 'viewing' && this._control.tier(2) === 'granted';
    let label = controlling ? t('In control') : this._phaseLabel;
    if (controlling && this._control.tier(3) === 'granted') label = t('Admin rights');
    if (this._badge.textContent !== label) this._badge.textContent = label;
    this._badge.className = `pill phase-badge phase-${controlling ? 'controlling' : this._phase}`;
  }

  _showChat() {
    if (this._customerJoined) return;
    this._customerJoined = true;
    this._chat.toggle.hidden = false;
    this._chat.setOpen(true);
    this._renderControl();
    this._renderChatState();
  }

  _renderChatState() {
    if (!this._chat) return;
    const attached = this._socket?.attached === true && !this._socket.ended;
    let note = t('Not connected: messages can be sent once the console is attached again.');
    if (this._phase === 'ended') note = t('The session has ended.');
    this._chat.setEnabled(this._customerJoined && attached && this._phase !== 'ended', note);
  }

  _announce(text) {
    this._announcer.textContent = '';
    setTimeout(() => { this._announcer.textContent = text; }, 50);
  }

  // --- what the expert sees ----------------------------------------------------------------

  _showEnded(detail) {
    this._countdown?.stop();
    let text = PHASES.ended[1];
    if (detail) {
      text = END_TEXT[detail.reason]
        ?? (detail.by === 'customer' ? END_TEXT.customer_ended
          : detail.by === 'expert' ? END_TEXT.expert_ended : t('Session ended by the server.'));
    }
    this._setPhase('ended', text);
    this._finish();
    this._receipt.load(this._api, this._sessionId);
  }

  _finish() {
    clearTimeout(this._reconnectTimer);
    const hadFocus = [this._endButton, this._reconnectButton].includes(document.activeElement);
    this._endConfirm.close();
    this._endButton.hidden = true;
    this._reconnectButton.hidden = true;
    this._panelActions.hidden = false;
    if (hadFocus || document.activeElement === document.body) this._panelActions.querySelector('button').focus();
  }

  _startCountdown(expiresAt) {
    this._countdown?.stop();
    const deadline = Date.parse(expiresAt);
    if (Number.isNaN(deadline)) return;
    this._countdown = new Countdown(this._countdownText, deadline, () => {
      if (this._phase === 'waiting') this._setPhase('expired');
    });
  }

  _setPhase(phase, text = undefined) {
    const [label, sentence] = PHASES[phase];
    const changed = this._phase !== phase;
    this._phase = phase;
    this.element.dataset.phase = phase;
    this._phaseLabel = label;
    this._renderBadge();
    const statusText = text ?? sentence;
    if (this._status.textContent !== statusText) this._status.textContent = statusText;
    this._numberPanel.hidden = phase !== 'waiting';
    // Keep the last picture visible while paused or reconnecting; hide it once it means nothing.
    const showScreen = phase === 'viewing'
      || (['revoked', 'dropped', 'disconnected', 'restarting', 'refused', 'connecting', 'customer_reconnecting'].includes(phase) && this._screen.canvas !== null);
    this._screenHost.hidden = !showScreen;
    if (!showScreen) this._stats.textContent = '';
    if (changed && phase === 'expired') this._panelActions.hidden = false;
    const panel = showScreen ? null : PANELS[phase];
    this._infoPanel.hidden = !panel;
    if (panel) {
      this._panelTitle.textContent = panel[0];
      this._panelText.textContent = panel[1];
    }
    this._toolbar.hidden = !showScreen;
    this._controlBar.strip.hidden = !showScreen;
    this._renderControl();
    this._renderChatState();
  }
}
