import { KeyboardTranslator } from './keyboard_translator.js';
import { PointerMapper } from './pointer_mapper.js';
import { WheelAccumulator } from './wheel_accumulator.js';
import { t } from './i18n.js';

// PointerEvent.buttons bits and PointerEvent.button numbers -> protocol button names.
const BUTTON_BITS = [[1, 'left'], [2, 'right'], [4, 'middle'], [8, 'back'], [16, 'forward']];
const BUTTON_NUMBERS = ['left', 'middle', 'right', 'back', 'forward'];

/**
 * Captures the expert's mouse and keyboard on the customer's screen while the expert holds
 * control, and sends them as input messages (docs/protocol.md, "Remote control (tier 2)").
 *
 * Pointer: events on the surface (the stage around the canvas) are mapped through the visible
 * canvas's bounding rectangle to the monitor's physical pixels (PointerMapper), so fit-to-window
 * and 1:1 with scrolling map alike. Moves are coalesced to at most one `pointer_move` per
 * animation frame; a button carries its own position, so a move still waiting is dropped when a
 * button goes down or up. The wheel is summed into notches (WheelAccumulator) and sent once per
 * frame. A press on the canvas captures the pointer: a drag may leave the canvas and is clamped
 * to its edge. The context menu, text selection, middle-click scrolling and the browser's
 * back/forward buttons are suppressed on the canvas.
 *
 * Keyboard: a visually hidden textarea (`sink`) takes the focus when the expert clicks the
 * screen (or tabs to it). Keys are split by KeyboardTranslator: typed characters come from the
 * textarea's input events (so dead keys, AltGr and input methods give their result) and go as
 * `text`; other keys and shortcuts go as `key` down and up. On blur, and when the expert gives
 * control back, every key and button sent down is sent up. Pressing Ctrl+Alt together and
 * letting go (no other key) leaves the screen: the keyboard is the expert's own again.
 *
 * Nothing is sent unless `setActive(true)`: the owner switches it on only while tier 2 is
 * granted, the expert holds control and the socket is attached. Switching it off forgets what
 * is down without sending ups (the customer releases everything itself when it takes control
 * or the tier ends).
 */
export class RemoteInput {
  /**
   * @param {object} options
   * @param {HTMLElement} options.surface element around the canvas that receives pointer events
   * @param {{canvas: HTMLCanvasElement|null, shownMonitor: number|null}} options.screen
   * @param {(type: string, fields: object) => void} options.send
   * @param {() => void} [options.onLeave] Ctrl+Alt was pressed to leave the screen
   * @param {boolean} [options.mac]
   */
  constructor({ surface, screen, send, onLeave = () => {}, mac = RemoteInput.isMac() }) {
    this._surface = surface;
    this._screen = screen;
    this._send = send;
    this._onLeave = onLeave;
    this._keys = new KeyboardTranslator({ mac });
    this._wheel = new WheelAccumulator();
    this._active = false;
    this._pressed = new Set(); // button names sent down
    this._lastPoint = null; // {monitor, x, y} of the last message with a position
    this._pendingMove = null;
    this._wheelPoint = null;
    this._frame = 0;
    this._leaveArmed = false;
    this.messagesSent = 0;

    this.hintId = `keyboard-hint-${Math.random().toString(36).slice(2, 8)}`;
    this.sink = document.createElement('textarea');
    this.sink.className = 'keyboard-sink';
    this.sink.setAttribute('aria-label', t("Keyboard to the customer's computer"));
    this.sink.setAttribute('aria-describedby', this.hintId);
    for (const [name, value] of [['autocomplete', 'off'], ['autocorrect', 'off'], ['autocapitalize', 'off'], ['spellcheck', 'false'], ['rows', '1']]) {
      this.sink.setAttribute(name, value);
    }
    this.sink.disabled = true;

    const aborter = new AbortController();
    this._aborter = aborter;
    const on = (target, type, handler, options = {}) => target.addEventListener(type, handler, { ...options, signal: aborter.signal });
    on(surface, 'pointerdown', (e) => this._onPointerDown(e));
    on(surface, 'pointermove', (e) => this._onPointerMove(e));
    on(surface, 'pointerup', (e) => this._onPointerUp(e));
    on(surface, 'pointercancel', () => this._releaseButtons());
    on(surface, 'lostpointercapture', () => this._releaseButtons());
    on(surface, 'mousedown', (e) => this._onMouseDown(e));
    on(surface, 'mouseup', (e) => this._suppressOnCanvas(e));
    on(surface, 'auxclick', (e) => this._suppressOnCanvas(e));
    on(surface, 'contextmenu', (e) => { if (this._onCanvas(e) || this._pressed.size > 0) e.preventDefault(); });
    on(surface, 'dragstart', (e) => e.preventDefault());
    on(surface, 'wheel', (e) => this._onWheel(e), { passive: false });
    on(this.sink, 'keydown', (e) => this._onKeyDown(e));
    on(this.sink, 'keyup', (e) => this._onKeyUp(e));
    on(this.sink, 'input', (e) => this._onInput(e));
    on(this.sink, 'compositionend', () => this._takeText());
    on(this.sink, 'blur', () => this.releaseAll());
    on(this.sink, 'paste', (e) => e.preventDefault());
    on(this.sink, 'drop', (e) => e.preventDefault());
  }

  static isMac() {
    const platform = navigator.userAgentData?.platform ?? navigator.platform ?? '';
    return /mac/i.test(platform);
  }

  /** True while input is sent. */
  get active() {
    return this._active;
  }

  /** True while the keyboard goes to the customer (the sink has the focus and input is on). */
  get keyboardCaptured() {
    return this._active && document.activeElement === this.sink;
  }

  /**
   * Whether the sink can take the focus: while tier 2 is granted, also while the customer
   * holds control for a moment, so the expert's focus stays where it was.
   */
  setAvailable(available) {
    if (!available) this.setActive(false);
    this.sink.disabled = !available;
    this.sink.tabIndex = available ? 0 : -1;
  }

  /** Switches sending on or off; off forgets what is down without sending ups. */
  setActive(active) {
    if (active === this._active) return;
    this._active = active;
    this._surface.classList.toggle('input-active', active);
    if (!active) this.forget();
  }

  /** Sends the up of every key and button still down (blur, giving control back). */
  releaseAll() {
    this._leaveArmed = false;
    if (!this._active) {
      this.forget();
      return;
    }
    this._releaseButtons();
    for (const message of this._keys.releaseAll()) this._emit('key', message);
  }

  /** Forgets keys, buttons, a waiting move and wheel notches; sends nothing. */
  forget() {
    this._keys.forget();
    this._pressed.clear();
    this._pendingMove = null;
    this._wheel.reset();
    this._leaveArmed = false;
  }

  /**
   * Sends one key combination the browser keeps for itself (KEY_COMBOS): down, then up.
   * @returns {boolean} false while input is off
   */
  sendCombo(combo) {
    if (!this._active) return false;
    this._flushWheel();
    const modifiers = [...combo.modifiers];
    this._emit('key', { code: combo.code, down: true, modifiers });
    this._emit('key', { code: combo.code, down: false, modifiers });
    return true;
  }

  /** Puts the keyboard focus on the screen. */
  focus() {
    if (!this.sink.disabled) this.sink.focus({ preventScroll: true });
  }

  destroy() {
    this._aborter.abort();
    if (this._frame) cancelAnimationFrame(this._frame);
    this._frame = 0;
    this.sink.remove();
  }

  // --- pointer ------------------------------------------------------------------------------

  _onCanvas(event) {
    const canvas = this._screen.canvas;
    return canvas !== null && event.target === canvas;
  }

  _point(event) {
    const canvas = this._screen.canvas;
    const monitor = this._screen.shownMonitor;
    if (!canvas || monitor === null) return null;
    const { x, y, inside } = PointerMapper.fromEvent(event, canvas);
    return { monitor, x, y, inside };
  }

  _onMouseDown(event) {
    if (!this._active || !this._onCanvas(event)) return;
    // No focus change, text selection or middle-click scrolling: the click is the customer's.
    event.preventDefault();
    this.focus();
  }

  _suppressOnCanvas(event) {
    // The back and forward buttons would navigate the console away on their way up.
    if (this._active && (this._onCanvas(event) || event.button >= 3)) event.preventDefault();
  }

  _onPointerDown(event) {
    if (!this._active || !this._onCanvas(event)) return;
    const point = this._point(event);
    if (!point) return;
    try {
      this._surface.setPointerCapture(event.pointerId);
    } catch {
      // A pointer that is already gone cannot be captured; the press is sent all the same.
    }
    this._buttons(event, point, true);
  }

  _onPointerMove(event) {
    if (!this._active) return;
    const pressing = this._pressed.size > 0;
    if (!pressing && !this._onCanvas(event)) return;
    const point = this._point(event);
    if (!point) return;
    if (event.button !== -1 && event.button !== undefined) {
      // A chorded button: another button went down or up while one is held.
      this._buttons(event, point, pressing);
      return;
    }
    this._pendingMove = point;
    this._schedule();
  }

  _onPointerUp(event) {
    if (!this._active || this._pressed.size === 0) return;
    const point = this._point(event);
    if (point) this._buttons(event, point, false);
  }

  /** Sends downs and ups so the buttons sent down match `event.buttons`. */
  _buttons(event, point, allowDown) {
    const now = new Set(BUTTON_BITS.filter(([bit]) => (event.buttons & bit) !== 0).map(([, name]) => name));
    if (allowDown && event.type === 'pointerdown' && now.size === 0) {
      now.add(BUTTON_NUMBERS[event.button] ?? 'left'); // touch and pen report the press in `button`
    }
    const ups = [...this._pressed].filter((name) => !now.has(name));
    const downs = allowDown ? [...now].filter((name) => !this._pressed.has(name)) : [];
    if (ups.length === 0 && downs.length === 0) return;
    this._pendingMove = null; // the button's own position supersedes it
    this._flushWheel();
    for (const message of this._keys.pointerModifiers(event)) this._emit('key', message);
    for (const name of ups) {
      this._pressed.delete(name);
      this._emitPoint('pointer_button', point, { button: name, down: false });
    }
    for (const name of downs) {
      this._pressed.add(name);
      this._emitPoint('pointer_button', point, { button: name, down: true });
    }
  }

  _releaseButtons() {
    if (this._pressed.size === 0) return;
    const point = this._lastPoint;
    const names = [...this._pressed];
    this._pressed.clear();
    if (!this._active || !point) return;
    for (const name of names) this._emitPoint('pointer_button', point, { button: name, down: false });
  }

  _onWheel(event) {
    if (!this._active || !this._onCanvas(event)) return; // otherwise the 1:1 view scrolls
    event.preventDefault();
    const point = this._point(event);
    if (!point) return;
    for (const message of this._keys.pointerModifiers(event)) this._emit('key', message);
    this._wheel.add(event.deltaX, event.deltaY, event.deltaMode);
    this._wheelPoint = point;
    this._schedule();
  }

  _schedule() {
    if (this._frame) return;
    this._frame = requestAnimationFrame(() => {
      this._frame = 0;
      this._flushMove();
      this._flushWheel();
    });
  }

  _flushMove() {
    const point = this._pendingMove;
    this._pendingMove = null;
    if (!point || !this._active) return;
    const last = this._lastPoint;
    if (last && last.monitor === point.monitor && last.x === point.x && last.y === point.y) return;
    this._emitPoint('pointer_move', point, {});
  }

  _flushWheel() {
    if (!this._wheel.pending || !this._wheelPoint || !this._active) return;
    const { dx, dy } = this._wheel.take();
    if (dx !== 0 || dy !== 0) this._emitPoint('wheel', this._wheelPoint, { dx, dy });
  }

  _emitPoint(type, point, fields) {
    this._lastPoint = { monitor: point.monitor, x: point.x, y: point.y };
    this._emit(type, { monitor: point.monitor, x: point.x, y: point.y, ...fields });
  }

  // --- keyboard -----------------------------------------------------------------------------

  _onKeyDown(event) {
    if (!this._active) return; // the textarea is an ordinary control then: Tab leaves it
    this._trackLeave(event);
    const result = this._keys.keydown(event);
    if (result.action !== 'key') return; // typed text arrives as an input event
    event.preventDefault();
    event.stopPropagation();
    this._flushWheel();
    this._emit('key', result.message);
  }

  _onKeyUp(event) {
    if (!this._active) return;
    const leave = this._leaveArmed && (event.key === 'Control' || event.key === 'Alt');
    for (const message of this._keys.keyup(event)) this._emit('key', message);
    event.preventDefault();
    if (leave) {
      this._leaveArmed = false;
      this._onLeave();
    }
  }

  _trackLeave(event) {
    const chordKey = event.key === 'Control' || event.key === 'Alt';
    const altGraph = typeof event.getModifierState === 'function' && event.getModifierState('AltGraph');
    if (chordKey) {
      if (event.ctrlKey && event.altKey && !altGraph && !event.shiftKey && !event.metaKey) this._leaveArmed = true;
    } else {
      this._leaveArmed = false;
    }
  }

  _onInput(event) {
    if (event.isComposing) return; // the result comes with compositionend
    this._takeText();
  }

  _takeText() {
    const value = this.sink.value;
    this.sink.value = '';
    if (!this._active || value === '') return;
    this._leaveArmed = false;
    this._flushWheel();
    for (const text of KeyboardTranslator.textFrom(value)) this._emit('text', { text });
  }

  _emit(type, fields) {
    try {
      this._send(type, fields);
      this.messagesSent += 1;
    } catch (error) {
      // A message the codec refuses is a bug here, never a reason to break the page.
      console.warn(`fernhilfe: input ${type} not sent: ${error.message}`);
    }
  }
}
