"""Which part of the screen is moving, from the tile plans: the motion path's decision.

Pure (numpy only). A tile is *moving* once it has changed in every capture for more than
`MOTION_AFTER_S` (about a second), captures no more than `MAX_GAP_S` apart, and it is photo-like
(too many colours for the lossless tile encodings): a video, an animation, a photo being dragged.
Text and flat interface elements never start or grow a region, even while they scroll or move: as
PALETTE tiles they stay sharp and cost a fraction of a video stream's bytes (a terminal scrolling
100 lines a second: 0.35 MB/s as tiles against 1.5 MB/s as VP8). Once a region exists, any change
in it keeps it, so dark or flat scenes of a video do not make it flap.

When enough moving tiles gather (a box of at least `MIN_REGION_TILES` tiles,
at least half of them moving), that box becomes the video region: its pixels go to the video
encoder instead of tiles, so a full screen of motion costs a video stream's bit rate rather than
a JPEG of every tile every frame. Small changing things (a clock, a blinking caret, a progress
bar) never make a region: they stay lossless tiles. The region only grows (a new box is a new
stream); once nothing in it changed for `STILL_AFTER_S`, it ends, and the caller sends it again as
tiles, so the picture left on the expert's screen is the tile path's, not the video's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from client.core.tiles import TILE_SIZE

MOTION_AFTER_S = 1.0
STILL_AFTER_S = 0.5
MAX_GAP_S = 0.25
"""Captures further apart than this are not "every frame": every run of changes starts again."""
MIN_REGION_TILES = 16
"""A region covers at least 16 tiles (256 x 256 pixels' worth): below that, tiles are cheaper."""
MIN_MOVING_SHARE = 0.5


@dataclass(frozen=True)
class Region:
    """A box of whole tiles: rows `top` to `bottom` - 1 and columns `left` to `right` - 1."""

    top: int
    left: int
    bottom: int
    right: int

    @property
    def tiles(self) -> int:
        return (self.bottom - self.top) * (self.right - self.left)

    def pixels(self, height: int, width: int) -> tuple[int, int, int, int]:
        """x, y, width, height in pixels of a `height` x `width` monitor (edge tiles may be smaller)."""
        x, y = self.left * TILE_SIZE, self.top * TILE_SIZE
        return x, y, min(self.right * TILE_SIZE, width) - x, min(self.bottom * TILE_SIZE, height) - y

    def contains(self, other: Region) -> bool:
        return (
            self.top <= other.top
            and self.left <= other.left
            and other.bottom <= self.bottom
            and other.right <= self.right
        )


@dataclass(frozen=True)
class MotionUpdate:
    """What changed with one capture: the region now (None: no video) and one that just ended."""

    region: Region | None
    ended: Region | None


class MotionTracker:
    """Follows the dirty-tile masks of one monitor, capture after capture (one thread at a time)."""

    def __init__(self) -> None:
        self._run_start: NDArray[np.float64] | None = None
        self._last_capture: float | None = None
        self._region: Region | None = None
        self._region_changed_at = 0.0

    @property
    def region(self) -> Region | None:
        return self._region

    def reset(self) -> None:
        """Forget everything (another monitor, a new size): the next region starts from scratch."""
        self._run_start = None
        self._last_capture = None
        self._region = None

    def update(
        self, dirty: NDArray[np.bool_], now: float, photo: NDArray[np.bool_] | None = None
    ) -> MotionUpdate:
        """Take the dirty mask of the capture made at `now` (seconds, monotonic) and which tiles
        are photo-like (None: all of them)."""
        if self._run_start is None or self._run_start.shape != dirty.shape:
            self.reset()
            self._run_start = np.full(dirty.shape, np.nan)
        gap = self._last_capture is not None and now - self._last_capture > MAX_GAP_S
        self._last_capture = now
        runs = self._run_start
        if gap:
            runs[:] = np.nan
        runs[~dirty] = np.nan
        runs[dirty & np.isnan(runs)] = now
        moving = dirty & (now - np.nan_to_num(runs, nan=now) >= MOTION_AFTER_S)
        if photo is not None:
            moving &= photo
        return self._decide(dirty, moving, now)

    def _decide(self, dirty: NDArray[np.bool_], moving: NDArray[np.bool_], now: float) -> MotionUpdate:
        region = self._region
        if region is not None:
            inside = dirty[region.top : region.bottom, region.left : region.right]
            if inside.any():
                self._region_changed_at = now
            elif now - self._region_changed_at >= STILL_AFTER_S:
                self._region = None
                return MotionUpdate(None, region)
        box = _box(moving, region)
        if box is not None and box != region and _worth_a_stream(box, moving):
            self._region = box
            self._region_changed_at = now
        return MotionUpdate(self._region, None)


def _box(moving: NDArray[np.bool_], region: Region | None) -> Region | None:
    """The smallest box of tiles holding every moving tile and the current region."""
    rows, cols = np.nonzero(moving)
    if rows.size == 0:
        return region
    box = Region(int(rows.min()), int(cols.min()), int(rows.max()) + 1, int(cols.max()) + 1)
    if region is None:
        return box
    return Region(
        min(box.top, region.top), min(box.left, region.left),
        max(box.bottom, region.bottom), max(box.right, region.right),
    )  # fmt: skip


def _worth_a_stream(box: Region, moving: NDArray[np.bool_]) -> bool:
    share = float(moving[box.top : box.bottom, box.left : box.right].mean())
    return box.tiles >= MIN_REGION_TILES and share >= MIN_MOVING_SHARE
