import { CopiedRect } from './decoders/copy_decoder.js';
import { CursorOverlay } from './cursor_overlay.js';
import { ProtocolError } from './protocol_error.js';
import { t } from './i18n.js';

const SWITCH_WAIT_MS = 6000;

/**
 * The customer's screen on canvases: one canvas per monitor, at the monitor's physical
 * resolution (canvas.width/height = monitor width/height), shown either scaled to fit the stage
 * (keeping the aspect ratio) or 1:1 — one monitor pixel per device pixel, scrollable.
 *
 * The customer shares one monitor at a time. The view shows the monitor whose frames arrive:
 * after `selectMonitor` it keeps the current picture until the first frame of the wanted monitor
 * is drawn, and it follows a keyframe of another monitor when the customer's app switched on
 * its own. Frames of other monitors are still drawn, so switching back shows a recent picture.
 *
 * Tiles are decoded by the decoder registered for their encoding (one class per encoding),
 * all tiles of a frame first, then painted in order, so a frame never shows half drawn; a COPY
 * tile is painted from the canvas as the tiles before it left it. A decoder that depends on
 * earlier frames (the tile stream of PALETTE tiles, the video stream, the picture COPY tiles
 * copy from) has `beginFrame(frame)`, called for every frame in order; when one says it cannot
 * follow, the frame is skipped whole (docs/protocol.md, "Tile stream") until a keyframe.
 *
 * Dispatches `viewchange` when the monitors, the shown or the wanted monitor or the scale mode
 * change, and `switchtimeout` (detail: {monitor}) when a wanted monitor never came.
 */
export class ScreenView extends EventTarget {
  /**
   * @param {HTMLElement} host element the view builds itself into
   * @param {Array<{encoding: number, decode: Function}>} decoders
   */
  constructor(host, decoders) {
    super();
    this._decoders = new Map(decoders.map((decoder) => [decoder.encoding, decoder]));
    this._canvases = new Map(); // monitor id -> canvas
    this._monitors = []; // from screen_info
    this._shown = null;
    this._wanted = null;
    this._wantedTimer = null;
    this._mode = 'fit';
    this._destroyed = false;

    this.element = document.createElement('div');
    this.element.className = 'screen';

    this.stage = document.createElement('div');
    this.stage.className = 'stage mode-fit';

    this._content = document.createElement('div');
    this._content.className = 'stage-content';

    this._placeholder = document.createElement('p');
    this._placeholder.className = 'stage-placeholder';
    this._placeholder.textContent = t('Waiting for the first picture…');

    this._notice = document.createElement('p');
    this._notice.className = 'stage-notice';
    this._notice.hidden = true;

    this._content.append(this._placeholder);
    /** The customer's pointer over the shown canvas (`cursor` and `cursor_shape` messages). */
    this.cursor = new CursorOverlay(this._content);
    this.stage.append(this._content);
    this.element.append(this.stage, this._notice);
    host.append(this.element);

    this._resizeObserver = new ResizeObserver(() => this._fit());
    this._resizeObserver.observe(this.stage);
  }

  /** The canvas of the shown monitor, or null before its first frame. */
  get canvas() {
    return this._shown === null ? null : (this._canvases.get(this._shown) ?? null);
  }

  /** The id of the monitor shown (input goes to it), or null. */
  get shownMonitor() {
    return this._shown;
  }

  /** The monitor asked for with `selectMonitor` whose first frame has not come yet, or null. */
  get wantedMonitor() {
    return this._wanted;
  }

  /** The monitors of the last `screen_info`. */
  get monitors() {
    return this._monitors.slice();
  }

  /** 'fit' (scaled to the stage) or 'actual' (1:1, scrollable). */
  get mode() {
    return this._mode;
  }

  /** @param {'fit'|'actual'} mode */
  setMode(mode) {
    if (mode !== 'fit' && mode !== 'actual') throw new Error(`no scale mode ${mode}`);
    if (mode === this._mode) return;
    this._mode = mode;
    this.stage.classList.toggle('mode-fit', mode === 'fit');
    this.stage.classList.toggle('mode-actual', mode === 'actual');
    this._fit();
    this._changed();
  }

  /**
   * Takes the monitor list of a `screen_info` message.
   * @param {Array<{id: number, width: number, height: number, primary: boolean}>} monitors
   */
  setMonitors(monitors) {
    this._monitors = monitors.slice();
    const ids = new Set(monitors.map((m) => m.id));
    for (const [id, canvas] of this._canvases) {
      if (!ids.has(id)) {
        canvas.remove();
        this._canvases.delete(id);
      }
    }
    if (this._wanted !== null && !ids.has(this._wanted)) this._stopWanting();
    if (this._shown !== null && !ids.has(this._shown)) this._shown = null;
    if (this._shown === null && monitors.length > 0) {
      const primary = monitors.find((m) => m.primary) ?? monitors[0];
      this._shown = primary.id;
    }
    this._showShown();
    this._changed();
  }

  /**
   * The expert picked a monitor: show it once its first frame is drawn.
   * @returns {boolean} true when the customer must be asked for it (it is not the one shown)
   */
  selectMonitor(id) {
    if (!this._monitors.some((m) => m.id === id)) return false;
    if (id === this._shown) {
      if (this._wanted !== null) this._stopWanting();
      this._changed();
      return false;
    }
    this._wanted = id;
    clearTimeout(this._wantedTimer);
    this._wantedTimer = setTimeout(() => {
      const monitor = this._wanted;
      this._stopWanting();
      this._changed();
      this.dispatchEvent(new CustomEvent('switchtimeout', { detail: { monitor } }));
    }, SWITCH_WAIT_MS);
    const index = this._monitors.findIndex((m) => m.id === id);
    this._notice.textContent = t('Switching to screen {n}…', { n: index + 1 });
    this._notice.hidden = false;
    this._changed();
    return true;
  }

  /**
   * Decodes and draws one parsed frame. Resolves once every tile is on its canvas; rejects
   * with ProtocolError when a tile does not decode to its rectangle.
   * @param {object} frame from FrameParser.parse
   * @returns {Promise<{resized: boolean, skipped: boolean}>} resized: the canvas was
   *   (re)created, so only a keyframe gives a complete picture; skipped: nothing was drawn, a
   *   keyframe is needed first
   */
  async drawFrame(frame) {
    let follows = true;
    for (const decoder of this._decoders.values()) {
      if (typeof decoder.beginFrame === 'function' && !decoder.beginFrame(frame)) follows = false;
    }
    if (!follows || this._destroyed) return { resized: false, skipped: true };
    const decoded = await Promise.allSettled(frame.tiles.map((tile) => this._decode(tile)));
    const failure = decoded.find((result) => result.status === 'rejected');
    if (failure || this._destroyed) {
      for (const result of decoded) {
        if (result.status === 'fulfilled' && typeof result.value.close === 'function') result.value.close();
      }
      if (failure) throw failure.reason;
      return { resized: false, skipped: true };
    }
    const { canvas, resized } = this._canvasFor(frame);
    const context = canvas.getContext('2d', { alpha: false });
    frame.tiles.forEach((tile, i) => {
      const image = decoded[i].value;
      if (image instanceof ImageData) {
        context.putImageData(image, tile.x, tile.y);
      } else if (image instanceof CopiedRect) {
        // A canvas drawn onto itself is copied out first (HTML drawImage): overlaps are safe.
        const { width, height } = tile;
        context.drawImage(canvas, image.sourceX, image.sourceY, width, height, tile.x, tile.y, width, height);
      } else {
        context.drawImage(image, tile.x, tile.y);
        image.close();
      }
    });
    let switched = false;
    if (this._wanted !== null) {
      if (frame.monitor === this._wanted) {
        this._shown = frame.monitor;
        this._stopWanting();
        switched = true;
      }
    } else if (this._shown === null || (frame.keyframe && frame.monitor !== this._shown)) {
      this._shown = frame.monitor; // the customer's app shares another monitor now
      switched = true;
    }
    if (frame.monitor === this._shown || switched) this._showShown();
    if (switched || resized) this._changed();
    return { resized, skipped: false };
  }

  /** Forgets every picture (e.g. the customer stopped sharing). */
  clear() {
    this.cursor.hide();
    for (const canvas of this._canvases.values()) canvas.remove();
    this._canvases.clear();
    this._stopWanting();
    this._showShown();
    this._changed();
  }

  destroy() {
    this._destroyed = true;
    clearTimeout(this._wantedTimer);
    this._resizeObserver.disconnect();
    this.element.remove();
  }

  _stopWanting() {
    clearTimeout(this._wantedTimer);
    this._wantedTimer = null;
    this._wanted = null;
    this._notice.hidden = true;
  }

  _decode(tile) {
    const decoder = this._decoders.get(tile.encoding);
    if (!decoder) return Promise.reject(new ProtocolError(`no decoder for encoding ${tile.encoding}`));
    return decoder.decode(tile);
  }

  _canvasFor(frame) {
    let canvas = this._canvases.get(frame.monitor);
    let resized = false;
    if (!canvas) {
      canvas = document.createElement('canvas');
      canvas.className = 'screen-canvas';
      canvas.dataset.monitor = String(frame.monitor);
      canvas.setAttribute('role', 'img');
      canvas.hidden = true;
      this._canvases.set(frame.monitor, canvas);
      this._content.append(canvas);
      resized = true;
    }
    if (canvas.width !== frame.monitorWidth || canvas.height !== frame.monitorHeight) {
      canvas.width = frame.monitorWidth;
      canvas.height = frame.monitorHeight;
      canvas.setAttribute('aria-label', t("Customer's screen, {width} by {height} pixels", { width: frame.monitorWidth, height: frame.monitorHeight }));
      resized = true;
      this._fit();
    }
    return { canvas, resized };
  }

  _showShown() {
    let visible = null;
    for (const [id, canvas] of this._canvases) {
      canvas.hidden = id !== this._shown;
      if (!canvas.hidden) visible = canvas;
    }
    this._placeholder.hidden = visible !== null;
    this._fit();
  }

  _fit() {
    this._size();
    this.cursor.follow(this.canvas, this._shown);
  }

  _size() {
    const canvas = this.canvas;
    if (!canvas || canvas.hidden) return;
    if (this._mode === 'actual') {
      // One monitor pixel per device pixel: crisp, and as large as the customer sees it.
      const ratio = window.devicePixelRatio || 1;
      canvas.style.width = `${canvas.width / ratio}px`;
      canvas.style.height = `${canvas.height / ratio}px`;
      return;
    }
    const bounds = this.stage.getBoundingClientRect();
    if (bounds.width <= 0 || bounds.height <= 0) return;
    const scale = Math.min(bounds.width / canvas.width, bounds.height / canvas.height);
    canvas.style.width = `${Math.floor(canvas.width * scale)}px`;
    canvas.style.height = `${Math.floor(canvas.height * scale)}px`;
  }

  _changed() {
    this.dispatchEvent(new CustomEvent('viewchange'));
  }
}
