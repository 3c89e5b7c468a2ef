"""Screen capture with mss (X11, Windows, macOS): the only module that imports mss."""

from __future__ import annotations

from typing import Any

import numpy as np

from client.platform.capture.base import CapturedImage, MonitorGeometry


class CaptureUnavailable(RuntimeError):
    """The display cannot be captured (no X server, permission missing)."""


class MssCapture:
    """mss monitor 0 is the union of all screens; protocol ids 0.. are mss monitors 1.."""

    def __init__(self) -> None:
        try:
            import mss  # imported here: it fails at import time without a display

            self._mss: Any = mss.MSS()
        except Exception as exc:
            raise CaptureUnavailable(str(exc)) from exc

    def monitors(self) -> list[MonitorGeometry]:
        found = self._mss.monitors[1:]
        return [
            MonitorGeometry(
                id=index,
                x=int(m["left"]),
                y=int(m["top"]),
                width=int(m["width"]),
                height=int(m["height"]),
                scale=1.0,
                primary=(m["left"], m["top"]) == (0, 0) if len(found) > 1 else True,
            )
            for index, m in enumerate(found)
        ]

    def grab(self, monitor_id: int) -> CapturedImage:
        shot = self._mss.grab(self._mss.monitors[monitor_id + 1])
        pixels = np.frombuffer(shot.bgra, dtype=np.uint8).reshape(shot.height, shot.width, 4)
        return CapturedImage(pixels)

    def close(self) -> None:
        self._mss.close()
