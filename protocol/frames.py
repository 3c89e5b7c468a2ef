"""Binary screen frames: a fixed header, then tiles that each name their own encoding.

Layout (all integers big-endian), documented in docs/protocol.md section "Binary frames":

    header  magic "FHF1" | seq u32 | captured_ms u64 | monitor u16 | mon_x i32 | mon_y i32
            | mon_w u16 | mon_h u16 | flags u16 | tile_count u16            (34 bytes)
    tile    x u16 | y u16 | w u16 | h u16 | encoding u8 | length u32 | data  (13 + length)

Tile coordinates are physical pixels relative to the monitor's top-left corner.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from enum import IntEnum

from protocol import limits
from protocol.errors import ProtocolError
from protocol.video import parse_vp8

MAGIC = b"FHF1"
_HEADER = struct.Struct(">4sIQHiiHHHH")
_TILE = struct.Struct(">HHHHBI")
HEADER_SIZE = _HEADER.size
TILE_HEADER_SIZE = _TILE.size

FLAG_KEYFRAME = 0x0001
"""The tiles of this frame cover the whole monitor, and the tile stream restarts with it."""


class Encoding(IntEnum):
    """How one tile's pixels are stored."""

    JPEG = 1
    """A baseline JPEG image of exactly w x h pixels: for photo-like content."""
    ZLIB_RGB = 2
    """A zlib stream (RFC 1950) of w*h*3 bytes, rows top to bottom, R G B: lossless, for text."""
    SOLID = 3
    """Three bytes R G B: every pixel of the tile has that colour."""
    PALETTE = 4
    """n (2..16), n colours R G B, then a chunk of the connection's tile stream holding the
    tile's packed colour indices (see `palette_index_bits` and docs/protocol.md)."""
    VP8 = 5
    """A chunk of the connection's video stream (protocol/video.py): moving content, lossy."""
    COPY = 6
    """src_x u16, src_y u16: the receiver copies that w x h rectangle of its own picture here
    (a scroll); see `copy_source`."""


MAX_PALETTE_COLOURS = 16


def palette_index_bits(colours: int) -> int:
    """Bits per pixel index in a PALETTE tile of `colours` colours: 1, 2 or 4."""
    return 1 if colours <= 2 else 2 if colours <= 4 else 4


def palette_row_bytes(width: int, colours: int) -> int:
    """Bytes per row of packed indices (rows are padded to whole bytes)."""
    return -(-width * palette_index_bits(colours) // 8)


_COPY = struct.Struct(">HH")


def copy_source(tile: Tile) -> tuple[int, int]:
    """The top-left corner (src_x, src_y) a COPY tile copies its rectangle from."""
    src_x, src_y = _COPY.unpack(tile.data)
    return src_x, src_y


def copy_data(src_x: int, src_y: int) -> bytes:
    """The data of a COPY tile that copies from (src_x, src_y)."""
    return _COPY.pack(src_x, src_y)


@dataclass(frozen=True)
class Tile:
    x: int
    y: int
    width: int
    height: int
    encoding: Encoding
    data: bytes


@dataclass(frozen=True)
class Frame:
    seq: int
    captured_ms: int
    monitor: int
    monitor_x: int
    monitor_y: int
    monitor_width: int
    monitor_height: int
    flags: int
    tiles: tuple[Tile, ...]

    @property
    def keyframe(self) -> bool:
        return bool(self.flags & FLAG_KEYFRAME)


def encode_frame(frame: Frame) -> bytes:
    """Serialise `frame`; raises `ProtocolError` if it breaks a limit the peer would reject."""
    _check_frame(frame)
    parts = [
        _HEADER.pack(
            MAGIC,
            frame.seq,
            frame.captured_ms,
            frame.monitor,
            frame.monitor_x,
            frame.monitor_y,
            frame.monitor_width,
            frame.monitor_height,
            frame.flags,
            len(frame.tiles),
        )
    ]
    for tile in frame.tiles:
        parts.append(_TILE.pack(tile.x, tile.y, tile.width, tile.height, tile.encoding, len(tile.data)))
        parts.append(tile.data)
    data = b"".join(parts)
    if len(data) > limits.MAX_BINARY_MESSAGE_BYTES:
        raise ProtocolError(f"frame of {len(data)} bytes exceeds {limits.MAX_BINARY_MESSAGE_BYTES}")
    return data


def decode_frame(data: bytes) -> Frame:
    """Parse one binary message; every length and rectangle is checked before use."""
    if len(data) > limits.MAX_BINARY_MESSAGE_BYTES:
        raise ProtocolError(f"frame of {len(data)} bytes exceeds {limits.MAX_BINARY_MESSAGE_BYTES}")
    if len(data) < HEADER_SIZE:
        raise ProtocolError("frame shorter than its header")
    magic, seq, captured, monitor, mx, my, mw, mh, flags, count = _HEADER.unpack_from(data)
    if magic != MAGIC:
        raise ProtocolError("frame does not start with FHF1")
    tiles: list[Tile] = []
    offset = HEADER_SIZE
    for _ in range(count):
        if offset + TILE_HEADER_SIZE > len(data):
            raise ProtocolError("frame ends inside a tile header")
        x, y, w, h, encoding, length = _TILE.unpack_from(data, offset)
        offset += TILE_HEADER_SIZE
        if offset + length > len(data):
            raise ProtocolError("tile data runs past the end of the frame")
        try:
            kind = Encoding(encoding)
        except ValueError:
            raise ProtocolError(f"unknown tile encoding {encoding}") from None
        tiles.append(Tile(x, y, w, h, kind, bytes(data[offset : offset + length])))
        offset += length
    if offset != len(data):
        raise ProtocolError("bytes after the last tile")
    frame = Frame(seq, captured, monitor, mx, my, mw, mh, flags, tuple(tiles))
    _check_frame(frame)
    return frame


def _check_frame(frame: Frame) -> None:
    if not 0 <= frame.monitor < limits.MAX_MONITORS:
        raise ProtocolError(f"monitor {frame.monitor} out of range")
    side = limits.MAX_MONITOR_SIDE
    if not (0 < frame.monitor_width <= side and 0 < frame.monitor_height <= side):
        raise ProtocolError("monitor size out of range")
    if len(frame.tiles) > limits.MAX_TILES_PER_FRAME:
        raise ProtocolError(f"more than {limits.MAX_TILES_PER_FRAME} tiles")
    videos = 0
    for tile in frame.tiles:
        if tile.width == 0 or tile.height == 0:
            raise ProtocolError("empty tile")
        if tile.x + tile.width > frame.monitor_width or tile.y + tile.height > frame.monitor_height:
            raise ProtocolError("tile lies outside its monitor")
        if tile.encoding is Encoding.SOLID and len(tile.data) != 3:
            raise ProtocolError("SOLID tile data is not 3 bytes")
        if tile.encoding is Encoding.PALETTE:
            colours = tile.data[0] if tile.data else 0
            if not 2 <= colours <= MAX_PALETTE_COLOURS or len(tile.data) <= 1 + 3 * colours:
                raise ProtocolError("PALETTE tile needs 2 to 16 colours and a stream chunk")
        if tile.encoding is Encoding.COPY:
            if len(tile.data) != _COPY.size:
                raise ProtocolError("COPY tile data is not 4 bytes")
            if frame.keyframe:
                raise ProtocolError("a keyframe holds no COPY tile")
            src_x, src_y = copy_source(tile)
            if src_x + tile.width > frame.monitor_width or src_y + tile.height > frame.monitor_height:
                raise ProtocolError("COPY source lies outside its monitor")
        if tile.encoding is Encoding.VP8:
            videos += 1
            chunk = parse_vp8(tile.data, tile.width, tile.height)
            if videos > 1:
                raise ProtocolError("more than one VP8 tile in a frame")
            if frame.keyframe and not chunk.key:
                raise ProtocolError("a keyframe's VP8 tile must be a key chunk")
