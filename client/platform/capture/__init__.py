"""Screen capture: the capability interface, its backends, and the factory that picks one.

`FERNHILFE_CAPTURE` overrides the choice, as pynput's backend variable does: `fake` selects the
deterministic fake screen (tests, demos without a display), `mss` (or unset) the real screen.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping

from client.platform.capture.base import CapturedImage, CaptureError, MonitorGeometry, ScreenCapture
from client.platform.capture.fake import DEFAULT_MONITORS, FakeScreenCapture

__all__ = [
    "BACKEND_ENV",
    "CaptureError",
    "CapturedImage",
    "MonitorGeometry",
    "ScreenCapture",
    "open_screen_capture",
]

BACKEND_ENV = "FERNHILFE_CAPTURE"


def open_screen_capture(scales: Mapping[tuple[int, int], float] | None = None) -> ScreenCapture:
    """Open the capture backend for this machine.

    `scales` maps a monitor's top-left corner (physical pixels) to the device-pixel ratio the
    caller knows (the app passes Qt's per-screen DPR); monitors not in it report their own.
    Raises `CaptureError` when the display cannot be opened or the variable names an unknown backend.

    Threading: call it on the thread that will use the capture (mss objects are bound to it).
    """
    backend = os.environ.get(BACKEND_ENV, "").strip().lower() or "mss"
    if backend == "fake":
        known = scales or {}
        monitors = [dataclasses.replace(m, scale=known.get((m.x, m.y), m.scale)) for m in DEFAULT_MONITORS]
        return FakeScreenCapture(monitors)
    if backend == "mss":
        from client.platform.capture.mss_backend import MssScreenCapture

        return MssScreenCapture(scales)
    raise CaptureError(f"{BACKEND_ENV}={backend!r} names no capture backend (use 'mss' or 'fake')")
