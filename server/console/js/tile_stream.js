import { ProtocolError } from './protocol_error.js';

const WRITTEN = Symbol('written');
const SYNC_FLUSH = [0x00, 0x00, 0xff, 0xff];

function endsWithSyncFlush(chunk) {
  const at = chunk.byteLength - SYNC_FLUSH.length;
  return at >= 0 && SYNC_FLUSH.every((byte, i) => chunk[at + i] === byte);
}

/**
 * The receiving side of the connection's tile stream (docs/protocol.md, "Tile stream"): one
 * zlib stream that PALETTE tiles continue, restarted by every keyframe.
 *
 * `beginFrame(frame)` is called for every frame in arrival order, before its tiles are decoded;
 * it says whether the frame can be decoded: a keyframe restarts the stream, any other frame must
 * follow the last one followed (seq + 1). After a gap nothing is decodable until a keyframe.
 * `inflate(chunk, expected)` inflates one PALETTE chunk; calls run strictly one after another in
 * the order they were made, so a frame's tiles may all be started at once.
 */
export class TileStream {
  constructor() {
    this._lastSeq = null;
    this._writer = null;
    this._reader = null;
    this._pendingRead = null;
    this._queue = Promise.resolve();
  }

  /** @param {{seq: number, keyframe: boolean}} frame @returns {boolean} */
  beginFrame(frame) {
    if (frame.keyframe) {
      this._restart();
    } else if (this._lastSeq === null || frame.seq !== this._lastSeq + 1) {
      this._lastSeq = null;
      return false;
    }
    this._lastSeq = frame.seq;
    return true;
  }

  /** The stream was not followed (a frame failed to decode): wait for a keyframe. */
  lose() {
    this._lastSeq = null;
  }

  /**
   * @param {Uint8Array} chunk
   * @param {number} expected bytes the chunk must inflate to, exactly
   * @returns {Promise<Uint8Array>}
   */
  inflate(chunk, expected) {
    const result = this._queue.then(() => this._inflate(chunk, expected));
    this._queue = result.catch(() => {});
    return result;
  }

  _restart() {
    if (this._writer) this._writer.abort().catch(() => {});
    const stream = new DecompressionStream('deflate');
    this._writer = stream.writable.getWriter();
    this._reader = stream.readable.getReader();
    this._pendingRead = null;
  }

  async _inflate(chunk, expected) {
    if (!this._writer) throw new ProtocolError('a PALETTE tile before the tile stream started');
    if (!endsWithSyncFlush(chunk)) {
      throw new ProtocolError('a PALETTE chunk does not end with a sync flush');
    }
    const out = new Uint8Array(expected);
    let filled = 0;
    // Everything a chunk inflates to is queued by the time its write is done.
    const written = this._writer.write(chunk).then(() => WRITTEN);
    try {
      for (;;) {
        const read = this._read();
        let outcome = await Promise.race([read, written]);
        if (outcome === WRITTEN) outcome = await Promise.race([read, Promise.resolve(WRITTEN)]);
        if (outcome === WRITTEN) {
          this._pendingRead = read;
          if (filled !== expected) {
            throw new ProtocolError('a PALETTE chunk inflates to fewer bytes than its indices');
          }
          break;
        }
        if (outcome.done) throw new ProtocolError('the tile stream ended');
        if (filled + outcome.value.byteLength > expected) {
          throw new ProtocolError('a PALETTE chunk inflates to more than its indices');
        }
        out.set(outcome.value, filled);
        filled += outcome.value.byteLength;
      }
    } catch (error) {
      this._writer = null;
      if (error instanceof ProtocolError) throw error;
      throw new ProtocolError(`the tile stream does not inflate: ${error.message}`);
    }
    return out;
  }

  _read() {
    const pending = this._pendingRead;
    this._pendingRead = null;
    return pending ?? this._reader.read();
  }
}
