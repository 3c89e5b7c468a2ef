"""Golden vectors of COPY tiles (docs/protocol.md, "Copied rectangles").

Packed here with `struct` and `zlib`; the pictures they leave are worked out here on plain lists,
independently of the server's canvas and the console's. The `sequences` scroll a picture both
ways with overlapping source and destination, copy from a tile drawn earlier in the same frame,
and skip a COPY that follows a gap in `seq` or comes before any keyframe.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from typing import Any

HEADER = struct.Struct(">4sIQHiiHHHH")
TILE = struct.Struct(">HHHHBI")
W, H = 6, 5
ZLIB_RGB, SOLID, COPY = 2, 3, 6
Rect = tuple[int, int, int, int]
Rgb = tuple[int, int, int]


def _frame(seq: int, keyframe: bool, tiles: list[tuple[Rect, int, bytes]]) -> bytes:
    out = HEADER.pack(b"FHF1", seq, 1_700_000_300_000 + seq, 0, 0, 0, W, H, int(keyframe), len(tiles))
    for rect, encoding, data in tiles:
        out += TILE.pack(*rect, encoding, len(data)) + data
    return out


def _copy(src_x: int, src_y: int) -> bytes:
    return struct.pack(">HH", src_x, src_y)


class _Picture:
    """The receiver's picture, drawn tile by tile in order."""

    def __init__(self) -> None:
        self.rows: list[list[Rgb]] = [[(0, 0, 0)] * W for _ in range(H)]

    def draw(self, tiles: list[tuple[Rect, int, bytes]]) -> None:
        for (x, y, w, h), encoding, data in tiles:
            if encoding == SOLID:
                block = [[(data[0], data[1], data[2])] * w for _ in range(h)]
            elif encoding == ZLIB_RGB:
                raw = zlib.decompress(data)
                pixels = [(raw[i], raw[i + 1], raw[i + 2]) for i in range(0, len(raw), 3)]
                block = [pixels[row * w : (row + 1) * w] for row in range(h)]
            else:
                src_x, src_y = struct.unpack(">HH", data)
                block = [self.rows[src_y + row][src_x : src_x + w] for row in range(h)]  # copied out first
            for row in range(h):
                self.rows[y + row][x : x + w] = block[row]

    def hex(self) -> str:
        return b"".join(bytes(p) for row in self.rows for p in row).hex()


def add_copy_vectors(
    valid_frame: Callable[[str, bytes, dict[str, Any], str], None],
    invalid_frame: Callable[[str, bytes, str], None],
    meaning: Callable[..., dict[str, Any]],
) -> list[dict[str, Any]]:
    """Adds the single frames through the two callbacks and returns the sequences."""

    def frame_meaning(seq: int, keyframe: bool, tiles: list[tuple[Rect, int, bytes]]) -> dict[str, Any]:
        return {
            "seq": seq, "captured_ms": 1_700_000_300_000 + seq, "monitor": 0, "monitor_x": 0,
            "monitor_y": 0, "monitor_width": W, "monitor_height": H, "flags": int(keyframe),
            "keyframe": keyframe, "tiles": [meaning(r, e, d) for r, e, d in tiles],
        }  # fmt: skip

    start = bytes(v for y in range(H) for x in range(W) for v in (40 * y, 30 * x, 200 - 20 * y - x))
    first = [((0, 0, W, H), ZLIB_RGB, zlib.compress(start))]
    up = [((0, 0, W, H - 1), COPY, _copy(0, 1)), ((0, H - 1, W, 1), SOLID, bytes((7, 8, 9)))]
    down = [
        ((0, 2, W, H - 2), COPY, _copy(0, 0)),
        ((0, 0, W, 2), SOLID, bytes((250, 1, 2))),
        ((4, 3, 2, 2), COPY, _copy(1, 1)),
    ]
    after_gap = [((1, 1, 2, 2), COPY, _copy(0, 0))]
    frames = (
        ("copy_1_keyframe.bin", 1, True, first, "a keyframe of distinct pixels to copy from"),
        ("copy_2_scroll_up.bin", 2, False, up, "scroll up one row: COPY onto an overlapping source"),
        (
            "copy_3_scroll_down.bin", 3, False, down,
            "scroll down two rows, overlapping, then a COPY of a tile drawn earlier in the frame",
        ),
        ("copy_5_after_gap.bin", 5, False, after_gap, "seq 5 after 3: a COPY is skipped until a keyframe"),
    )  # fmt: skip
    pictures: list[str] = []
    picture = _Picture()
    for name, seq, keyframe, tiles, note in frames:
        valid_frame(name, _frame(seq, keyframe, tiles), frame_meaning(seq, keyframe, tiles), note)
        if seq != 5:
            picture.draw(tiles)
        pictures.append(picture.hex())

    for name, tiles, keyframe, note in (
        ("copy_in_keyframe.bin", [*first, ((0, 0, 2, 2), COPY, _copy(1, 1))], True, "a COPY in a keyframe"),
        ("copy_data_3_bytes.bin", [((0, 0, 2, 2), COPY, b"\x00\x01\x00")], False, "COPY data of 3 bytes"),
        ("copy_data_5_bytes.bin", [((0, 0, 2, 2), COPY, _copy(1, 1) + b"\x00")], False, "5 bytes of data"),
        ("copy_source_below.bin", [((0, 0, W, H - 1), COPY, _copy(0, 2))], False, "source below the monitor"),
        ("copy_source_right.bin", [((0, 0, 2, 2), COPY, _copy(W - 1, 0))], False, "source past the right"),
    ):  # fmt: skip
        invalid_frame(name, _frame(2, keyframe, tiles), note)

    names = [f"frames/{name}" for name, *_ in frames]
    return [
        {"files": names[:2], "valid": True, "drawn": [True, True], "rgb_hex": pictures[1],
         "note": "a COPY scrolls the picture up over its own source"},
        {"files": names, "valid": True, "drawn": [True, True, True, False], "rgb_hex": pictures[2],
         "note": "COPY tiles see the tiles before them; after a gap nothing is copied"},
        {"files": [names[1], names[0]], "valid": True, "drawn": [False, True], "rgb_hex": pictures[0],
         "note": "a COPY before any keyframe is not drawn"},
    ]  # fmt: skip
