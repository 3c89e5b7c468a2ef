/**
 * Maps a point in the page (client coordinates, CSS pixels) to a physical pixel of the
 * customer's monitor shown on a canvas.
 *
 * The canvas holds the monitor at its physical resolution (canvas.width × canvas.height) and is
 * shown at some CSS size: scaled to fit, or 1:1 and scrolled. Its bounding client rectangle
 * says where it is on the page right now, scrolling included, so one rule serves both modes:
 *
 *   x = floor((clientX − rect.left) · width / rect.width), clamped to 0 … width − 1
 *
 * (and the same for y). The monitor's origin on the virtual desktop plays no part: input
 * coordinates are relative to the monitor's top-left (docs/protocol.md).
 */
export class PointerMapper {
  /**
   * @param {number} clientX
   * @param {number} clientY
   * @param {{left: number, top: number, width: number, height: number}} rect the canvas's
   *   getBoundingClientRect() (the canvas has no border or padding)
   * @param {number} width physical width of the monitor (canvas.width)
   * @param {number} height physical height of the monitor (canvas.height)
   * @returns {{x: number, y: number, inside: boolean}} the clamped pixel; `inside` says whether
   *   the point lay on the canvas before clamping
   */
  static map(clientX, clientY, rect, width, height) {
    if (!(rect.width > 0 && rect.height > 0 && width > 0 && height > 0)) {
      return { x: 0, y: 0, inside: false };
    }
    const fx = ((clientX - rect.left) * width) / rect.width;
    const fy = ((clientY - rect.top) * height) / rect.height;
    const inside = fx >= 0 && fy >= 0 && fx < width && fy < height;
    return {
      x: PointerMapper.clamp(Math.floor(fx), 0, width - 1),
      y: PointerMapper.clamp(Math.floor(fy), 0, height - 1),
      inside,
    };
  }

  /**
   * The physical pixel under a pointer event on `canvas`.
   * @param {{clientX: number, clientY: number}} event
   * @param {HTMLCanvasElement} canvas
   */
  static fromEvent(event, canvas) {
    return PointerMapper.map(event.clientX, event.clientY, canvas.getBoundingClientRect(), canvas.width, canvas.height);
  }

  static clamp(value, low, high) {
    if (Number.isNaN(value)) return low;
    return Math.min(high, Math.max(low, value));
  }
}
