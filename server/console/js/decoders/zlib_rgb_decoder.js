import { ENCODING } from '../limits.js';
import { ProtocolError } from '../protocol_error.js';

/**
 * Decodes ZLIB_RGB tiles (encoding 2): a zlib stream (RFC 1950) of exactly w*h*3 bytes,
 * rows top to bottom, R G B per pixel. Inflates with DecompressionStream('deflate') and
 * stops as soon as the output would exceed w*h*3, so a small tile cannot inflate without
 * bound. The result is an opaque RGBA ImageData for putImageData.
 */
export class ZlibRgbDecoder {
  get encoding() {
    return ENCODING.ZLIB_RGB;
  }

  /**
   * @param {{width: number, height: number, data: Uint8Array}} tile
   * @returns {Promise<ImageData>}
   */
  async decode(tile) {
    const expected = tile.width * tile.height * 3;
    const rgb = await ZlibRgbDecoder.inflate(tile.data, expected);
    const rgba = new Uint8ClampedArray(tile.width * tile.height * 4);
    for (let i = 0, j = 0; i < expected; i += 3, j += 4) {
      rgba[j] = rgb[i];
      rgba[j + 1] = rgb[i + 1];
      rgba[j + 2] = rgb[i + 2];
      rgba[j + 3] = 255;
    }
    return new ImageData(rgba, tile.width, tile.height);
  }

  /**
   * Inflates `data` into exactly `expected` bytes, or throws ProtocolError.
   * @param {Uint8Array} data
   * @param {number} expected
   * @returns {Promise<Uint8Array>}
   */
  static async inflate(data, expected) {
    const reader = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate')).getReader();
    let out;
    try {
      out = new Uint8Array(expected);
    } catch {
      throw new ProtocolError('ZLIB_RGB tile is too large');
    }
    let filled = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (filled + value.byteLength > expected) {
          reader.cancel().catch(() => {});
          throw new ProtocolError('ZLIB_RGB tile inflates to more than w*h*3 bytes');
        }
        out.set(value, filled);
        filled += value.byteLength;
      }
    } catch (error) {
      if (error instanceof ProtocolError) throw error;
      throw new ProtocolError(`ZLIB_RGB tile does not inflate: ${error.message}`);
    }
    if (filled !== expected) {
      throw new ProtocolError(`ZLIB_RGB tile inflates to ${filled} bytes, not ${expected}`);
    }
    return out;
  }
}
