"""Scroll detection: the rectangle of a capture that is the previous capture moved up or down.

A terminal or a page that scrolls redraws most of its window shifted by a few rows. Found here,
it goes out as one COPY tile (docs/protocol.md, "Copied rectangles"); only what scrolled in is
encoded as tiles. Pure numpy, no I/O; the frame encoder calls `find_scroll` once per capture.

How: the rows of the changed band are fingerprinted in vertical strips of `STRIP` pixels, so that
a window scrolling beside unrelated changes (a clock, another window) still matches strip by
strip. Each strip row whose fingerprint occurs once in the previous capture votes for the shift
that brings it there; blank or repeated rows, alike in many places, do not vote. The winning
shift is then checked pixel for pixel: the strips beside the voting ones that it reproduces in
most rows join them, and the longest run of rows it reproduces exactly over those strips is the
scroll.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from client.core.tiles import TILE_SIZE, as_words, changed_tiles

Pixels = NDArray[np.uint8]

STRIP = 64
MIN_VOTES = 4
"""Strip rows that must agree on a shift before it is checked."""
MOSTLY = 0.9
"""A strip joins the scroll if the shift reproduces it in this share of the band's rows."""
MIN_ROWS = 16
MIN_WIDTH = 64
"""A smaller scroll saves less than its COPY tile and the check cost."""
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
_WEIGHTS = (np.arange(STRIP, dtype=np.uint32) * np.uint32(0x9E3779B1)) | np.uint32(1)
"""Odd, different per column of a strip: a weighted sum tells apart rows that hold the same
pixels in another order (the digits of a line number)."""


@dataclass(frozen=True)
class Scroll:
    """Copy the `width` x `height` rectangle at (x, y + shift) of the previous picture to (x, y)."""

    x: int
    y: int
    width: int
    height: int
    shift: int

    @property
    def source_y(self) -> int:
        return self.y + self.shift

    def apply(self, previous: Pixels) -> Pixels:
        """What a receiver showing `previous` shows after the copy (a new array)."""
        moved = previous.copy()
        columns = slice(self.x, self.x + self.width)
        moved[self.y : self.y + self.height, columns] = previous[
            self.source_y : self.source_y + self.height, columns
        ]
        return moved

    def dirty_after(self, previous: Pixels, current: Pixels, dirty: NDArray[np.bool_]) -> NDArray[np.bool_]:
        """`dirty_tiles(self.apply(previous), current)`, given `dirty` = `dirty_tiles(previous,
        current)`: only the tiles the copy lands in are compared again, and without copying, so a
        terminal's scroll costs no full-screen copy and comparison."""
        rows = (self.y // TILE_SIZE, -(-(self.y + self.height) // TILE_SIZE))
        columns = (self.x // TILE_SIZE, -(-(self.x + self.width) // TILE_SIZE))
        top, left = rows[0] * TILE_SIZE, columns[0] * TILE_SIZE
        bottom = min(current.shape[0], rows[1] * TILE_SIZE)
        right = min(current.shape[1], columns[1] * TILE_SIZE)
        before, after = as_words(previous), as_words(current)
        changed = before[top:bottom, left:right] != after[top:bottom, left:right]
        copied = (slice(self.y, self.y + self.height), slice(self.x, self.x + self.width))
        source = before[self.source_y : self.source_y + self.height, copied[1]]
        changed[self.y - top : self.y - top + self.height, self.x - left : self.x - left + self.width] = (
            source != after[copied]
        )
        result = dirty.copy()
        result[rows[0] : rows[1], columns[0] : columns[1]] = changed_tiles(changed)
        return result


def find_scroll(
    previous: Pixels, current: Pixels, dirty_rows: tuple[int, int], dirty_columns: tuple[int, int]
) -> Scroll | None:
    """The largest vertical scroll from `previous` to `current` (H x W x 4, B G R A), if any.

    Nothing changed outside the pixel rows `dirty_rows` and columns `dirty_columns` ([start, end)
    each; the changed tiles' bounds, say).
    """
    top, bottom = dirty_rows
    if bottom - top < MIN_ROWS + 1 or dirty_columns[1] - dirty_columns[0] < MIN_WIDTH:
        return None
    before, after = as_words(previous)[top:bottom], as_words(current)[top:bottom]
    edges = _changed_columns(before, after, dirty_columns)
    if edges is None or edges[1] - edges[0] < MIN_WIDTH:
        return None
    left, right = edges
    voted = _voted(before[:, left:right], after[:, left:right])
    if voted is None:
        return None
    shift, voting_strip = voted
    first, end = max(0, -shift), before.shape[0] - max(0, shift)
    moved_to, moved_from = after[first:end, left:right], before[first + shift : end + shift, left:right]
    strips = moved_to.shape[1] // STRIP
    same = moved_to[:, : strips * STRIP] == moved_from[:, : strips * STRIP]
    strip_rows = np.all(same.reshape(same.shape[0], strips, STRIP), axis=2)
    scrolled = strip_rows[strip_rows[:, voting_strip]]
    kept: NDArray[np.bool_] = scrolled.mean(axis=0) >= MOSTLY
    kept[voting_strip] = True
    strip_start, strip_end = _run_around(kept, voting_strip)
    x0, x1 = left + strip_start * STRIP, min(right, left + strip_end * STRIP)
    reproduced = np.all(strip_rows[:, strip_start:strip_end], axis=1)
    start, end = longest_run(reproduced)
    if strip_end == strips and x1 < right:
        # The columns past the last whole strip join if the scroll holds there in every row.
        rest = moved_to[start:end, strips * STRIP :] == moved_from[start:end, strips * STRIP :]
        if rest.all():
            x1 = right
    if end - start < MIN_ROWS or x1 - x0 < MIN_WIDTH:
        return None
    return Scroll(x0, top + first + start, x1 - x0, end - start, shift)


def _changed_columns(
    before: NDArray[np.uint32], after: NDArray[np.uint32], within: tuple[int, int]
) -> tuple[int, int] | None:
    """[first, last + 1) of the columns that changed, looking only at the edges of `within`."""
    start, end = within
    edge = min(STRIP, end - start)
    head = np.flatnonzero((before[:, start : start + edge] != after[:, start : start + edge]).any(axis=0))
    tail = np.flatnonzero((before[:, end - edge : end] != after[:, end - edge : end]).any(axis=0))
    if head.size == 0 or tail.size == 0:
        return None
    return start + int(head[0]), end - edge + int(tail[-1]) + 1


def _fingerprints(words: NDArray[np.uint32]) -> NDArray[np.uint64]:
    """Per row and whole strip, a weighted sum of the strip's pixels (rows x strips), wrapping at
    32 bits: cheap (one `einsum` pass), and rows of text seldom sum alike by chance; a shift is
    checked exactly before it is used. Columns past the last whole strip do not vote."""
    rows, width = words.shape
    strips = width // STRIP
    by_strip = words[:, : strips * STRIP].reshape(rows, strips, STRIP)
    sums: NDArray[np.uint64] = np.einsum("rsk,k->rs", by_strip, _WEIGHTS).astype(np.uint64)
    return sums


def _voted(before: NDArray[np.uint32], after: NDArray[np.uint32]) -> tuple[int, int] | None:
    """The shift most strip rows agree on (row r of `after` is row r + shift of `before`), and
    the strip with the most votes for it."""
    rows, strips = before.shape[0], before.shape[1] // STRIP
    if strips == 0:
        return None
    salt = (np.arange(strips, dtype=np.uint64) * _MULTIPLIER)[None, :]
    old = (_fingerprints(before) ^ salt).ravel()
    new = (_fingerprints(after) ^ salt).ravel()
    keys, first, counts = np.unique(old, return_index=True, return_counts=True)
    unique_keys, unique_at = keys[counts == 1], first[counts == 1]
    if unique_keys.size == 0:
        return None
    found = np.searchsorted(unique_keys, new).clip(0, unique_keys.size - 1)
    hit = np.flatnonzero(unique_keys[found] == new)
    shifts = unique_at[found[hit]] // strips - hit // strips
    moved = shifts != 0
    hit, shifts = hit[moved], shifts[moved]
    if shifts.size < MIN_VOTES:
        return None
    values, votes = np.unique(shifts, return_counts=True)
    best = int(votes.argmax())
    if votes[best] < MIN_VOTES or abs(values[best]) >= rows:
        return None
    per_strip = np.bincount(hit[shifts == values[best]] % strips, minlength=strips)
    return int(values[best]), int(per_strip.argmax())


def _run_around(mask: NDArray[np.bool_], index: int) -> tuple[int, int]:
    """[start, end) of the run of True in `mask` that holds `index`."""
    start, end = index, index + 1
    while start > 0 and mask[start - 1]:
        start -= 1
    while end < mask.size and mask[end]:
        end += 1
    return start, end


def longest_run(mask: NDArray[np.bool_]) -> tuple[int, int]:
    """[start, end) of the longest run of True in `mask` ((0, 0) if none)."""
    edges = np.diff(np.concatenate(([0], mask.view(np.int8), [0])))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    if starts.size == 0:
        return 0, 0
    longest = int((ends - starts).argmax())
    return int(starts[longest]), int(ends[longest])
