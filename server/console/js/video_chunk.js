import { ProtocolError } from './protocol_error.js';

const HEADER_SIZE = 5;
const TAG_SIZE = 3;
const KEY_HEADER_SIZE = 10;
const FLAG_KEY = 0x01;
const START_CODE = [0x9d, 0x01, 0x2a];

/**
 * The data of a VP8 tile (docs/protocol.md, "Video stream"): flags u8 (bit 0 key), coded width
 * and height u16, then one VP8 frame. Checks what can be checked without decoding, exactly as
 * protocol/video.py does; throws `ProtocolError` otherwise.
 *
 * @param {Uint8Array} data @param {number} width @param {number} height the tile's size
 * @returns {{key: boolean, codedWidth: number, codedHeight: number, frame: Uint8Array}}
 */
export function parseVp8(data, width, height) {
  if (data.byteLength < HEADER_SIZE + TAG_SIZE) {
    throw new ProtocolError('VP8 tile shorter than its header and a frame tag');
  }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const flags = data[0];
  const codedWidth = view.getUint16(1);
  const codedHeight = view.getUint16(3);
  if ((flags & ~FLAG_KEY) !== 0) throw new ProtocolError(`VP8 tile flags ${flags} name unknown bits`);
  if (codedWidth < 2 || codedWidth > width || codedHeight < 2 || codedHeight > height) {
    throw new ProtocolError(`VP8 picture of ${codedWidth}x${codedHeight} for a ${width}x${height} tile`);
  }
  const frame = data.subarray(HEADER_SIZE);
  const key = (flags & FLAG_KEY) !== 0;
  if (key !== ((frame[0] & 1) === 0)) {
    throw new ProtocolError("the VP8 tile's key flag disagrees with its frame tag");
  }
  if (key) {
    if (frame.byteLength < KEY_HEADER_SIZE || START_CODE.some((byte, i) => frame[TAG_SIZE + i] !== byte)) {
      throw new ProtocolError('VP8 key frame without its start code');
    }
    const frameWidth = (frame[6] | (frame[7] << 8)) & 0x3fff;
    const frameHeight = (frame[8] | (frame[9] << 8)) & 0x3fff;
    if (frameWidth !== codedWidth || frameHeight !== codedHeight) {
      throw new ProtocolError("the VP8 key frame's size differs from the tile's coded size");
    }
  }
  return { key, codedWidth, codedHeight, frame };
}
