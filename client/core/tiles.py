"""Which parts of a screen changed, and how each part is best encoded.

Pure numpy on BGRA frames (height x width x 4, as captured). The screen is cut into a grid of
`TILE` pixel squares; changed squares of one grid row are merged into runs of at most
`MAX_RUN` squares, so a frame carries few, large rectangles.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from protocol.frames import Encoding

TILE = 64
MAX_RUN = 8
TEXT_LIKE_MAX_COLOURS = 32
"""Distinct colours (on a 4x subsample) up to which a rectangle counts as text-like."""

Pixels = npt.NDArray[np.uint8]


@dataclass(frozen=True)
class Rect:
    x: int
    y: int
    width: int
    height: int


def as_words(pixels: Pixels) -> npt.NDArray[np.uint32]:
    """One uint32 per pixel, so comparisons touch a quarter of the elements."""
    contiguous = np.ascontiguousarray(pixels)
    return contiguous.view(np.uint32).reshape(contiguous.shape[0], contiguous.shape[1])


def changed_grid(previous: Pixels, current: Pixels) -> npt.NDArray[np.bool_]:
    """A (rows x columns) grid of which `TILE` squares differ; frames must have the same size."""
    if previous.tobytes() == current.tobytes():
        rows, columns = _grid_shape(current)
        return np.zeros((rows, columns), dtype=np.bool_)
    different = as_words(previous) != as_words(current)
    height, width = different.shape
    rows, columns = _grid_shape(current)
    padded = np.zeros((rows * TILE, columns * TILE), dtype=np.bool_)
    padded[:height, :width] = different
    return np.asarray(padded.reshape(rows, TILE, columns, TILE).any(axis=(1, 3)), dtype=np.bool_)


def dirty_rects(grid: npt.NDArray[np.bool_], width: int, height: int) -> list[Rect]:
    """Merge each row's changed squares into runs; clip to the frame."""
    rects: list[Rect] = []
    for row in range(grid.shape[0]):
        column = 0
        while column < grid.shape[1]:
            if not grid[row, column]:
                column += 1
                continue
            start = column
            while column < grid.shape[1] and grid[row, column] and column - start < MAX_RUN:
                column += 1
            x, y = start * TILE, row * TILE
            rects.append(Rect(x, y, min(column * TILE, width) - x, min(y + TILE, height) - y))
    return rects


def all_rects(width: int, height: int) -> list[Rect]:
    """Every part of a frame: what a keyframe carries."""
    rows, columns = -(-height // TILE), -(-width // TILE)
    return dirty_rects(np.ones((rows, columns), dtype=np.bool_), width, height)


def choose_encoding(pixels: Pixels, rect: Rect) -> Encoding:
    """Few colours (text, UI) → lossless; many (photos, gradients) → JPEG."""
    region = as_words(pixels[rect.y : rect.y + rect.height, rect.x : rect.x + rect.width])
    sample = region[::4, ::4] & np.uint32(0x00FFFFFF)
    colours = len(np.unique(sample))
    return Encoding.ZLIB_RGB if colours <= TEXT_LIKE_MAX_COLOURS else Encoding.JPEG


def _grid_shape(pixels: Pixels) -> tuple[int, int]:
    return -(-pixels.shape[0] // TILE), -(-pixels.shape[1] // TILE)
