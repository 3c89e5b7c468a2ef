"""Exact palettes of few-colour tiles: their colours and packed pixel indices, for SOLID/PALETTE tiles.

Pure numpy, no I/O; the screen-share worker calls it once per capture through `plan_tiles`. Text,
UI and flat art mostly hold a handful of colours per 64 px tile: sent as a palette and 1, 2 or 4
bits per pixel they cost an eighth to a sixth of their RGB bytes before compression.

Colours are found by peeling, all tiles of one shape at once: each pass takes, per tile, the
first pixel without an index, gives every pixel of that colour the next index, and drops tiles
that are done. A tile still unfinished after `MAX_PALETTE_COLOURS` passes has more colours and
is left to other encodings. Tiles of 2 to 4 colours take 2 to 4 passes; callers pass only tiles
whose sampled colours already fit, so many-colour tiles seldom cost all sixteen.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from protocol.frames import MAX_PALETTE_COLOURS

_RGB_MASK = np.uint32(0x00FFFFFF)


@dataclass(frozen=True)
class Palette:
    """One tile's colours (R G B each, in index order) and its indices packed as PALETTE sends them."""

    colours: bytes
    packed: bytes

    @property
    def count(self) -> int:
        return len(self.colours) // 3


def find_palettes(tiles: NDArray[np.uint32]) -> list[Palette | None]:
    """The palette of each of N same-sized tiles (N x H x W, pixels as B G R A little-endian words).

    None for a tile with more than `MAX_PALETTE_COLOURS` colours. A one-colour tile gets an empty
    `packed` (it is sent as SOLID).
    """
    count, height, width = tiles.shape
    words = tiles.reshape(count, height * width) & _RGB_MASK
    indices = np.zeros(words.shape, np.uint8)
    colours = np.zeros((count, MAX_PALETTE_COLOURS), np.uint32)
    used = np.zeros(count, np.int64)
    # The tiles still being peeled, compacted: their ids, pixels, indices and unset pixels.
    ids = np.arange(count)
    rows, rows_indices = words, indices.copy()
    unset = np.ones(words.shape, np.bool_)
    for index in range(MAX_PALETTE_COLOURS):
        first = rows[np.arange(ids.size), unset.argmax(axis=1)]
        hit = rows == first[:, None]
        hit &= unset
        if index:
            rows_indices += hit.view(np.uint8) * np.uint8(index)  # each pixel is hit once
        unset &= ~hit
        colours[ids, index] = first
        used[ids] += 1
        going = unset.any(axis=1)
        if not going.all():
            done = ~going
            indices[ids[done]] = rows_indices[done]
            ids, rows, rows_indices, unset = ids[going], rows[going], rows_indices[going], unset[going]
        if ids.size == 0:
            break
    found: list[Palette | None] = [None] * count
    unfinished = np.zeros(count, np.bool_)
    unfinished[ids] = True
    rgb = colours.astype("<u4").view(np.uint8).reshape(count, MAX_PALETTE_COLOURS, 4)[:, :, 2::-1]
    for bits in (0, 1, 2, 4):
        group = np.flatnonzero(~unfinished & (_bits_for(used) == bits))
        if group.size == 0:
            continue
        packed = pack_indices(indices[group].reshape(group.size, height, width), bits) if bits else None
        for row, tile in enumerate(group.tolist()):
            n = int(used[tile])
            found[tile] = Palette(rgb[tile, :n].tobytes(), b"" if packed is None else packed[row].tobytes())
    return found


def _bits_for(used: NDArray[np.int64]) -> NDArray[np.int64]:
    """Bits per index for tiles of `used` colours; 0 for one colour (SOLID)."""
    return np.select([used == 1, used == 2, used <= 4], [0, 1, 2], 4)


def pack_indices(indices: NDArray[np.uint8], bits: int) -> NDArray[np.uint8]:
    """N x H x W indices as N x H rows of `bits`-bit fields, high bits first, each row padded with
    zero bits to a whole byte."""
    per_byte = 8 // bits
    count, height, width = indices.shape
    padded = np.zeros((count, height, -(-width // per_byte) * per_byte), np.uint8)
    padded[:, :, :width] = indices
    fields = padded.reshape(count, height, -1, per_byte)
    packed = np.zeros(fields.shape[:3], np.uint8)
    for slot in range(per_byte):
        packed |= fields[:, :, :, slot] << (8 - bits * (slot + 1))
    return packed
