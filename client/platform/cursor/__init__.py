"""Where the pointer is and what it looks like, per desktop (X11 today).

`cursor_source_factory` gives what opens the source for this desktop, or None where there is none
yet (Wayland's portal, Windows, macOS): there the expert sees no pointer of the customer's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from client.platform.cursor.x11 import CursorReading, CursorUnavailable, X11CursorSource
from client.platform.desktop import Desktop
from client.platform.desktop.choice import CaptureBackend, SessionKind

__all__ = ["CursorReading", "CursorSource", "CursorUnavailable", "cursor_source_factory"]


class CursorSource(Protocol):
    """One thread reads it: `read` waits up to `timeout` for the pointer to move or change its
    shape (less, where the source cannot tell), then tells where it is."""

    def read(self, timeout: float) -> CursorReading: ...

    def close(self) -> None: ...


def cursor_source_factory(desktop: Desktop) -> Callable[[], CursorSource] | None:
    """What opens the pointer source of `desktop` (it raises `CursorUnavailable`), or None."""
    if desktop.kind is SessionKind.X11 and desktop.capture is CaptureBackend.NATIVE:
        return X11CursorSource
    return None
