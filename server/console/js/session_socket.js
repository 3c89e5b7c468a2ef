import { FrameParser } from './frame_parser.js';
import { CLOSE, LIMITS } from './limits.js';
import { MessageCodec } from './message_codec.js';
import { ProtocolError } from './protocol_error.js';

const FROM_SERVER = new Set([
  'session', 'customer_joined', 'identity_code', 'tier_state', 'screen_info', 'control', 'chat', 'end', 'error',
  'admin_output', 'admin_exit', 'admin_refused', 'admin_unavailable', 'heartbeat', 'customer_link',
  'cursor', 'cursor_shape',
]);
const INPUT = new Set(['pointer_move', 'pointer_button', 'wheel', 'key', 'text']);

/**
 * The expert side of `/ws/expert` (docs/protocol.md): the session core, apart from the page.
 *
 * It authenticates first, validates every message, parses binary frames, hands them in order
 * to a renderer (`async drawFrame(frame)`), acknowledges each frame after it is drawn, asks
 * for a keyframe when none arrives, and reports what happens as DOM events:
 *
 * - `session`          detail: the `session` message (attached)
 * - `customerjoined`   detail: the `customer_joined` message
 * - `identitycode`     detail: the `identity_code` message (the code the customer sees too)
 * - `tierstate`        detail: the `tier_state` message
 * - `screeninfo`       detail: the `screen_info` message
 * - `control`          detail: the `control` message (who holds mouse and keyboard)
 * - `chat`             detail: the `chat` message (`by` and `at` set by the server)
 * - `customerlink`     detail: the `customer_link` message (the customer's connection dropped
 *                      and may resume: `reconnecting`; or it is back: `connected`)
 * - `cursor`           detail: the `cursor` message (where the customer's pointer is)
 * - `cursorshape`      detail: the `cursor_shape` message (a pointer image)
 * - `framedrawn`       detail: {seq, monitor, keyframe, tiles}
 * - `end`              detail: {by, reason} (also when this console ends the session)
 * - `servererror`      detail: the `error` message
 * - `close`            detail: {code, reason, error} — the socket is gone; `error` is the
 *                      code of the last `error` message, or a local one (`bad_message`)
 */
export class SessionSocket extends EventTarget {
  /**
   * @param {object} options
   * @param {string} options.url wss://host/ws/expert
   * @param {string} options.token bearer token from the REST login
   * @param {string} options.sessionId
   * @param {{drawFrame: Function}} options.renderer
   * @param {number} [options.keyframeWaitMs] how long to wait for a keyframe before `refresh`
   * @param {typeof WebSocket} [options.WebSocketImpl]
   */
  constructor({ url, token, sessionId, renderer, keyframeWaitMs = 1500, WebSocketImpl = WebSocket }) {
    super();
    this._url = url;
    this._token = token;
    this._sessionId = sessionId;
    this._renderer = renderer;
    this._keyframeWaitMs = keyframeWaitMs;
    this._WebSocket = WebSocketImpl;
    this._ws = null;
    this._attached = false;
    this._ended = false;
    this._closed = false;
    this._lastError = null;
    this._closeReported = false;
    this._drawing = Promise.resolve();
    this._keyframeSeen = new Set(); // monitors that had a keyframe since attaching
    this._keyframeTimer = null;
    this._lastRefreshAt = -Infinity;
    this._heartbeatTimer = null;
    this.framesDrawn = 0;
  }

  /** True between the server's `session` answer and the close. */
  get attached() {
    return this._attached && !this._closed;
  }

  get ended() {
    return this._ended;
  }

  /** Opens the WebSocket and sends `auth` as the first message. */
  connect() {
    if (this._ws) throw new Error('connect() is called once');
    const ws = new this._WebSocket(this._url);
    ws.binaryType = 'arraybuffer';
    ws.addEventListener('open', () => {
      this._send('auth', { protocol: LIMITS.PROTOCOL_VERSION, token: this._token, session_id: this._sessionId });
      // The server sees from these that the console is still there (docs/protocol.md, "Liveness").
      this._heartbeatTimer = setInterval(() => this._sendLive('heartbeat', {}), LIMITS.HEARTBEAT_INTERVAL_MS);
    });
    ws.addEventListener('message', (event) => this._onMessage(event.data));
    ws.addEventListener('close', (event) => this._onClose(event.code, event.reason));
    this._ws = ws;
  }

  /** The expert ends the session: `end` with reason `expert_ended`, then close 1000. */
  endSession() {
    if (this._closed || this._ended) return;
    this._ended = true;
    this._send('end', { reason: 'expert_ended', by: 'expert' });
    this._emit('end', { by: 'expert', reason: 'expert_ended' });
    this._close(CLOSE.NORMAL, 'expert ended the session');
  }

  /** Asks the customer for a keyframe. */
  requestRefresh() {
    if (!this.attached || this._ended) return;
    this._lastRefreshAt = performance.now();
    this._send('refresh');
  }

  /**
   * Asks the customer for a tier above view (`tier_request`).
   * @returns {boolean} false when not attached (nothing was sent)
   */
  requestTier(tier) {
    return this._sendLive('tier_request', { tier });
  }

  /** Gives a tier back (`tier_release`); the customer answers with `tier_revoke`. */
  releaseTier(tier) {
    return this._sendLive('tier_release', { tier });
  }

  /** Asks the customer to share another monitor (`select_monitor`). */
  selectMonitor(monitor) {
    return this._sendLive('select_monitor', { monitor });
  }

  /**
   * Sends one input message (`pointer_move`, `pointer_button`, `wheel`, `key`, `text`). The
   * caller sends input only while tier 2 is granted and the expert holds control.
   */
  sendInput(type, fields) {
    if (!INPUT.has(type)) throw new Error(`${type} is no input message`);
    return this._sendLive(type, fields);
  }

  /** Sends a chat message; the server fills in `by` and `at` for the customer. */
  sendChat(text) {
    return this._sendLive('chat', { text, by: 'expert' });
  }

  /** Runs one command line as administrator on the customer's computer (tier 3 granted). */
  runAdminCommand(id, command) {
    return this._sendLive('admin_command', { id, command });
  }

  /** Leaves the session running (the console can attach again) and closes the socket. */
  detach() {
    this._close(undefined, 'console detached');
  }

  // --- incoming ---------------------------------------------------------------------------

  _onMessage(data) {
    if (this._closed) return;
    if (typeof data === 'string') {
      let message;
      try {
        message = MessageCodec.decode(data);
      } catch (error) {
        this._fail(error);
        return;
      }
      this._onControl(message);
    } else {
      this._onBinary(data);
    }
  }

  _onControl(message) {
    if (!FROM_SERVER.has(message.type) || (!this._attached && !['session', 'error'].includes(message.type))) {
      console.warn(`fernhilfe: ignored ${message.type}, not allowed now`);
      return;
    }
    switch (message.type) {
      case 'session':
        this._attached = true;
        this._emit('session', message);
        if (message.state === 'active') this._armKeyframeTimer();
        break;
      case 'customer_joined':
        this._emit('customerjoined', message);
        break;
      case 'identity_code':
        this._emit('identitycode', message);
        break;
      case 'tier_state':
        if (message.tier === 1 && message.state === 'granted') this._armKeyframeTimer();
        if (message.tier === 1 && message.state !== 'granted' && message.state !== 'requested') {
          this._keyframeSeen.clear();
        }
        this._emit('tierstate', message);
        break;
      case 'screen_info':
        this._emit('screeninfo', message);
        break;
      case 'control':
        this._emit('control', message);
        break;
      case 'chat':
        this._emit('chat', message);
        break;
      case 'cursor':
        this._emit('cursor', message);
        break;
      case 'cursor_shape':
        this._emit('cursorshape', message);
        break;
      case 'customer_link':
        if (message.state === 'reconnecting') this._keyframeSeen.clear();
        this._emit('customerlink', message);
        break;
      case 'admin_output':
      case 'admin_exit':
      case 'admin_refused':
      case 'admin_unavailable':
        this._emit('admin', message);
        break;
      case 'end':
        this._ended = true;
        this._clearKeyframeTimer();
        this._emit('end', { by: message.by, reason: message.reason });
        break;
      case 'error':
        this._lastError = message.code;
        this._emit('servererror', message);
        break;
      default:
        break;
    }
  }

  _onBinary(data) {
    if (!this._attached || this._ended) {
      console.warn('fernhilfe: ignored a frame, not allowed now');
      return;
    }
    let frame;
    try {
      frame = FrameParser.parse(data);
    } catch (error) {
      this._fail(error);
      return;
    }
    // Frames are drawn strictly one after another, in the order they arrived.
    this._drawing = this._drawing.then(() => this._draw(frame));
  }

  async _draw(frame) {
    if (this._closed || this._ended) return;
    let result;
    try {
      result = await this._renderer.drawFrame(frame);
    } catch (error) {
      this._fail(error);
      return;
    }
    if (this._closed || this._ended) return;
    this.framesDrawn += 1;
    this._send('frame_ack', { seq: frame.seq });
    if (frame.keyframe) {
      this._keyframeSeen.add(frame.monitor);
      this._clearKeyframeTimer();
    } else if (!this._keyframeSeen.has(frame.monitor) || result?.resized || result?.skipped) {
      // Only changed tiles of a picture we never had: ask for the whole screen once in a while.
      if (performance.now() - this._lastRefreshAt > this._keyframeWaitMs) this.requestRefresh();
    }
    this._emit('framedrawn', {
      seq: frame.seq,
      monitor: frame.monitor,
      keyframe: frame.keyframe,
      tiles: frame.tiles.length,
      width: frame.monitorWidth,
      height: frame.monitorHeight,
    });
  }

  _armKeyframeTimer() {
    this._clearKeyframeTimer();
    if (this._keyframeSeen.size > 0) return;
    this._keyframeTimer = setTimeout(() => {
      this._keyframeTimer = null;
      if (this._keyframeSeen.size === 0 && this.attached && !this._ended) {
        this.requestRefresh();
        this._armKeyframeTimer(); // and again, until one arrives
      }
    }, this._keyframeWaitMs);
  }

  _clearKeyframeTimer() {
    if (this._keyframeTimer !== null) clearTimeout(this._keyframeTimer);
    this._keyframeTimer = null;
  }

  _stopHeartbeat() {
    if (this._heartbeatTimer !== null) clearInterval(this._heartbeatTimer);
    this._heartbeatTimer = null;
  }

  _onClose(code, reason) {
    const wasClosed = this._closed;
    this._closed = true;
    this._clearKeyframeTimer();
    this._stopHeartbeat();
    if (wasClosed && this._closeReported) return;
    this._closeReported = true;
    this._emit('close', { code, reason, error: this._lastError, ended: this._ended });
  }

  // --- outgoing ---------------------------------------------------------------------------

  /** Drops the stream after a malformed message or frame: `error` bad_message, close 4000. */
  _fail(error) {
    if (this._closed) return;
    const code = error instanceof ProtocolError ? error.code : 'bad_message';
    console.warn(`fernhilfe: dropping the stream: ${error.message}`);
    this._lastError = code;
    const message = String(error.message ?? error).slice(0, LIMITS.MAX_ERROR_TEXT_CHARS);
    this._send('error', { code, message });
    this._close(CLOSE.BAD_MESSAGE, 'bad message');
  }

  _send(type, fields = {}) {
    if (!this._ws || this._ws.readyState !== this._WebSocket.OPEN) return false;
    this._ws.send(MessageCodec.encode(type, fields));
    return true;
  }

  _sendLive(type, fields) {
    if (!this.attached || this._ended) return false;
    return this._send(type, fields);
  }

  _close(code, reason) {
    if (this._closed) return;
    this._closed = true;
    this._clearKeyframeTimer();
    this._stopHeartbeat();
    if (this._ws) {
      try {
        if (code === undefined) this._ws.close();
        else this._ws.close(code, reason);
      } catch {
        this._ws.close();
      }
    }
    // Report at once: the page must not wait for the server's closing handshake.
    this._closeReported = true;
    this._emit('close', { code: code ?? CLOSE.NORMAL, reason, error: this._lastError, ended: this._ended, local: true });
  }

  _emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
