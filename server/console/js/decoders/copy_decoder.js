import { ENCODING } from '../limits.js';
import { ProtocolError } from '../protocol_error.js';

/** What a COPY tile paints: its own rectangle, taken from (sourceX, sourceY) of its canvas. */
export class CopiedRect {
  constructor(sourceX, sourceY) {
    this.sourceX = sourceX;
    this.sourceY = sourceY;
  }
}

/**
 * "Decodes" COPY tiles (encoding 6): `src_x` u16, `src_y` u16 (docs/protocol.md, "Copied
 * rectangles"). There are no pixels to decode: the result is a CopiedRect, painted from the
 * canvas as it stands when the tile's turn comes. A COPY needs the picture of every frame since
 * the last keyframe, so a frame that does not follow the last one (seq + 1) is skipped until the
 * next keyframe, even when it holds nothing but COPY tiles.
 */
export class CopyDecoder {
  constructor() {
    this._lastSeq = null;
  }

  get encoding() {
    return ENCODING.COPY;
  }

  /** @param {{seq: number, keyframe: boolean}} frame @returns {boolean} false: skip the frame */
  beginFrame(frame) {
    if (!frame.keyframe && (this._lastSeq === null || frame.seq !== this._lastSeq + 1)) {
      this._lastSeq = null;
      return false;
    }
    this._lastSeq = frame.seq;
    return true;
  }

  /**
   * @param {{data: Uint8Array}} tile
   * @returns {Promise<CopiedRect>}
   */
  async decode(tile) {
    if (tile.data.byteLength !== 4) throw new ProtocolError('COPY tile data is not 4 bytes');
    const view = new DataView(tile.data.buffer, tile.data.byteOffset, tile.data.byteLength);
    return new CopiedRect(view.getUint16(0), view.getUint16(2));
  }
}
