"""Frame encoder: turns each captured picture of one monitor into the binary frame that carries what changed.

It owns everything a frame depends on besides the picture itself: the previous picture (the base
of the next diff), the monitor it showed, the connection's tile stream that PALETTE tiles
continue, and the motion path (client/services/motion_path.py) that sends a moving region as one
VP8 tile drawn over the tiles. One thread (or process) at a time may use an encoder: the
screen-share worker owns its one.
"""

from __future__ import annotations

from client.core.tiles import plan_tiles
from client.platform.capture.base import CapturedImage, MonitorGeometry
from client.services.motion_path import MotionPath
from client.services.tile_encoder import TileStream, encode_tile
from protocol.frames import FLAG_KEYFRAME, Frame, encode_frame
from protocol.libvpx import load_libvpx


class FrameEncoder:
    """Encodes successive captures as frames; a result that is handed out must be sent.

    Each result becomes the base of the next diff and its PALETTE tiles continue the tile stream,
    so the caller sends every frame `encode` returns, in order, or asks for a keyframe next (a
    keyframe restarts the stream).
    """

    def __init__(self, motion: MotionPath | None = None) -> None:
        self._previous: CapturedImage | None = None
        self._previous_monitor = -1
        self._stream = TileStream()
        self._motion = motion if motion is not None else MotionPath(load_libvpx())

    @property
    def has_base(self) -> bool:
        """Whether a previous picture exists to diff against (else the next frame is a keyframe)."""
        return self._previous is not None

    def reset(self) -> None:
        """Forget the previous picture and any moving region: the next frame is a keyframe."""
        self._previous, self._previous_monitor = None, -1
        self._motion.reset()

    def encode(
        self, image: CapturedImage, monitor: MonitorGeometry, seq: int, *, keyframe: bool, captured_ms: int
    ) -> bytes | None:
        """Encode `image` of `monitor` as frame `seq`, or return None when nothing changed.

        A keyframe is sent when asked for, when there is no previous picture, or when the previous
        one showed another monitor.
        """
        if self._previous_monitor != monitor.id:
            self._motion.reset()
        previous = None if keyframe or self._previous_monitor != monitor.id else self._previous
        if previous is not None and previous.data == image.data and not self._motion.active:
            return None  # the fast path for an idle screen: one buffer comparison
        pixels = image.pixels
        base = None if previous is None else previous.pixels
        rects = self._motion.plan(base, pixels, plan_tiles(base, pixels), captured_ms / 1000)
        if previous is None:
            self._stream.restart()
        tiles = [encode_tile(pixels, rect, self._stream) for rect in rects]
        video = self._motion.video_tile(pixels, captured_ms, keyframe=previous is None)
        if video is not None:
            tiles.append(video)
        if not tiles:
            return None
        frame = Frame(
            seq=seq,
            captured_ms=captured_ms,
            monitor=monitor.id,
            monitor_x=monitor.x,
            monitor_y=monitor.y,
            monitor_width=image.width,
            monitor_height=image.height,
            flags=FLAG_KEYFRAME if previous is None else 0,
            tiles=tuple(tiles),
        )
        data = encode_frame(frame)
        self._previous, self._previous_monitor = image, monitor.id
        return data
