"""The X display the client opens its window on: reached before Qt tries, and held until Qt has it.

Qt aborts the whole process (SIGABRT, exit -6) when its xcb platform plugin cannot connect, and the
customer sees nothing at all. A display can refuse connections for a moment: an X server resets
when its last client leaves (Xvfb does, and so does the X server of a login screen), and a
connection attempted during the reset fails. So the client knocks for a few seconds before Qt
does and keeps its own connection open until Qt has one (an X server does not reset while a
client is connected); when the display stays silent it says so in words instead of crashing.
"""

from __future__ import annotations

import ctypes
import time
from collections.abc import Callable, Mapping

WAIT_S = 5.0
POLL_S = 0.1
XLIB = "libX11.so.6"


def needs_x_display(env: Mapping[str, str], frozen: bool) -> bool:
    """Whether Qt will use its xcb plugin: asked for by name, or the built client (it has no other)."""
    platform = env.get("QT_QPA_PLATFORM", "")
    return platform.startswith("xcb") if platform else frozen


class XConnection:
    """One Xlib connection, open until `close()`."""

    def __init__(self, xlib: ctypes.CDLL, handle: int) -> None:
        self._xlib = xlib
        self._handle: int | None = handle

    def close(self) -> None:
        if self._handle is not None:
            self._xlib.XCloseDisplay(self._handle)
            self._handle = None


def open_x_display(
    display: str, wait_s: float = WAIT_S, clock: Callable[[], float] = time.monotonic
) -> XConnection | None:
    """A connection to `display`, retried for up to `wait_s` seconds; None if it never answers."""
    if not display:
        return None
    xlib = ctypes.CDLL(XLIB)
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    deadline = clock() + wait_s
    while True:
        handle = xlib.XOpenDisplay(display.encode())
        if handle:
            return XConnection(xlib, handle)
        if clock() >= deadline:
            return None
        time.sleep(POLL_S)
