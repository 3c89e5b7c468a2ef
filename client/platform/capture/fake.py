"""A fake screen: deterministic pixels that change only when told to, for tests and demos.

Selected by `FERNHILFE_CAPTURE=fake`, and used directly by the screen-share tests, which also use
its hooks to fail a grab or to hold one in flight.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from numpy.typing import NDArray

from client.platform.capture.base import CapturedImage, CaptureError, MonitorGeometry

DEFAULT_MONITORS = (
    MonitorGeometry(id=0, x=0, y=0, width=640, height=400, scale=1.0, primary=True),
    MonitorGeometry(id=1, x=-320, y=40, width=320, height=240, scale=2.0, primary=False),
)
"""A primary monitor and a smaller one to its left, at a negative origin with another scale."""

HOLD_LIMIT_S = 30.0
"""A held grab gives up (and fails) after this long, so a forgotten hold cannot hang a test run."""

_MARKER = 16


class FakeScreenCapture:
    """A `ScreenCapture` over in-memory BGRA images.

    Each monitor starts as horizontal stripes (text-like, so they encode losslessly). With
    `animate`, every grab first recolours a marker square, so consecutive grabs always differ.

    Threading: `monitors`, `grab` and `close` run on the capture's thread (the screen share's
    worker); `paint`, `fail_next_grab`, `hold_grabs`, `release_grabs` and the waits run on any other
    thread. A lock guards the images; each grab returns a copy.
    """

    def __init__(
        self, monitors: Sequence[MonitorGeometry] = DEFAULT_MONITORS, *, animate: bool = False
    ) -> None:
        if sum(m.primary for m in monitors) != 1:
            raise ValueError("exactly one monitor must be primary")
        self._monitors = list(monitors)
        self._animate = animate
        self._lock = threading.Lock()
        self._images = {m.id: _stripes(m) for m in monitors}
        self._failure: Exception | None = None
        self._grabs = 0
        self._open_gate = threading.Event()
        self._open_gate.set()
        self._held = threading.Event()
        self._closed = threading.Event()

    @property
    def grab_count(self) -> int:
        """Grabs started so far, including held and failed ones."""
        with self._lock:
            return self._grabs

    @property
    def closed(self) -> bool:
        return self._closed.is_set()

    def image(self, monitor_id: int) -> NDArray[np.uint8]:
        """A copy of what the monitor shows now (H x W x 4, B G R A)."""
        with self._lock:
            return self._images[monitor_id].copy()

    def paint(self, monitor_id: int, box: tuple[int, int, int, int], bgr: tuple[int, int, int]) -> None:
        """Fill `box` (x, y, width, height) of a monitor with one opaque colour."""
        x, y, width, height = box
        with self._lock:
            self._images[monitor_id][y : y + height, x : x + width] = (*bgr, 255)

    def fail_next_grab(self, error: Exception) -> None:
        """Make the next grab raise `error` (e.g. the display server went away)."""
        with self._lock:
            self._failure = error

    def hold_grabs(self) -> None:
        """Make grabs block until `release_grabs()`: a capture stays in flight for as long as needed."""
        self._open_gate.clear()

    def release_grabs(self) -> None:
        self._open_gate.set()

    def wait_until_held(self, timeout: float) -> bool:
        """True once a grab is blocked by `hold_grabs()`."""
        return self._held.wait(timeout)

    def wait_closed(self, timeout: float) -> bool:
        return self._closed.wait(timeout)

    def resize(self, monitor_id: int, width: int, height: int) -> None:
        """The monitor takes a new resolution: grabs and `monitors()` report it from now on, as
        the portal capture does once it has restarted its stream."""
        with self._lock:
            index = next(i for i, m in enumerate(self._monitors) if m.id == monitor_id)
            resized = replace(self._monitors[index], width=width, height=height)
            self._monitors[index] = resized
            self._images[monitor_id] = _stripes(resized)

    def monitors(self) -> list[MonitorGeometry]:
        with self._lock:
            return list(self._monitors)

    def grab(self, monitor_id: int) -> CapturedImage:
        with self._lock:
            self._grabs += 1
            failure, self._failure = self._failure, None
        if not self._open_gate.is_set():
            self._held.set()
            if not self._open_gate.wait(HOLD_LIMIT_S):
                raise CaptureError("a held grab was never released")
        if failure is not None:
            raise failure
        with self._lock:
            if monitor_id not in self._images:
                raise CaptureError(f"no monitor {monitor_id}")
            image = self._images[monitor_id]
            if self._animate:
                self._recolour_marker(image)
            height, width = image.shape[:2]
            return CapturedImage(width, height, image.tobytes())

    def close(self) -> None:
        self._closed.set()

    def _recolour_marker(self, image: NDArray[np.uint8]) -> None:
        """Recolour the top-left marker square: every grab differs from the one before."""
        image[:_MARKER, :_MARKER] = (0, self._grabs % 256, 255, 255)


def _stripes(monitor: MonitorGeometry) -> NDArray[np.uint8]:
    image = np.full((monitor.height, monitor.width, 4), 255, dtype=np.uint8)
    shade = (40 + 30 * monitor.id) % 200
    image[::8, :, :3] = (shade, shade, shade)
    return image
