import { ENCODING, LIMITS } from './limits.js';
import { ProtocolError } from './protocol_error.js';
import { parseVp8 } from './video_chunk.js';

const MAGIC = [0x46, 0x48, 0x46, 0x31]; // "FHF1"
const HEADER_SIZE = 34;
const TILE_HEADER_SIZE = 13;
const FLAG_KEYFRAME = 0x0001;
const KNOWN_ENCODINGS = new Set(Object.values(ENCODING));

/**
 * Parses one binary WebSocket message into a screen frame (docs/protocol.md, "Binary frames").
 *
 * Every length and rectangle is checked before use; anything malformed throws a
 * `ProtocolError`, after which the receiver answers `bad_message` and closes with 4000.
 * Tile data are views into the original buffer, not copies.
 *
 * The result: `{seq, capturedMs, monitor, monitorX, monitorY, monitorWidth, monitorHeight,
 * flags, keyframe, tiles: [{x, y, width, height, encoding, data: Uint8Array}]}`.
 */
export class FrameParser {
  static get HEADER_SIZE() {
    return HEADER_SIZE;
  }

  static get TILE_HEADER_SIZE() {
    return TILE_HEADER_SIZE;
  }

  /**
   * @param {ArrayBuffer|Uint8Array} message
   * @returns {object} the frame
   */
  static parse(message) {
    const bytes = message instanceof Uint8Array ? message : new Uint8Array(message);
    if (bytes.byteLength > LIMITS.MAX_BINARY_MESSAGE_BYTES) {
      throw new ProtocolError(`frame of ${bytes.byteLength} bytes exceeds the limit`);
    }
    if (bytes.byteLength < HEADER_SIZE) {
      throw new ProtocolError('frame shorter than its header');
    }
    for (let i = 0; i < MAGIC.length; i += 1) {
      if (bytes[i] !== MAGIC[i]) throw new ProtocolError('frame does not start with FHF1');
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const frame = {
      seq: view.getUint32(4),
      capturedMs: Number(view.getBigUint64(8)),
      monitor: view.getUint16(16),
      monitorX: view.getInt32(18),
      monitorY: view.getInt32(22),
      monitorWidth: view.getUint16(26),
      monitorHeight: view.getUint16(28),
      flags: view.getUint16(30),
      keyframe: false,
      tiles: [],
    };
    frame.keyframe = (frame.flags & FLAG_KEYFRAME) !== 0;
    const tileCount = view.getUint16(32);

    if (frame.monitor >= LIMITS.MAX_MONITORS) {
      throw new ProtocolError(`monitor ${frame.monitor} out of range`);
    }
    const side = LIMITS.MAX_MONITOR_SIDE;
    if (frame.monitorWidth < 1 || frame.monitorWidth > side
        || frame.monitorHeight < 1 || frame.monitorHeight > side) {
      throw new ProtocolError('monitor size out of range');
    }
    if (tileCount > LIMITS.MAX_TILES_PER_FRAME) {
      throw new ProtocolError(`more than ${LIMITS.MAX_TILES_PER_FRAME} tiles`);
    }

    let offset = HEADER_SIZE;
    let videos = 0;
    for (let i = 0; i < tileCount; i += 1) {
      if (offset + TILE_HEADER_SIZE > bytes.byteLength) {
        throw new ProtocolError('frame ends inside a tile header');
      }
      const x = view.getUint16(offset);
      const y = view.getUint16(offset + 2);
      const width = view.getUint16(offset + 4);
      const height = view.getUint16(offset + 6);
      const encoding = view.getUint8(offset + 8);
      const length = view.getUint32(offset + 9);
      offset += TILE_HEADER_SIZE;
      if (offset + length > bytes.byteLength) {
        throw new ProtocolError('tile data runs past the end of the frame');
      }
      if (!KNOWN_ENCODINGS.has(encoding)) {
        throw new ProtocolError(`unknown tile encoding ${encoding}`);
      }
      if (width === 0 || height === 0) {
        throw new ProtocolError('empty tile');
      }
      if (x + width > frame.monitorWidth || y + height > frame.monitorHeight) {
        throw new ProtocolError('tile lies outside its monitor');
      }
      if (encoding === ENCODING.SOLID && length !== 3) {
        throw new ProtocolError('SOLID tile data is not 3 bytes');
      }
      if (encoding === ENCODING.PALETTE) {
        const colours = length > 0 ? bytes[offset] : 0;
        if (colours < 2 || colours > 16 || length <= 1 + 3 * colours) {
          throw new ProtocolError('PALETTE tile needs 2 to 16 colours and a stream chunk');
        }
      }
      if (encoding === ENCODING.COPY) {
        if (length !== 4) throw new ProtocolError('COPY tile data is not 4 bytes');
        if (frame.keyframe) throw new ProtocolError('a keyframe holds no COPY tile');
        const sourceX = view.getUint16(offset);
        const sourceY = view.getUint16(offset + 2);
        if (sourceX + width > frame.monitorWidth || sourceY + height > frame.monitorHeight) {
          throw new ProtocolError('COPY source lies outside its monitor');
        }
      }
      const data = bytes.subarray(offset, offset + length);
      if (encoding === ENCODING.VP8) {
        videos += 1;
        const chunk = parseVp8(data, width, height);
        if (videos > 1) throw new ProtocolError('more than one VP8 tile in a frame');
        if (frame.keyframe && !chunk.key) throw new ProtocolError("a keyframe's VP8 tile must be a key chunk");
      }
      frame.tiles.push({ x, y, width, height, encoding, data });
      offset += length;
    }
    if (offset !== bytes.byteLength) {
      throw new ProtocolError('bytes after the last tile');
    }
    return frame;
  }
}
