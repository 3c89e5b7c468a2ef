"""Capture session: everything of a screen share that touches pixels, behind three blocking calls.

`open()` opens the capture and its change watch, `frame()` waits a little for a change, grabs and
encodes, `close()` releases both. The screen share calls them either on its worker thread
(`CaptureSession` itself) or through a worker process that runs one
(client/services/capture_process.py); both are a `FrameSource`.

Threading: one thread at a time (mss objects are bound to the thread that made them).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Protocol

from client.platform.capture.base import CaptureError, MonitorGeometry, MonitorsChanged, ScreenCapture
from client.platform.capture.change_watch import ChangeWatch, open_change_watch
from client.services.frame_encoder import FrameEncoder

_log = logging.getLogger(__name__)


def unix_ms() -> int:
    """Wall-clock Unix milliseconds: the default `clock` for frames' `captured_ms`."""
    return time.time_ns() // 1_000_000


class FrameSource(Protocol):
    """What the screen share asks of the pixel side; every call blocks, on one thread at a time."""

    def open(self) -> list[MonitorGeometry]:
        """Open the capture and return its monitors; raises `CaptureError`."""
        ...

    def frame(self, monitor: MonitorGeometry, keyframe: bool, seq: int, jpeg_quality: int) -> bytes | None:
        """The encoded frame `seq` of what changed on `monitor`, or None when nothing did; photo-like
        tiles are JPEG at `jpeg_quality`."""
        ...

    def close(self) -> None:
        """Release the capture; safe to call more than once."""
        ...

    def abort(self) -> None:
        """Called on another thread when sharing stops, to end a call in flight early if it can."""
        ...


class CaptureSession:
    """The `FrameSource` that grabs in the calling thread.

    `capture_factory` and `change_watch_factory` are called in `open()`; `clock` gives the Unix
    milliseconds a frame is stamped with. One wait for a change blocks at most `watch_wait_s`;
    after `safety_grab_waits` waits without a change report the screen is grabbed anyway.
    """

    def __init__(
        self,
        capture_factory: Callable[[], ScreenCapture],
        change_watch_factory: Callable[[ScreenCapture], ChangeWatch] = open_change_watch,
        clock: Callable[[], int] = unix_ms,
        *,
        watch_wait_s: float,
        safety_grab_waits: int,
    ) -> None:
        self._watch_wait_s = watch_wait_s
        self._safety_grab_waits = safety_grab_waits
        self._capture_factory = capture_factory
        self._change_watch_factory = change_watch_factory
        self._clock = clock
        self._capture: ScreenCapture | None = None
        self._watch: ChangeWatch | None = None
        self._quiet_waits = 0
        self._encoder = FrameEncoder()

    def open(self) -> list[MonitorGeometry]:
        self._capture = self._capture_factory()
        self._watch = self._change_watch_factory(self._capture)
        return self._capture.monitors()

    def close(self) -> None:
        capture, self._capture = self._capture, None
        watch, self._watch = self._watch, None
        self._encoder.reset()
        for part in (watch, capture):
            if part is None:
                continue
            try:
                part.close()
            except Exception:
                _log.exception("closing the screen capture failed")

    def abort(self) -> None:
        """Nothing to cut short here: a grab in flight finishes, then `close()` runs."""

    def frame(self, monitor: MonitorGeometry, keyframe: bool, seq: int, jpeg_quality: int) -> bytes | None:
        """Grab `monitor`, diff against the last frame handed out, and encode the changes as frame `seq`.

        Returns None when nothing changed and nothing is due for lossless refinement (which needs
        no grab: the last picture is still on the screen). The caller must send the result or ask
        for a keyframe next (see `FrameEncoder`).
        """
        if self._capture is None:
            raise CaptureError("the capture is not open")
        if not keyframe and self._encoder.has_base and not self._changed():
            return self._encoder.refine(monitor, seq, captured_ms=self._clock())
        captured_ms = self._clock()
        image = self._capture.grab(monitor.id)
        if (image.width, image.height) != (monitor.width, monitor.height):
            geometries = self._capture.monitors()
            now = next((g for g in geometries if g.id == monitor.id), None)
            if now is not None and (now.width, now.height) == (image.width, image.height):
                self._encoder.reset()
                raise MonitorsChanged(geometries)
            raise CaptureError(
                f"monitor {monitor.id} changed size from {monitor.width}x{monitor.height} "
                f"to {image.width}x{image.height}"
            )
        return self._encoder.encode(
            image, monitor, seq, keyframe=keyframe, captured_ms=captured_ms, jpeg_quality=jpeg_quality
        )

    def _changed(self) -> bool:
        """Wait a little for the watch to report a change; every second, assume one anyway."""
        if self._watch is None or self._watch.wait(self._watch_wait_s):
            self._quiet_waits = 0
            return True
        self._quiet_waits += 1
        if self._quiet_waits >= self._safety_grab_waits:
            self._quiet_waits = 0
            return True
        return False
