"""VP8 tiles round-trip, and every VP8 tile that disagrees with itself or its frame is refused."""

import struct

import pytest

from protocol import Encoding, Frame, ProtocolError, Tile, decode_frame, encode_frame
from protocol.frames import FLAG_KEYFRAME
from protocol.video import Vp8Chunk, pack_vp8, parse_vp8
from tests.vectors.generate import header, tile

KEY_FRAME = bytes([0x50, 0x01, 0x00]) + b"\x9d\x01\x2a" + struct.pack("<HH", 320, 180) + b"\x00" * 20
"""A VP8 key frame's first bytes: tag (bit 0 clear), start code, 14-bit width and height."""
DELTA_FRAME = bytes([0x31, 0x02, 0x00]) + b"\x00" * 12


def _frame(*tiles: Tile, flags: int = 0) -> Frame:
    return Frame(7, 1_790_000_000_000, 0, 0, 0, 1920, 1080, flags, tiles)


def _video(data: bytes, width: int = 640, height: int = 360) -> Tile:
    return Tile(0, 0, width, height, Encoding.VP8, data)


def test_a_key_chunk_round_trips_inside_a_keyframe():
    data = pack_vp8(Vp8Chunk(True, 320, 180, KEY_FRAME))
    frame = _frame(Tile(0, 0, 64, 64, Encoding.SOLID, b"\x01\x02\x03"), _video(data), flags=FLAG_KEYFRAME)
    assert decode_frame(encode_frame(frame)) == frame
    assert parse_vp8(data, 640, 360) == Vp8Chunk(True, 320, 180, KEY_FRAME)


def test_a_delta_chunk_round_trips_in_a_delta_frame():
    data = pack_vp8(Vp8Chunk(False, 640, 360, DELTA_FRAME))
    assert decode_frame(encode_frame(_frame(_video(data)))).tiles[0].data == data


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"\x01\x01\x40\x00\xb4", "shorter than a frame tag"),
        (pack_vp8(Vp8Chunk(False, 640, 360, DELTA_FRAME)).replace(b"\x00", b"\x02", 1), "unknown flag bits"),
        (pack_vp8(Vp8Chunk(False, 642, 360, DELTA_FRAME)), "coded wider than the tile"),
        (pack_vp8(Vp8Chunk(False, 640, 1, DELTA_FRAME)), "coded one row high"),
        (pack_vp8(Vp8Chunk(True, 640, 360, DELTA_FRAME)), "key flag on a delta frame tag"),
        (pack_vp8(Vp8Chunk(False, 320, 180, KEY_FRAME)), "no key flag on a key frame tag"),
        (pack_vp8(Vp8Chunk(True, 320, 180, KEY_FRAME.replace(b"\x9d", b"\x9e"))), "no start code"),
        (pack_vp8(Vp8Chunk(True, 322, 180, KEY_FRAME)), "key frame of another size"),
    ],
)
def test_a_malformed_vp8_tile_is_refused(data, why):
    with pytest.raises(ProtocolError):
        decode_frame(encode_frame_unchecked(_frame(_video(data))))


def test_a_keyframe_cannot_continue_the_video_stream():
    delta = pack_vp8(Vp8Chunk(False, 640, 360, DELTA_FRAME))
    with pytest.raises(ProtocolError):
        encode_frame(_frame(_video(delta), flags=FLAG_KEYFRAME))


def test_a_frame_holds_at_most_one_video_tile():
    key = pack_vp8(Vp8Chunk(True, 320, 180, KEY_FRAME))
    with pytest.raises(ProtocolError):
        encode_frame(_frame(_video(key), Tile(640, 0, 640, 360, Encoding.VP8, key)))


def encode_frame_unchecked(frame: Frame) -> bytes:
    """The frame's bytes as a careless sender would put them on the wire."""
    fields = (frame.seq, frame.captured_ms, frame.monitor, frame.monitor_x, frame.monitor_y)
    size = (frame.monitor_width, frame.monitor_height, frame.flags, len(frame.tiles))
    tiles = b"".join(tile((t.x, t.y, t.width, t.height), t.encoding, t.data) for t in frame.tiles)
    return header(*fields, *size) + tiles
