import { ENCODING } from '../limits.js';
import { ProtocolError } from '../protocol_error.js';
import { parseVp8 } from '../video_chunk.js';

/** VP8 streams name no colour space; ours are BT.601, limited range (docs/protocol.md). */
const BT601 = Object.freeze({ primaries: 'smpte170m', transfer: 'smpte170m', matrix: 'smpte170m', fullRange: false });

/**
 * Decodes VP8 tiles (encoding 5), the connection's video stream, with WebCodecs' VideoDecoder.
 *
 * A key chunk starts a new decoder; every other chunk must continue it in the same rectangle
 * at the same coded size, frame after frame (`seq` + 1). A keyframe ends the stream and a gap
 * makes the frame undecodable until the next keyframe, as for the tile stream. The coded
 * picture is stretched over the tile: the result is an ImageBitmap of the tile's size, which
 * the caller draws and then closes.
 */
export class Vp8Decoder {
  constructor() {
    this._decoder = null;
    this._shape = null;
    this._waiting = [];
    this._timestamp = 0;
    this._lastSeq = null;
  }

  get encoding() {
    return ENCODING.VP8;
  }

  /** @param {{seq: number, keyframe: boolean}} frame @returns {boolean} false: skip the frame */
  beginFrame(frame) {
    if (frame.keyframe) {
      this._close();
    } else if (this._lastSeq === null || frame.seq !== this._lastSeq + 1) {
      this._lastSeq = null;
      this._close();
      return false;
    }
    this._lastSeq = frame.seq;
    return true;
  }

  /**
   * @param {{x: number, y: number, width: number, height: number, data: Uint8Array}} tile
   * @returns {Promise<ImageBitmap>}
   */
  async decode(tile) {
    const chunk = parseVp8(tile.data, tile.width, tile.height);
    const shape = [tile.x, tile.y, tile.width, tile.height, chunk.codedWidth, chunk.codedHeight].join(',');
    if (chunk.key) this._open(chunk, shape);
    if (this._decoder === null || shape !== this._shape) {
      throw new ProtocolError('a VP8 chunk that does not continue the video stream');
    }
    const output = new Promise((resolve, reject) => this._waiting.push({ resolve, reject }));
    this._decoder.decode(new EncodedVideoChunk({
      type: chunk.key ? 'key' : 'delta', timestamp: this._timestamp, data: chunk.frame,
    }));
    this._timestamp += 1;
    const picture = await output;
    try {
      return await createImageBitmap(picture, { resizeWidth: tile.width, resizeHeight: tile.height });
    } finally {
      picture.close();
    }
  }

  _open(chunk, shape) {
    this._close();
    const decoder = new VideoDecoder({
      output: (picture) => {
        const waiting = this._waiting.shift();
        if (waiting && this._decoder === decoder) waiting.resolve(picture);
        else picture.close();
      },
      error: (error) => {
        if (this._decoder === decoder) this._fail(`VP8 does not decode: ${error.message}`);
      },
    });
    decoder.configure({
      codec: 'vp8',
      codedWidth: chunk.codedWidth,
      codedHeight: chunk.codedHeight,
      colorSpace: BT601,
      optimizeForLatency: true,
    });
    this._decoder = decoder;
    this._shape = shape;
  }

  _fail(message) {
    const waiting = this._waiting;
    this._waiting = [];
    this._decoder = null;
    for (const { reject } of waiting) reject(new ProtocolError(message));
  }

  _close() {
    const decoder = this._decoder;
    if (decoder === null) return;
    this._fail('the video stream ended');
    if (decoder.state !== 'closed') decoder.close();
  }
}
