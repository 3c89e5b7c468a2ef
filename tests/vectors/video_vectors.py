"""Golden vectors of VP8 tiles, the video stream of the motion path (docs/protocol.md, "Video stream").

The frames are packed here with `struct`; the VP8 frames inside come from libvpx (the client's
encoder), so a regenerated file may differ in its VP8 bytes: the stored .bin files are the
reference. A lossy picture has no exact pixels: `approx_rgb` is the mean colour a decoder must
come within 4 of, as for JPEG tiles.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import Any

import numpy as np

from client.core.yuv import bgra_to_i420
from client.services.vp8_encoder import Vp8Encoder
from protocol.libvpx import load_libvpx

HEADER = struct.Struct(">4sIQHiiHHHH")
TILE = struct.Struct(">HHHHBI")
W, H = 32, 16
SOLID, VP8 = 3, 5
KEY = 0x01
Rect = tuple[int, int, int, int]


def _frame(seq: int, keyframe: bool, tiles: list[tuple[Rect, int, bytes]]) -> bytes:
    out = HEADER.pack(b"FHF1", seq, 1_700_000_200_000 + seq, 0, 0, 0, W, H, int(keyframe), len(tiles))
    for rect, encoding, data in tiles:
        out += TILE.pack(*rect, encoding, len(data)) + data
    return out


def _chunk(key: bool, size: tuple[int, int], frame: bytes) -> bytes:
    return struct.pack(">BHH", KEY if key else 0, *size) + frame


def _pictures(rgb: tuple[int, int, int], size: tuple[int, int], count: int) -> list[bytes]:
    library = load_libvpx()
    if library is None:
        raise SystemExit("the video vectors need libvpx (scripts/setup.sh installs it)")
    width, height = size
    pixels = np.empty((height, width, 4), np.uint8)
    pixels[:, :] = (rgb[2], rgb[1], rgb[0], 255)
    encoder = Vp8Encoder(library, width, height, kbit_per_s=400)
    try:
        return [encoder.encode(bgra_to_i420(pixels), i * 33, 33, key=i == 0)[0] for i in range(count)]
    finally:
        encoder.close()


def add_video_vectors(
    valid_frame: Callable[[str, bytes, dict[str, Any], str], None],
    invalid_frame: Callable[[str, bytes, str], None],
    meaning: Callable[..., dict[str, Any]],
) -> None:
    """Adds the frames through the two callbacks."""

    def frame_meaning(seq: int, keyframe: bool, tiles: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            "seq": seq, "captured_ms": 1_700_000_200_000 + seq, "monitor": 0, "monitor_x": 0,
            "monitor_y": 0, "monitor_width": W, "monitor_height": H, "flags": int(keyframe),
            "keyframe": keyframe, "tiles": tiles,
        }  # fmt: skip

    whole, left = (0, 0, W, H), (0, 0, 16, 16)
    colour = (200, 60, 30)
    key, delta = _pictures(colour, (W // 2, H // 2), 2)
    key_data = _chunk(True, (W // 2, H // 2), key)
    delta_data = _chunk(False, (W // 2, H // 2), delta)
    solid = bytes((9, 9, 9))
    valid_frame(
        "video_1_key.bin",
        _frame(1, True, [(whole, SOLID, solid), (whole, VP8, key_data)]),
        frame_meaning(
            1,
            True,
            [
                meaning(whole, SOLID, solid, rgb_hex=(solid * W * H).hex()),
                meaning(whole, VP8, key_data, approx_rgb=list(colour)),
            ],
        ),
        "a keyframe whose VP8 key chunk (coded 16x8, stretched over 32x16) starts the video stream",
    )
    valid_frame(
        "video_2_delta.bin",
        _frame(2, False, [(whole, VP8, delta_data)]),
        frame_meaning(2, False, [meaning(whole, VP8, delta_data)]),
        "a VP8 chunk continuing the stream of video_1_key.bin",
    )
    mismatched = bytearray(key_data)
    mismatched[0] = 0
    wrong_size = _chunk(True, (W // 2 + 2, H // 2), key)
    for name, data, note in (
        ("video_key_flag_mismatch.bin", _frame(1, False, [(whole, VP8, bytes(mismatched))]),
         "no key flag, yet the VP8 frame tag says key frame"),
        ("video_coded_wider.bin", _frame(1, False, [(left, VP8, _chunk(True, (W // 2 + 2, H // 2), key))]),
         "coded 18 pixels wide in a tile of 16"),
        ("video_key_size_mismatch.bin", _frame(1, False, [(whole, VP8, wrong_size)]),
         "the key frame says 16x8, the tile 18x8"),
        ("video_delta_in_keyframe.bin", _frame(1, True, [(whole, VP8, delta_data)]),
         "a keyframe cannot continue the video stream"),
        ("video_two_tiles.bin", _frame(1, True, [(left, VP8, key_data), ((16, 0, 16, 16), VP8, key_data)]),
         "two VP8 tiles in one frame"),
        ("video_short.bin", _frame(1, False, [(whole, VP8, key_data[:7])]), "no room for a frame tag"),
    ):  # fmt: skip
        invalid_frame(name, data, note)
