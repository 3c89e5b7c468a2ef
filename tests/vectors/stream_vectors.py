"""Golden vectors of SOLID and PALETTE tiles and of the tile stream (docs/protocol.md, "Tile stream").

Packed here with `struct` and `zlib`, independently of the client's encoder. Besides single frames
(`frames` in expected.json) they form `sequences`: frames a receiver decodes in order with one tile
stream, saying which frames it draws (a gap in `seq` is skipped until the next keyframe) and the
monitor's RGB picture after them, starting from black; or that decoding must fail.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from typing import Any

HEADER = struct.Struct(">4sIQHiiHHHH")
TILE = struct.Struct(">HHHHBI")
W, H = 8, 4
SOLID, PALETTE = 3, 4
Rect = tuple[int, int, int, int]


class Stream:
    """The sender's tile stream: each chunk ends with a sync flush."""

    def __init__(self) -> None:
        self._compressor = zlib.compressobj(9)

    def chunk(self, data: bytes) -> bytes:
        return self._compressor.compress(data) + self._compressor.flush(zlib.Z_SYNC_FLUSH)


def packed(indices: list[list[int]], bits: int) -> bytes:
    out = bytearray()
    for row in indices:
        padded = row + [0] * (-len(row) % (8 // bits))
        for start in range(0, len(padded), 8 // bits):
            byte = 0
            for index in padded[start : start + 8 // bits]:
                byte = byte << bits | index
            out.append(byte)
    return bytes(out)


def palette_data(colours: list[tuple[int, int, int]], chunk: bytes) -> bytes:
    return bytes([len(colours)]) + b"".join(bytes(c) for c in colours) + chunk


def pixels(colours: list[tuple[int, int, int]], indices: list[list[int]]) -> list[list[tuple[int, int, int]]]:
    return [[colours[i] for i in row] for row in indices]


def frame(seq: int, keyframe: bool, tiles: list[tuple[Rect, int, bytes]]) -> bytes:
    out = HEADER.pack(b"FHF1", seq, 1_700_000_100_000 + seq, 0, 0, 0, W, H, int(keyframe), len(tiles))
    for rect, encoding, data in tiles:
        out += TILE.pack(*rect, encoding, len(data)) + data
    return out


def add_stream_vectors(
    valid_frame: Callable[[str, bytes, dict[str, Any], str], None],
    invalid_frame: Callable[[str, bytes, str], None],
    meaning: Callable[..., dict[str, Any]],
) -> list[dict[str, Any]]:
    """Adds the single frames through the two callbacks and returns the sequences."""
    picture = [[(0, 0, 0)] * W for _ in range(H)]

    def paint(rect: Rect, rgb: list[list[tuple[int, int, int]]]) -> None:
        x, y, w, h = rect
        for row in range(h):
            picture[y + row][x : x + w] = rgb[row]

    def hex_of(rgb: list[list[tuple[int, int, int]]]) -> str:
        return b"".join(bytes(p) for row in rgb for p in row).hex()

    def frame_meaning(seq: int, keyframe: bool, tiles: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            "seq": seq, "captured_ms": 1_700_000_100_000 + seq, "monitor": 0, "monitor_x": 0,
            "monitor_y": 0, "monitor_width": W, "monitor_height": H, "flags": int(keyframe),
            "keyframe": keyframe, "tiles": tiles,
        }  # fmt: skip

    left, right = (0, 0, 4, 4), (4, 0, 4, 4)
    grid = [[0, 1, 2, 1], [2, 2, 0, 0], [1, 0, 1, 0], [0, 0, 2, 2]]
    three = [(250, 250, 250), (0, 0, 0), (200, 0, 90)]
    solid_rgb = (10, 20, 30)
    stream = Stream()
    chunk = stream.chunk(packed(grid, 2))
    first_tiles = [(left, SOLID, bytes(solid_rgb)), (right, PALETTE, palette_data(three, chunk))]
    valid_frame(
        "stream_1_keyframe.bin",
        frame(1, True, first_tiles),
        frame_meaning(
            1,
            True,
            [
                meaning(left, SOLID, bytes(solid_rgb), rgb_hex=bytes(solid_rgb * 16).hex()),
                meaning(right, PALETTE, palette_data(three, chunk), rgb_hex=hex_of(pixels(three, grid))),
            ],
        ),
        "SOLID, and PALETTE with 3 colours (2 bits) starting the tile stream (zlib header)",
    )
    paint(left, [[solid_rgb] * 4] * 4)
    paint(right, pixels(three, grid))
    after_one = hex_of(picture)

    two = [(0, 0, 0), (255, 255, 255)]
    bits_one = [[i % 2 for i in row] for row in grid]
    sixteen = [(i * 16, 255 - i * 16, i * 3) for i in range(16)]
    all_sixteen = [[r * 4 + c for c in range(4)] for r in range(4)]
    chunk_a = stream.chunk(packed(bits_one, 1))
    chunk_b = stream.chunk(packed(all_sixteen, 4))
    second_tiles = [
        (left, PALETTE, palette_data(two, chunk_a)),
        (right, PALETTE, palette_data(sixteen, chunk_b)),
    ]
    second = frame(2, False, second_tiles)
    valid_frame(
        "stream_2_continues.bin",
        second,
        frame_meaning(2, False, [meaning(r, e, d) for r, e, d in second_tiles]),
        "PALETTE with 2 colours (1 bit) and 16 colours (4 bits) continuing the stream of frame 1",
    )
    paint(left, pixels(two, bits_one))
    paint(right, pixels(sixteen, all_sixteen))
    after_two = hex_of(picture)

    gap_tiles = [((0, 0, W, H), SOLID, bytes((1, 2, 3)))]
    valid_frame(
        "stream_4_after_gap.bin",
        frame(4, False, gap_tiles),
        frame_meaning(
            4, False, [meaning(r, e, d, rgb_hex=bytes((1, 2, 3) * W * H).hex()) for r, e, d in gap_tiles]
        ),
        "seq 4 after 2: a receiver following the stream skips it until a keyframe",
    )
    fresh = Stream()
    restart_chunk = fresh.chunk(packed(bits_one, 1))
    restart_tiles = [
        ((0, 0, W, H), SOLID, bytes((9, 9, 9))),
        (left, PALETTE, palette_data(two, restart_chunk)),
    ]
    valid_frame(
        "stream_5_restart.bin",
        frame(5, True, restart_tiles),
        frame_meaning(
            5,
            True,
            [
                meaning((0, 0, W, H), SOLID, bytes((9, 9, 9)), rgb_hex=bytes((9, 9, 9) * W * H).hex()),
                meaning(
                    left, PALETTE, palette_data(two, restart_chunk), rgb_hex=hex_of(pixels(two, bits_one))
                ),
            ],
        ),
        "a keyframe restarts the stream: its PALETTE chunk has a new zlib header",
    )
    paint((0, 0, W, H), [[(9, 9, 9)] * W] * H)
    paint(left, pixels(two, bits_one))
    after_restart = hex_of(picture)

    short = zlib.compressobj(9)
    too_short = short.compress(packed(grid, 2)[:-1]) + short.flush(zlib.Z_SYNC_FLUSH)
    bad_index = Stream().chunk(packed([[3, 0, 0, 0], *grid[1:]], 2))
    ended = zlib.compress(packed(grid, 2))
    for name, chunk_, note in (
        ("stream_short_chunk.bin", too_short, "the chunk inflates to one byte less than its indices"),
        ("stream_index_beyond.bin", bad_index, "index 3 in a tile of 3 colours"),
        ("stream_final_block.bin", ended, "the chunk ends the zlib stream (the stream never ends)"),
    ):
        tiles = [(right, PALETTE, palette_data(three, chunk_))]
        valid_frame(
            name, frame(1, True, tiles), frame_meaning(1, True, [meaning(r, e, d) for r, e, d in tiles]), note
        )

    no_chunk = palette_data(three, b"")
    for name, tiles, note in (
        ("solid_four_bytes.bin", [(left, SOLID, b"\x01\x02\x03\x04")], "SOLID data of 4 bytes"),
        (
            "palette_one_colour.bin",
            [(left, PALETTE, palette_data([(1, 2, 3)], b"\x00"))],
            "PALETTE of 1 colour",
        ),
        ("palette_17_colours.bin", [(left, PALETTE, palette_data([(1, 2, 3)] * 17, b"\x00"))], "17 colours"),
        ("palette_no_chunk.bin", [(left, PALETTE, no_chunk)], "PALETTE colours but no stream chunk"),
    ):
        invalid_frame(name, frame(1, True, tiles), note)

    sequence = [
        "stream_1_keyframe.bin",
        "stream_2_continues.bin",
        "stream_4_after_gap.bin",
        "stream_5_restart.bin",
    ]
    return [
        {"files": [f"frames/{n}" for n in sequence[:2]], "valid": True, "drawn": [True, True],
         "rgb_hex": after_two, "note": "frame 2 decodes only with frame 1's stream history"},
        {"files": [f"frames/{n}" for n in sequence], "valid": True, "drawn": [True, True, False, True],
         "rgb_hex": after_restart, "note": "a gap is skipped; the next keyframe restarts the stream"},
        {"files": ["frames/stream_2_continues.bin", "frames/stream_1_keyframe.bin"], "valid": True,
         "drawn": [False, True], "rgb_hex": after_one, "note": "a delta before any keyframe is not drawn"},
        *({"files": [f"frames/{n}"], "valid": False, "note": "decoding must fail"}
          for n in ("stream_short_chunk.bin", "stream_index_beyond.bin", "stream_final_block.bin")),
    ]  # fmt: skip
