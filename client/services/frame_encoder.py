"""Frame encoder: turns each captured picture of one monitor into the binary frame that carries what changed.

It owns everything a frame depends on besides the picture itself: the previous picture (the base
of the next diff), the monitor it showed, the connection's tile stream that PALETTE tiles
continue, the motion path (client/services/motion_path.py) that sends a moving region as one VP8
tile drawn over the tiles, and per tile when it was last sent as JPEG. A tile sent as JPEG that
then keeps still for `REFINE_AFTER_MS` is sent again losslessly (at most `REFINE_TILES_PER_FRAME`
tiles a frame, oldest first, so a screenful of photo does not hold a slow link for long), so a
still screen ends up on the console pixel for pixel; tiles under the video wait for it to end.
One thread (or process) at a time may use an encoder: the screen-share worker owns its one.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from client.core.scroll import MIN_ROWS, MIN_WIDTH, Scroll, find_scroll, longest_run
from client.core.tiles import (
    TILE_SIZE,
    TileRect,
    dirty_tiles,
    grid_shape,
    photo_tiles,
    plan_refinement,
    plan_tiles,
    sampled_colours,
    tile_mask,
)
from client.platform.capture.base import CapturedImage, MonitorGeometry
from client.services.motion_path import MotionPath
from client.services.tile_encoder import JPEG_QUALITY, TileStream, encode_tile
from protocol.frames import FLAG_KEYFRAME, Encoding, Frame, Tile, copy_data, encode_frame
from protocol.libvpx import load_libvpx
from protocol.limits import MAX_TILES_PER_FRAME

REFINE_AFTER_MS = 400
REFINE_TILES_PER_FRAME = 48
"""48 tiles of 64x64 are at most 590 kB of raw RGB: a few seconds on a 1 Mbit/s link."""
SCROLL_MIN_TILES = 8
"""Fewer changed tiles than this (typing, a blinking cursor) are not worth looking for a scroll."""
_NEVER = np.int64(-1)


class FrameEncoder:
    """Encodes successive captures as frames; a result that is handed out must be sent.

    Each result becomes the base of the next diff and its PALETTE tiles continue the tile stream,
    so the caller sends every frame `encode` or `refine` returns, in order, or asks for a keyframe
    next (a keyframe restarts the stream).
    """

    def __init__(self, motion: MotionPath | None = None) -> None:
        self._previous: CapturedImage | None = None
        self._previous_monitor = -1
        self._stream = TileStream()
        self._motion = motion if motion is not None else MotionPath(load_libvpx())
        self._lossy_since: NDArray[np.int64] = np.zeros((0, 0), dtype=np.int64)
        """Per tile: `captured_ms` of the JPEG it was last sent as, or `_NEVER` if sent losslessly."""

    @property
    def has_base(self) -> bool:
        """Whether a previous picture exists to diff against (else the next frame is a keyframe)."""
        return self._previous is not None

    def reset(self) -> None:
        """Forget the previous picture and any moving region: the next frame is a keyframe."""
        self._previous, self._previous_monitor = None, -1
        self._motion.reset()

    def encode(
        self,
        image: CapturedImage,
        monitor: MonitorGeometry,
        seq: int,
        *,
        keyframe: bool,
        captured_ms: int,
        jpeg_quality: int = JPEG_QUALITY,
    ) -> bytes | None:
        """Encode `image` of `monitor` as frame `seq`, or return None when nothing changed and no
        tile is due for refinement.

        A keyframe is sent when asked for, when there is no previous picture, or when the previous
        one showed another monitor. Tiles due for refinement ride along.
        """
        if self._previous_monitor != monitor.id:
            self._motion.reset()
        previous = None if keyframe or self._previous_monitor != monitor.id else self._previous
        if previous is not None and previous.data == image.data and not self._motion.active:
            return self.refine(monitor, seq, captured_ms=captured_ms)  # an idle screen: one comparison
        pixels = image.pixels
        base = None if previous is None else previous.pixels
        dirty = scroll = None
        if base is not None:
            dirty = dirty_tiles(base, pixels)
            scroll = self._scroll(base, pixels, dirty)
            if scroll is not None:
                dirty = scroll.dirty_after(base, pixels, dirty)
        distinct = sampled_colours(pixels)
        planned = plan_tiles(base, pixels, distinct=distinct, dirty=dirty)
        now = captured_ms / 1000
        rects = self._motion.plan(base, pixels, planned, now, photo_tiles(distinct), dirty=dirty)
        video = self._motion.video_tile(pixels, captured_ms, keyframe=previous is None)
        if not rects and video is None and scroll is None:
            return self.refine(monitor, seq, captured_ms=captured_ms)
        if previous is None:
            self._stream.restart()
            self._lossy_since = np.full(grid_shape(image.height, image.width), _NEVER, dtype=np.int64)
        self._note_sent(rects, captured_ms)
        rects += self._refinements(pixels, captured_ms, MAX_TILES_PER_FRAME - len(rects) - 1)
        data = self._frame(
            pixels,
            monitor,
            seq=seq,
            captured_ms=captured_ms,
            rects=rects,
            keyframe=previous is None,
            jpeg_quality=jpeg_quality,
            video=video,
            scroll=scroll,
        )
        self._previous, self._previous_monitor = image, monitor.id
        return data

    def refine(self, monitor: MonitorGeometry, seq: int, *, captured_ms: int) -> bytes | None:
        """Frame `seq` re-sending losslessly the JPEG tiles of the unchanged picture that have been
        still long enough, or None if none is due (or `monitor` is not the one last encoded)."""
        previous = self._previous
        if previous is None or self._previous_monitor != monitor.id:
            return None
        rects = self._refinements(previous.pixels, captured_ms, REFINE_TILES_PER_FRAME)
        if not rects:
            return None
        return self._frame(
            previous.pixels,
            monitor,
            seq=seq,
            captured_ms=captured_ms,
            rects=rects,
            keyframe=False,
            jpeg_quality=JPEG_QUALITY,
        )

    def _scroll(
        self, previous: NDArray[np.uint8], current: NDArray[np.uint8], dirty: NDArray[np.bool_]
    ) -> Scroll | None:
        """A scroll worth a COPY tile, copying only what the receiver shows exactly; `dirty` is
        `dirty_tiles(previous, current)`.

        Tiles under the video are left out of the search: a copy could never read from them, and
        searching a full screen of motion for a scroll took a third of each frame's time."""
        dirty = dirty & ~self._motion.covered(dirty.shape)
        if np.count_nonzero(dirty) < SCROLL_MIN_TILES:
            return None
        rows, columns = np.flatnonzero(dirty.any(axis=1)), np.flatnonzero(dirty.any(axis=0))
        band = (int(rows[0]) * TILE_SIZE, min(current.shape[0], (int(rows[-1]) + 1) * TILE_SIZE))
        span = (int(columns[0]) * TILE_SIZE, min(current.shape[1], (int(columns[-1]) + 1) * TILE_SIZE))
        scroll = find_scroll(previous, current, band, span)
        if scroll is None:
            return None
        return self._exact_part(scroll)

    def _exact_part(self, scroll: Scroll) -> Scroll | None:
        """`scroll` narrowed to the largest part whose source the receiver shows exactly (no JPEG
        tile waiting for refinement, no video), or None if too little is left."""
        unsure = (self._lossy_since != _NEVER) | self._motion.covered(self._lossy_since.shape)
        rows = (scroll.source_y // TILE_SIZE, -(-(scroll.source_y + scroll.height) // TILE_SIZE))
        columns = (scroll.x // TILE_SIZE, -(-(scroll.x + scroll.width) // TILE_SIZE))
        sure = ~unsure[rows[0] : rows[1], columns[0] : columns[1]]
        if sure.all():
            return scroll
        row_run, column_run = _largest_rectangle(sure)
        top = max(scroll.source_y, (rows[0] + row_run[0]) * TILE_SIZE)
        bottom = min(scroll.source_y + scroll.height, (rows[0] + row_run[1]) * TILE_SIZE)
        left = max(scroll.x, (columns[0] + column_run[0]) * TILE_SIZE)
        right = min(scroll.x + scroll.width, (columns[0] + column_run[1]) * TILE_SIZE)
        if right - left < MIN_WIDTH or bottom - top < MIN_ROWS:
            return None
        return Scroll(left, top - scroll.shift, right - left, bottom - top, scroll.shift)

    def _note_sent(self, rects: list[TileRect], captured_ms: int) -> None:
        shape = self._lossy_since.shape
        self._lossy_since[tile_mask(rects, shape)] = _NEVER
        self._lossy_since[tile_mask(rects, shape, Encoding.JPEG)] = captured_ms

    def _refinements(self, pixels: NDArray[np.uint8], captured_ms: int, room: int) -> list[TileRect]:
        """Lossless rectangles for the oldest due tiles, marked as sent losslessly."""
        since = self._lossy_since
        due = (
            (since != _NEVER) & (since <= captured_ms - REFINE_AFTER_MS) & ~self._motion.covered(since.shape)
        )
        if room <= 0 or not due.any():
            return []
        rows, cols = np.nonzero(due)
        oldest = np.argsort(since[rows, cols], kind="stable")[: min(room, REFINE_TILES_PER_FRAME)]
        chosen = np.zeros_like(due)
        chosen[rows[oldest], cols[oldest]] = True
        since[chosen] = _NEVER
        return plan_refinement(pixels, chosen)

    def _frame(
        self,
        pixels: NDArray[np.uint8],
        monitor: MonitorGeometry,
        *,
        seq: int,
        captured_ms: int,
        rects: list[TileRect],
        keyframe: bool,
        jpeg_quality: int,
        video: Tile | None = None,
        scroll: Scroll | None = None,
    ) -> bytes:
        frame = Frame(
            seq=seq,
            captured_ms=captured_ms,
            monitor=monitor.id,
            monitor_x=monitor.x,
            monitor_y=monitor.y,
            monitor_width=pixels.shape[1],
            monitor_height=pixels.shape[0],
            flags=FLAG_KEYFRAME if keyframe else 0,
            tiles=(
                *([] if scroll is None else [_copy_tile(scroll)]),
                *(encode_tile(pixels, rect, self._stream, jpeg_quality) for rect in rects),
                *([] if video is None else [video]),
            ),
        )
        return encode_frame(frame)


def _copy_tile(scroll: Scroll) -> Tile:
    data = copy_data(scroll.x, scroll.source_y)
    return Tile(scroll.x, scroll.y, scroll.width, scroll.height, Encoding.COPY, data)


def _largest_rectangle(mask: NDArray[np.bool_]) -> tuple[tuple[int, int], tuple[int, int]]:
    """([top, bottom), [left, right)) of the largest all-True rectangle of a small mask."""
    best, found = 0, ((0, 0), (0, 0))
    for top in range(mask.shape[0]):
        together = np.ones(mask.shape[1], np.bool_)
        for bottom in range(top + 1, mask.shape[0] + 1):
            together &= mask[bottom - 1]
            left, right = longest_run(together)
            if (right - left) * (bottom - top) > best:
                best, found = (right - left) * (bottom - top), ((top, bottom), (left, right))
    return found
