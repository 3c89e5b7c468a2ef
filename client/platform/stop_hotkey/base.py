"""The stop-hotkey capability: one key combination, anywhere on the desktop, ends the session.

The customer may not see the control panel (another window covers it, the expert moved it off
screen); the combination works whichever window has the keyboard focus.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

STOP_SHORTCUT = "Ctrl+Alt+End"
"""The combination every backend registers; the README and the control panel name it."""


class HotkeyError(Exception):
    """The combination cannot be registered: no display, another program holds it, not supported."""


class StopHotkey(Protocol):
    """Calls on_pressed() (from a background thread) each time the customer presses the combination."""

    def start(self, on_pressed: Callable[[], None]) -> None:
        """Register the combination; call at most once. `on_pressed` must be quick and thread-safe."""
        ...

    def stop(self) -> None:
        """Unregister and join the thread; safe to call more than once, or before start."""
        ...
