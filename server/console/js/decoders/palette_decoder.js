import { ENCODING } from '../limits.js';
import { ProtocolError } from '../protocol_error.js';

/**
 * Decodes PALETTE tiles (encoding 4): n colours (2..16, R G B each), then a chunk of the
 * connection's tile stream that inflates to the packed indices (1, 2 or 4 bits a pixel, rows
 * padded to whole bytes, high bits first). The result is an opaque RGBA ImageData.
 */
export class PaletteDecoder {
  /** @param {import('../tile_stream.js').TileStream} stream the connection's tile stream */
  constructor(stream) {
    this._stream = stream;
  }

  get encoding() {
    return ENCODING.PALETTE;
  }

  /** Follows the tile stream frame by frame; false: skip this frame (see TileStream). */
  beginFrame(frame) {
    return this._stream.beginFrame(frame);
  }

  /**
   * @param {{width: number, height: number, data: Uint8Array}} tile
   * @returns {Promise<ImageData>}
   */
  async decode(tile) {
    const { width, height, data } = tile;
    const count = data[0];
    if (!(count >= 2 && count <= 16) || data.byteLength <= 1 + 3 * count) {
      throw new ProtocolError('PALETTE tile needs 2 to 16 colours and a stream chunk');
    }
    const bits = count <= 2 ? 1 : count <= 4 ? 2 : 4;
    const rowBytes = Math.ceil((width * bits) / 8);
    const packed = await this._stream.inflate(data.subarray(1 + 3 * count), rowBytes * height);
    const colours = new Uint32Array(count);
    for (let i = 0; i < count; i += 1) {
      const at = 1 + 3 * i;
      colours[i] = ((255 << 24) | (data[at + 2] << 16) | (data[at + 1] << 8) | data[at]) >>> 0;
    }
    const rgba = new Uint8ClampedArray(width * height * 4);
    const pixels = new Uint32Array(rgba.buffer);
    const perByte = 8 / bits;
    const mask = (1 << bits) - 1;
    for (let y = 0; y < height; y += 1) {
      const row = y * rowBytes;
      for (let x = 0; x < width; x += 1) {
        const byte = packed[row + Math.floor(x / perByte)];
        const index = (byte >> (8 - bits * ((x % perByte) + 1))) & mask;
        if (index >= count) throw new ProtocolError('a PALETTE index beyond its colours');
        pixels[y * width + x] = colours[index];
      }
    }
    return new ImageData(rgba, width, height);
  }
}
