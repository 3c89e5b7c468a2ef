"""The motion path of one monitor's frames: moving regions as a VP8 stream, the rest as tiles.

`client/core/motion.py` decides which region moves; this module applies that to a frame's plan:
tiles that lie inside the region are left out (the video covers them), the region's picture goes
through the VP8 encoder as one tile drawn after the others, and when the region ends it is planned
again as ordinary tiles, so the expert is left with the tile path's picture rather than the
video's. Keyframes restart the video with a key chunk (docs/protocol.md, "Video stream").

Runs on the thread that encodes frames, one frame after another; without libvpx it changes nothing.
"""

from __future__ import annotations

import ctypes
import logging

import numpy as np
from numpy.typing import NDArray

from client.core.motion import MotionTracker, Region
from client.core.tiles import TILE_SIZE, Pixels, TileRect, dirty_tiles, plan_tiles
from client.core.yuv import bgra_to_i420, coded_size
from client.services.vp8_encoder import Vp8Encoder
from protocol.frames import Encoding, Tile
from protocol.libvpx import VpxError
from protocol.video import Vp8Chunk, pack_vp8

_log = logging.getLogger(__name__)

DEFAULT_KBIT_PER_S = 2500
"""The video's bit rate: full-screen motion stays well under 4 Mbit/s with the tiles around it."""
SHRINK_ABOVE_PIXELS = 1280 * 720
"""Larger regions are coded at half width and height: converting a full 1080p picture alone would
take ~20 ms (docs/adr/0008-motion-video-vp8.md)."""


class MotionPath:
    """Per monitor: follow `plan` and `video_tile` for every frame, in order; `reset` on a switch."""

    def __init__(self, library: ctypes.CDLL | None, *, kbit_per_s: int = DEFAULT_KBIT_PER_S) -> None:
        self._library = library
        self._kbit_per_s = kbit_per_s
        self._tracker = MotionTracker()
        self._encoder: Vp8Encoder | None = None
        self._encoded: tuple[Region, int] | None = None
        self._first_ms = 0
        self._last_ms = 0
        self._region_moved = False
        self._abandoned: Region | None = None

    @property
    def active(self) -> bool:
        """A region is sent as video: even an unchanged capture must be shown to `plan` (it may end it)."""
        return self._tracker.region is not None

    def covered(self, shape: tuple[int, ...]) -> NDArray[np.bool_]:
        """A tile-rows x tile-columns mask of the tiles the video covers now (refinement skips them)."""
        mask = np.zeros(shape, dtype=np.bool_)
        region = self._tracker.region
        if region is not None and self._library is not None:
            mask[region.top : region.bottom, region.left : region.right] = True
        return mask

    def reset(self) -> None:
        """Another monitor or size: forget the region and end the stream."""
        self._tracker.reset()
        self._stop_video()

    def close(self) -> None:
        self._stop_video()

    def plan(
        self,
        previous: Pixels | None,
        current: Pixels,
        rects: list[TileRect],
        now: float,
        photo: NDArray[np.bool_],
        *,
        dirty: NDArray[np.bool_] | None = None,
    ) -> list[TileRect]:
        """The tiles to send of `rects` (planned from `previous` to `current`, captured at `now`;
        `photo` says which tiles of `current` are photo-like, `dirty` is `dirty_tiles(previous,
        current)` where the caller has it)."""
        if self._library is None:
            abandoned, self._abandoned = self._abandoned, None
            return rects if abandoned is None else rects + _replanned(current, abandoned)
        if previous is None or previous.shape != current.shape:
            dirty = None
            update = self._tracker.update(np.ones(photo.shape, dtype=np.bool_), now, photo)
        else:
            if dirty is None:
                dirty = dirty_tiles(previous, current)
            update = self._tracker.update(dirty, now, photo)
        region = update.region
        self._region_moved = region is not None and (
            dirty is None or bool(dirty[region.top : region.bottom, region.left : region.right].any())
        )
        covered = region or update.ended
        if covered is None:
            return rects
        kept = [rect for rect in rects if not _inside(rect, covered)]
        if update.ended is not None:
            self._stop_video()
            kept += _replanned(current, update.ended)
            _log.info("motion ended: %s goes back to tiles", update.ended)
        return kept

    def video_tile(self, current: Pixels, captured_ms: int, *, keyframe: bool) -> Tile | None:
        """The VP8 tile of this frame, or None (no region, or nothing in it moved)."""
        region = self._tracker.region
        if region is None or self._library is None or not (self._region_moved or keyframe):
            return None
        x, y, width, height = region.pixels(current.shape[0], current.shape[1])
        factor = 2 if width * height > SHRINK_ABOVE_PIXELS else 1
        try:
            coded = coded_size(width, height, factor)
        except ValueError:
            return None
        key = keyframe or self._encoded != (region, factor)
        if key:
            self._start_video(region, factor, coded, captured_ms)
        assert self._encoder is not None
        picture = bgra_to_i420(current[y : y + height, x : x + width], factor)
        duration = max(1, captured_ms - self._last_ms)
        self._last_ms = captured_ms
        try:
            frame, is_key = self._encoder.encode(picture, captured_ms - self._first_ms, duration, key=key)
        except VpxError:
            _log.exception("the VP8 encoder failed: from the next frame on, everything goes as tiles")
            self._library, self._abandoned = None, region
            self._stop_video()
            return None
        return Tile(x, y, width, height, Encoding.VP8, pack_vp8(Vp8Chunk(is_key, *coded, frame)))

    def _start_video(self, region: Region, factor: int, coded: tuple[int, int], captured_ms: int) -> None:
        self._stop_video()
        assert self._library is not None
        self._encoder = Vp8Encoder(self._library, *coded, kbit_per_s=self._kbit_per_s)
        self._encoded = (region, factor)
        self._first_ms = self._last_ms = captured_ms
        _log.info("motion: %s goes as %dx%d VP8", region, *coded)

    def _stop_video(self) -> None:
        if self._encoder is not None:
            self._encoder.close()
        self._encoder, self._encoded = None, None


def _inside(rect: TileRect, region: Region) -> bool:
    bottom, right = -(-(rect.y + rect.height) // TILE_SIZE), -(-(rect.x + rect.width) // TILE_SIZE)
    return region.contains(Region(rect.y // TILE_SIZE, rect.x // TILE_SIZE, bottom, right))


def _replanned(current: Pixels, region: Region) -> list[TileRect]:
    """The region as a keyframe of its own, in monitor coordinates."""
    x, y, width, height = region.pixels(current.shape[0], current.shape[1])
    crop = current[y : y + height, x : x + width]
    return [
        TileRect(r.x + x, r.y + y, r.width, r.height, r.encoding, r.palette) for r in plan_tiles(None, crop)
    ]
