"""The data of a VP8 tile: the motion path's video stream (docs/protocol.md, "Video stream").

    flags u8 (bit 0 = key) | coded_width u16 | coded_height u16 | one VP8 frame (RFC 6386)

A key chunk starts the connection's video stream, every other chunk continues it. The coded
picture may be smaller than the tile (the sender shrinks large regions); the receiver stretches
it over the tile. Only what can be checked without decoding is checked here: the flag agrees
with the VP8 frame tag, and a key frame's own size field equals the coded size.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from protocol.errors import ProtocolError

_HEADER = struct.Struct(">BHH")
VP8_HEADER_SIZE = _HEADER.size
VP8_FLAG_KEY = 0x01
_START_CODE = b"\x9d\x01\x2a"
_KEY_HEADER_SIZE = 10
"""A VP8 key frame: 3-byte frame tag, 3-byte start code, 14-bit width and height (2 bytes each)."""
_TAG_SIZE = 3
_SIZE_MASK = 0x3FFF


@dataclass(frozen=True)
class Vp8Chunk:
    """One VP8 frame of the video stream and the size it was coded at."""

    key: bool
    coded_width: int
    coded_height: int
    frame: bytes


def pack_vp8(chunk: Vp8Chunk) -> bytes:
    """The tile data of `chunk`."""
    flags = VP8_FLAG_KEY if chunk.key else 0
    return _HEADER.pack(flags, chunk.coded_width, chunk.coded_height) + chunk.frame


def parse_vp8(data: bytes, width: int, height: int) -> Vp8Chunk:
    """The chunk in the data of a `width` x `height` VP8 tile; raises `ProtocolError` if malformed."""
    if len(data) < VP8_HEADER_SIZE + _TAG_SIZE:
        raise ProtocolError("VP8 tile shorter than its header and a frame tag")
    flags, coded_width, coded_height = _HEADER.unpack_from(data)
    if flags & ~VP8_FLAG_KEY:
        raise ProtocolError(f"VP8 tile flags {flags:#x} name unknown bits")
    if not (2 <= coded_width <= width and 2 <= coded_height <= height):
        raise ProtocolError(f"VP8 picture of {coded_width}x{coded_height} for a {width}x{height} tile")
    frame = bytes(data[VP8_HEADER_SIZE:])
    key = bool(flags & VP8_FLAG_KEY)
    if key != (frame[0] & 1 == 0):
        raise ProtocolError("the VP8 tile's key flag disagrees with its frame tag")
    if key:
        if len(frame) < _KEY_HEADER_SIZE or frame[_TAG_SIZE : _TAG_SIZE + 3] != _START_CODE:
            raise ProtocolError("VP8 key frame without its start code")
        frame_width, frame_height = struct.unpack_from("<HH", frame, _TAG_SIZE + 3)
        if (frame_width & _SIZE_MASK, frame_height & _SIZE_MASK) != (coded_width, coded_height):
            raise ProtocolError("the VP8 key frame's size differs from the tile's coded size")
    return Vp8Chunk(key, coded_width, coded_height, frame)
