const MAX_SHAPES = 32; // the oldest is forgotten beyond that

/**
 * The customer's pointer drawn over the screen canvas (docs/protocol.md, "Cursor"): the shapes
 * of `cursor_shape` messages, kept by id, and one element placed where the last `cursor` says,
 * scaled with the canvas so it covers what it covers on the customer's screen.
 *
 * A shape whose pixels do not inflate to exactly width × height × 4 bytes, or whose hot spot
 * lies outside it, is dropped: a cursor naming it is not drawn.
 */
export class CursorOverlay {
  /** @param {HTMLElement} host the element holding the screen canvases (positioned) */
  constructor(host) {
    this._shapes = new Map(); // id -> {canvas, hotX, hotY}
    this._cursor = null;
    this.element = document.createElement('canvas');
    this.element.className = 'screen-cursor';
    this.element.setAttribute('aria-hidden', 'true');
    this.element.hidden = true;
    host.append(this.element);
    this._queue = Promise.resolve();
  }

  /** @param {{shape, width, height, hot_x, hot_y, pixels}} message a `cursor_shape` @returns {Promise<void>} */
  addShape(message) {
    this._queue = this._queue.then(() => this._addShape(message)).catch((error) => {
      console.warn('fernhilfe: dropped a cursor shape:', error.message);
    });
    return this._queue;
  }

  /** @param {{monitor, x, y, visible, shape}} message a `cursor` */
  move(message) {
    this._cursor = message;
    this._queue = this._queue.then(() => this._place());
  }

  /**
   * Redraw over `canvas`, the shown monitor's canvas (or null), after it moved or was resized.
   * @param {HTMLCanvasElement|null} canvas @param {number|null} monitor its id
   */
  follow(canvas, monitor) {
    this._canvas = canvas;
    this._monitor = monitor;
    this._place();
  }

  hide() {
    this._cursor = null;
    this.element.hidden = true;
  }

  async _addShape({ shape, width, height, hot_x: hotX, hot_y: hotY, pixels }) {
    if (hotX >= width || hotY >= height) throw new Error('hot spot outside the shape');
    const expected = width * height * 4;
    const packed = Uint8Array.from(atob(pixels), (c) => c.charCodeAt(0));
    const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream('deflate'));
    const raw = new Uint8Array(await new Response(stream).arrayBuffer());
    if (raw.byteLength !== expected) throw new Error(`pixels inflate to ${raw.byteLength} bytes, not ${expected}`);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    canvas.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(raw.buffer), width, height), 0, 0);
    this._shapes.set(shape, { canvas, hotX, hotY });
    if (this._shapes.size > MAX_SHAPES) this._shapes.delete(this._shapes.keys().next().value);
  }

  _place() {
    const cursor = this._cursor;
    const canvas = this._canvas;
    const shape = cursor && this._shapes.get(cursor.shape);
    if (!cursor || !cursor.visible || !shape || !canvas || canvas.hidden || cursor.monitor !== this._monitor) {
      this.element.hidden = true;
      return;
    }
    const scale = canvas.clientWidth / canvas.width;
    if (this.element.dataset.shape !== String(cursor.shape)) {
      this.element.width = shape.canvas.width;
      this.element.height = shape.canvas.height;
      this.element.getContext('2d').drawImage(shape.canvas, 0, 0);
      this.element.dataset.shape = String(cursor.shape);
    }
    this.element.style.width = `${shape.canvas.width * scale}px`;
    this.element.style.height = `${shape.canvas.height * scale}px`;
    this.element.style.left = `${canvas.offsetLeft + (cursor.x - shape.hotX) * scale}px`;
    this.element.style.top = `${canvas.offsetTop + (cursor.y - shape.hotY) * scale}px`;
    this.element.hidden = false;
  }
}
