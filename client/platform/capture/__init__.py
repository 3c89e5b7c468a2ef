"""Screen capture: the interface, and the factory that picks a backend.

`FERNHILFE_CAPTURE=fake` selects the fake (as pynput's backend variable does); otherwise mss,
which serves X11, Windows and macOS.
"""

from __future__ import annotations

import os

from client.platform.capture.base import CapturedImage, MonitorGeometry, ScreenCapture
from client.platform.capture.fake import FakeCapture
from client.platform.capture.mss_backend import CaptureUnavailable, MssCapture

__all__ = [
    "CaptureUnavailable",
    "CapturedImage",
    "MonitorGeometry",
    "ScreenCapture",
    "open_screen_capture",
]


def open_screen_capture() -> ScreenCapture:
    """A capture for the current platform; call it on the thread that will use it."""
    if os.environ.get("FERNHILFE_CAPTURE") == "fake":
        return FakeCapture()
    return MssCapture()
