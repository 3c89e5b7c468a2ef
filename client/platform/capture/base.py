"""The screen-capture capability: what the screen-share service needs from the operating system."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt


@dataclass(frozen=True)
class MonitorGeometry:
    """One monitor in physical pixels of the virtual desktop (origins may be negative)."""

    id: int
    x: int
    y: int
    width: int
    height: int
    scale: float
    primary: bool


@dataclass(frozen=True)
class CapturedImage:
    """One grab: `pixels` is height x width x 4, in B, G, R, A order."""

    pixels: npt.NDArray[np.uint8]

    @property
    def width(self) -> int:
        return int(self.pixels.shape[1])

    @property
    def height(self) -> int:
        return int(self.pixels.shape[0])


class ScreenCapture(Protocol):
    """Grabs monitors. Not thread-safe: create, use and close it on one thread."""

    def monitors(self) -> list[MonitorGeometry]: ...

    def grab(self, monitor_id: int) -> CapturedImage: ...

    def close(self) -> None: ...
