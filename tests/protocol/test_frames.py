"""Binary frames round-trip, and every inconsistent length or rectangle is refused."""

import struct
from typing import Any

import pytest

from protocol import Encoding, Frame, ProtocolError, Tile, decode_frame, encode_frame, limits
from protocol.frames import FLAG_KEYFRAME, HEADER_SIZE, TILE_HEADER_SIZE


def _frame(tiles=None, **overrides):
    fields: dict[str, Any] = {
        "seq": 7,
        "captured_ms": 1_790_000_000_000,
        "monitor": 1,
        "monitor_x": -1920,
        "monitor_y": -200,
        "monitor_width": 1920,
        "monitor_height": 1080,
        "flags": FLAG_KEYFRAME,
        "tiles": tuple(tiles if tiles is not None else [Tile(0, 0, 64, 64, Encoding.JPEG, b"\xff\xd8jpeg")]),
    }
    fields.update(overrides)
    return Frame(**fields)


def test_frame_round_trips_with_negative_origin():
    frame = _frame(
        [Tile(0, 0, 64, 64, Encoding.JPEG, b"a" * 10), Tile(1856, 1016, 64, 64, Encoding.ZLIB_RGB, b"z")]
    )
    decoded = decode_frame(encode_frame(frame))
    assert decoded == frame
    assert decoded.keyframe


def test_header_layout_is_as_documented():
    data = encode_frame(_frame([]))
    assert len(data) == HEADER_SIZE == 34
    assert data[:4] == b"FHF1"
    assert struct.unpack(">I", data[4:8]) == (7,)
    assert struct.unpack(">i", data[18:22]) == (-1920,)
    assert struct.unpack(">H", data[32:34]) == (0,)
    assert TILE_HEADER_SIZE == 13


def test_wrong_magic_is_refused():
    data = bytearray(encode_frame(_frame()))
    data[0:4] = b"RFB "
    with pytest.raises(ProtocolError, match="FHF1"):
        decode_frame(bytes(data))


def test_truncated_frames_are_refused():
    data = encode_frame(_frame())
    for cut in (0, 10, HEADER_SIZE + 5, len(data) - 1):
        with pytest.raises(ProtocolError):
            decode_frame(data[:cut])


def test_trailing_bytes_are_refused():
    with pytest.raises(ProtocolError, match="after the last tile"):
        decode_frame(encode_frame(_frame()) + b"x")


def test_unknown_encoding_is_refused():
    data = bytearray(encode_frame(_frame()))
    data[HEADER_SIZE + 8] = 99
    with pytest.raises(ProtocolError, match="encoding"):
        decode_frame(bytes(data))


@pytest.mark.parametrize(
    "tile",
    [
        Tile(1900, 0, 64, 64, Encoding.JPEG, b"x"),
        Tile(0, 1050, 64, 64, Encoding.JPEG, b"x"),
        Tile(0, 0, 0, 5, Encoding.JPEG, b""),
    ],
)
def test_tiles_outside_their_monitor_are_refused(tile):
    with pytest.raises(ProtocolError):
        encode_frame(_frame([tile]))
    good = encode_frame(_frame([Tile(0, 0, 1, 1, Encoding.JPEG, b"x")]))
    bad = good[:HEADER_SIZE] + struct.pack(">HHHHBI", tile.x, tile.y, tile.width, tile.height, 1, 1) + b"x"
    with pytest.raises(ProtocolError):
        decode_frame(bad)


def test_lying_tile_length_is_refused():
    data = bytearray(encode_frame(_frame()))
    struct.pack_into(">I", data, HEADER_SIZE + 9, 10_000)
    with pytest.raises(ProtocolError, match="past the end"):
        decode_frame(bytes(data))


def test_monitor_out_of_range_is_refused():
    with pytest.raises(ProtocolError):
        encode_frame(_frame(monitor=limits.MAX_MONITORS))
    with pytest.raises(ProtocolError):
        encode_frame(_frame(monitor_width=0))


def test_oversized_frames_are_refused():
    with pytest.raises(ProtocolError, match="exceeds"):
        decode_frame(b"FHF1" + b"\0" * limits.MAX_BINARY_MESSAGE_BYTES)
