import { ENCODING } from '../limits.js';
import { ProtocolError } from '../protocol_error.js';

/**
 * Decodes JPEG tiles (encoding 1) with the browser's own image decoder.
 * The result is an ImageBitmap the caller draws and then closes.
 */
export class JpegDecoder {
  get encoding() {
    return ENCODING.JPEG;
  }

  /**
   * @param {{width: number, height: number, data: Uint8Array}} tile
   * @returns {Promise<ImageBitmap>}
   */
  async decode(tile) {
    let bitmap;
    try {
      const blob = new Blob([tile.data], { type: 'image/jpeg' });
      bitmap = await createImageBitmap(blob, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
    } catch (error) {
      throw new ProtocolError(`JPEG tile does not decode: ${error.message}`);
    }
    if (bitmap.width !== tile.width || bitmap.height !== tile.height) {
      const size = `${bitmap.width}x${bitmap.height}`;
      bitmap.close();
      throw new ProtocolError(`JPEG tile is ${size}, not ${tile.width}x${tile.height}`);
    }
    return bitmap;
  }
}
