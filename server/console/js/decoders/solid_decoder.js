import { ENCODING } from '../limits.js';
import { ProtocolError } from '../protocol_error.js';

/**
 * Decodes SOLID tiles (encoding 3): three bytes R, G, B that fill the whole tile.
 * The result is an opaque RGBA ImageData for putImageData.
 */
export class SolidDecoder {
  get encoding() {
    return ENCODING.SOLID;
  }

  /**
   * @param {{width: number, height: number, data: Uint8Array}} tile
   * @returns {Promise<ImageData>}
   */
  async decode(tile) {
    if (tile.data.byteLength !== 3) throw new ProtocolError('SOLID tile data is not 3 bytes');
    const pixel = (255 << 24) | (tile.data[2] << 16) | (tile.data[1] << 8) | tile.data[0];
    const rgba = new Uint8ClampedArray(tile.width * tile.height * 4);
    new Uint32Array(rgba.buffer).fill(pixel >>> 0); // little-endian: R G B A in memory
    return new ImageData(rgba, tile.width, tile.height);
  }
}
