"""The screen-capture capability: what the screen-share service needs from the operating system.

Geometry here is in physical pixels of the virtual desktop, as the protocol's `screen_info` carries
it; Qt's logical coordinates never enter. Origins may be negative (a monitor left of the primary).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray


class CaptureError(Exception):
    """The screen cannot be captured: no display server, permission missing, unknown monitor."""


class StreamResized(CaptureError):
    """A monitor's frames changed size: the stream must be read afresh at the new size."""


class MonitorsChanged(CaptureError):
    """The capture reports new monitor geometry (`geometries`): offer them anew and go on."""

    def __init__(self, geometries: list[MonitorGeometry]) -> None:
        super().__init__("the shared monitors changed")
        self.geometries = geometries


@dataclass(frozen=True)
class MonitorGeometry:
    """One monitor; `id` is the protocol's monitor id (0, 1, ...), `scale` its device-pixel ratio."""

    id: int
    x: int
    y: int
    width: int
    height: int
    scale: float
    primary: bool


@dataclass(frozen=True)
class CapturedImage:
    """One grab of one monitor: `data` holds height x width pixels, 4 bytes each, B G R A, no padding.

    `data` stays bytes/bytearray (not a numpy array) so that "did anything change?" is one fast
    `==` of two buffers; `pixels` is a zero-copy numpy view for the tile decisions.
    """

    width: int
    height: int
    data: bytes | bytearray

    def __post_init__(self) -> None:
        if len(self.data) != self.width * self.height * 4:
            raise ValueError(f"{len(self.data)} bytes is not a {self.width}x{self.height} BGRA image")

    @property
    def pixels(self) -> NDArray[np.uint8]:
        """The image as an H x W x 4 array sharing memory with `data`.

        numpy is imported on the first grab, not with this module: the session-number dialog,
        which comes long before any sharing, would wait for it.
        """
        import numpy as np

        return np.frombuffer(self.data, dtype=np.uint8).reshape(self.height, self.width, 4)


class ScreenCapture(Protocol):
    """Grabs monitors.

    Threading: not thread-safe (mss objects are bound to the thread that made them). Create, use
    and close one on a single thread; the screen share does all three on its worker thread.
    """

    def monitors(self) -> list[MonitorGeometry]:
        """The monitors as the capture knows them (as they were when it was opened; a capture that
        follows size changes reports a monitor's new size once a grab returned it); exactly one is
        primary."""
        ...

    def grab(self, monitor_id: int) -> CapturedImage:
        """The monitor's current pixels; raises `CaptureError` when it cannot be captured."""
        ...

    def close(self) -> None:
        """Release the display connection; safe to call more than once."""
        ...
