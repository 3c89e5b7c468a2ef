"""A fake screen for tests of the services: deterministic pixels that change when told to."""

from __future__ import annotations

import numpy as np

from client.platform.capture.base import CapturedImage, MonitorGeometry


class FakeCapture:
    """One 320x200 monitor; `paint` changes a rectangle, `fail` makes the next grab raise."""

    def __init__(self, width: int = 320, height: int = 200) -> None:
        self.pixels = np.full((height, width, 4), 255, dtype=np.uint8)
        self.grabs = 0
        self.closed = False
        self.failure: Exception | None = None

    def monitors(self) -> list[MonitorGeometry]:
        height, width = self.pixels.shape[:2]
        return [MonitorGeometry(0, 0, 0, width, height, 1.0, True)]

    def grab(self, monitor_id: int) -> CapturedImage:
        if self.failure is not None:
            raise self.failure
        if monitor_id != 0:
            raise ValueError(f"no monitor {monitor_id}")
        self.grabs += 1
        return CapturedImage(self.pixels.copy())

    def paint(self, x: int, y: int, width: int, height: int, bgr: tuple[int, int, int]) -> None:
        self.pixels[y : y + height, x : x + width, :3] = bgr

    def close(self) -> None:
        self.closed = True
