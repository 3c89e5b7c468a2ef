"""The stop hotkey: the capability interface, its backends, and the factory that picks one.

`FERNHILFE_STOP_HOTKEY=fake` selects the fake (the test presses it); unset or empty selects this
operating system's backend: a passive key grab on X11, `RegisterHotKey` on Windows, Carbon's
`RegisterEventHotKey` on macOS (no permission needed, unlike an event tap). When none can be
registered, `HotkeyError` says why and the control panel's Stop remains the way to end.
"""

from __future__ import annotations

import os
import sys

from client.platform.stop_hotkey.base import STOP_SHORTCUT, HotkeyError, StopHotkey
from client.platform.stop_hotkey.fake import FakeStopHotkey

__all__ = ["BACKEND_ENV", "STOP_SHORTCUT", "HotkeyError", "StopHotkey", "open_stop_hotkey"]

BACKEND_ENV = "FERNHILFE_STOP_HOTKEY"


def open_stop_hotkey() -> StopHotkey:
    """Open the hotkey for this machine (not yet started), or raise `HotkeyError`."""
    backend = os.environ.get(BACKEND_ENV, "").strip().lower()
    if backend == "fake":
        return FakeStopHotkey()
    if backend:
        raise HotkeyError(
            f"{BACKEND_ENV}={backend!r} names no stop-hotkey backend (use 'fake' or leave it unset)"
        )
    if sys.platform == "win32":
        from client.platform.stop_hotkey.windows import WindowsStopHotkey

        return WindowsStopHotkey()
    elif sys.platform == "darwin":
        from client.platform.stop_hotkey.macos import MacStopHotkey

        return MacStopHotkey()
    else:
        from client.platform.stop_hotkey.x11 import X11StopHotkey

        return X11StopHotkey()
