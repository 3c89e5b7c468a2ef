"""The stop-hotkey capability: one key combination, anywhere on the desktop, ends the session.

The customer may not see the control panel (another window covers it, the expert moved it off
screen); the combination works whichever window has the keyboard focus.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Protocol


def shortcut_name(platform: str) -> str:
    """The combination every backend registers, named as the keyboard of `platform` labels it:
    Ctrl+Alt+End; on a Mac Control+Option+End (fn+Right arrow is End on a laptop keyboard)."""
    return "Control+Option+End" if platform == "darwin" else "Ctrl+Alt+End"


STOP_SHORTCUT = shortcut_name(sys.platform)
"""The name the control panel shows; the README names it per platform."""


class HotkeyError(Exception):
    """The combination cannot be registered: no display, another program holds it, not supported."""


class StopHotkey(Protocol):
    """Calls on_pressed() each time the customer presses the combination: from a background thread
    (X11, Windows), or from the main thread's run loop (macOS, where Carbon delivers hot keys)."""

    def start(self, on_pressed: Callable[[], None]) -> None:
        """Register the combination; call at most once. `on_pressed` must be quick and thread-safe."""
        ...

    def stop(self) -> None:
        """Unregister and join the thread; safe to call more than once, or before start."""
        ...
