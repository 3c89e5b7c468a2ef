"""Screen capture: the capability interface, its backends, and the factory that picks one.

`FERNHILFE_CAPTURE` overrides the choice, as pynput's backend variable does: `fake` selects the
deterministic fake screen (tests, demos without a display), `mss` the X11/Windows/macOS screen,
`portal` the Wayland desktop portal; unset, the desktop's own decision (`detect_desktop`) picks.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping

from client.platform.capture.base import CapturedImage, CaptureError, MonitorGeometry, ScreenCapture
from client.platform.desktop import Desktop, detect_desktop
from client.platform.desktop.choice import CaptureBackend

__all__ = [
    "BACKEND_ENV",
    "CaptureError",
    "CapturedImage",
    "MonitorGeometry",
    "ScreenCapture",
    "open_screen_capture",
]

BACKEND_ENV = "FERNHILFE_CAPTURE"


def open_screen_capture(
    scales: Mapping[tuple[int, int], float] | None = None, desktop: Desktop | None = None
) -> ScreenCapture:
    """Open the capture backend for this machine (or for `desktop`, as the app detected it).

    `scales` maps a monitor's top-left corner (physical pixels) to the device-pixel ratio the
    caller knows (the app passes Qt's per-screen DPR); monitors not in it report their own.
    Raises `CaptureError` when the display cannot be opened, the desktop cannot be shared, or the
    variable names an unknown backend. On Wayland, opening may wait for the customer to answer
    the portal's own dialog.

    Threading: call it on the thread that will use the capture (mss objects are bound to it).
    """
    backend = os.environ.get(BACKEND_ENV, "").strip().lower() or _desktop_backend(desktop)
    if backend == "fake":
        from client.platform.capture.fake import DEFAULT_MONITORS, FakeScreenCapture

        known = scales or {}
        monitors = [dataclasses.replace(m, scale=known.get((m.x, m.y), m.scale)) for m in DEFAULT_MONITORS]
        return FakeScreenCapture(monitors)
    if backend == "mss":
        from client.platform.capture.mss_backend import MssScreenCapture

        return MssScreenCapture(scales)
    if backend == "portal":
        from client.platform.capture.portal_backend import PortalScreenCapture

        return PortalScreenCapture()
    if backend == "none":
        raise CaptureError("this Wayland desktop offers no screen sharing (no ScreenCast portal)")
    raise CaptureError(f"{BACKEND_ENV}={backend!r} names no capture backend (use 'mss', 'portal' or 'fake')")


def _desktop_backend(desktop: Desktop | None) -> str:
    capture = (desktop or detect_desktop()).capture
    if capture is None:
        return "none"
    return "portal" if capture is CaptureBackend.PORTAL else "mss"
