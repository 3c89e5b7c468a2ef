import { ProtocolError } from './protocol_error.js';

/**
 * The customer's screen on canvases: one canvas per monitor, at the monitor's physical
 * resolution (canvas.width/height = monitor width/height), scaled by CSS to fit the stage
 * while keeping the aspect ratio. Only the selected monitor is visible; frames of the others
 * are still drawn so switching shows a current picture.
 *
 * Tiles are decoded by the decoder registered for their encoding (one class per encoding),
 * all tiles of a frame first, then painted in order, so a frame never shows half drawn.
 */
export class ScreenView {
  /**
   * @param {HTMLElement} host element the view builds itself into
   * @param {Array<{encoding: number, decode: Function}>} decoders
   */
  constructor(host, decoders) {
    this._decoders = new Map(decoders.map((decoder) => [decoder.encoding, decoder]));
    this._canvases = new Map(); // monitor id -> canvas
    this._monitors = []; // from screen_info
    this._selected = null;
    this._destroyed = false;

    this.element = document.createElement('div');
    this.element.className = 'screen';

    this._picker = document.createElement('div');
    this._picker.className = 'monitor-picker';
    this._picker.setAttribute('role', 'group');
    this._picker.setAttribute('aria-label', 'Shared screens');
    this._picker.hidden = true;

    this._stage = document.createElement('div');
    this._stage.className = 'stage';

    this._placeholder = document.createElement('p');
    this._placeholder.className = 'stage-placeholder';
    this._placeholder.textContent = 'Waiting for the first picture…';
    this._stage.append(this._placeholder);

    this.element.append(this._picker, this._stage);
    host.append(this.element);

    this._resizeObserver = new ResizeObserver(() => this._fit());
    this._resizeObserver.observe(this._stage);
  }

  /** The canvas of the visible monitor, or null before the first frame. */
  get canvas() {
    return this._selected === null ? null : (this._canvases.get(this._selected) ?? null);
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
    if (this._selected !== null && !ids.has(this._selected)) this._selected = null;
    if (this._selected === null && monitors.length > 0) {
      const primary = monitors.find((m) => m.primary) ?? monitors[0];
      this._selected = primary.id;
    }
    this._renderPicker();
    this._showSelected();
  }

  /**
   * Decodes and draws one parsed frame. Resolves once every tile is on its canvas; rejects
   * with ProtocolError when a tile does not decode to its rectangle.
   * @param {object} frame from FrameParser.parse
   * @returns {Promise<{resized: boolean}>} resized: the canvas was (re)created, so only a
   *   keyframe gives a complete picture
   */
  async drawFrame(frame) {
    const decoded = await Promise.allSettled(frame.tiles.map((tile) => this._decode(tile)));
    const failure = decoded.find((result) => result.status === 'rejected');
    if (failure || this._destroyed) {
      for (const result of decoded) {
        if (result.status === 'fulfilled' && typeof result.value.close === 'function') result.value.close();
      }
      if (failure) throw failure.reason;
      return { resized: false };
    }
    const { canvas, resized } = this._canvasFor(frame);
    const context = canvas.getContext('2d', { alpha: false });
    frame.tiles.forEach((tile, i) => {
      const image = decoded[i].value;
      if (image instanceof ImageData) {
        context.putImageData(image, tile.x, tile.y);
      } else {
        context.drawImage(image, tile.x, tile.y);
        image.close();
      }
    });
    if (this._selected === null) this._selected = frame.monitor;
    if (frame.monitor === this._selected) this._showSelected();
    return { resized };
  }

  /** Forgets every picture (e.g. the customer stopped sharing). */
  clear() {
    for (const canvas of this._canvases.values()) canvas.remove();
    this._canvases.clear();
    this._showSelected();
  }

  destroy() {
    this._destroyed = true;
    this._resizeObserver.disconnect();
    this.element.remove();
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
      this._stage.append(canvas);
      resized = true;
    }
    if (canvas.width !== frame.monitorWidth || canvas.height !== frame.monitorHeight) {
      canvas.width = frame.monitorWidth;
      canvas.height = frame.monitorHeight;
      canvas.setAttribute('aria-label', `Customer's screen, ${frame.monitorWidth} by ${frame.monitorHeight} pixels`);
      resized = true;
      this._fit();
    }
    return { canvas, resized };
  }

  _renderPicker() {
    this._picker.replaceChildren();
    this._picker.hidden = this._monitors.length < 2;
    this._monitors.forEach((monitor, index) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'monitor-button';
      const label = `Screen ${index + 1}${monitor.primary ? ' (main)' : ''}`;
      button.textContent = `${label} · ${monitor.width} × ${monitor.height}`;
      button.setAttribute('aria-pressed', String(monitor.id === this._selected));
      button.addEventListener('click', () => {
        this._selected = monitor.id;
        this._renderPicker();
        this._showSelected();
      });
      this._picker.append(button);
    });
  }

  _showSelected() {
    let visible = null;
    for (const [id, canvas] of this._canvases) {
      canvas.hidden = id !== this._selected;
      if (!canvas.hidden) visible = canvas;
    }
    this._placeholder.hidden = visible !== null;
    this._fit();
  }

  _fit() {
    const canvas = this.canvas;
    if (!canvas || canvas.hidden) return;
    const bounds = this._stage.getBoundingClientRect();
    if (bounds.width <= 0 || bounds.height <= 0) return;
    const scale = Math.min(bounds.width / canvas.width, bounds.height / canvas.height);
    canvas.style.width = `${Math.floor(canvas.width * scale)}px`;
    canvas.style.height = `${Math.floor(canvas.height * scale)}px`;
  }
}
