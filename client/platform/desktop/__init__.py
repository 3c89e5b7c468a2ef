"""Which desktop this is (X11, Wayland with or without a portal) and so which backends serve it.

The one place that picks the capture and input backends for Linux desktops: `detect_desktop()`
is asked once at start-up, and the capture, inject and local-input factories follow its answer.
"""

from __future__ import annotations

import os
import sys
from functools import cache

from client.platform.desktop.choice import (
    Desktop,
    PortalOffer,
    SessionKind,
    choose_desktop,
    has_xwayland,
    qt_platform,
    session_kind,
)

__all__ = [
    "Desktop",
    "PortalOffer",
    "SessionKind",
    "choose_desktop",
    "detect_desktop",
    "qt_platform",
    "session_kind",
]


@cache
def detect_desktop() -> Desktop:
    """This machine's desktop; on a Wayland session it asks the portal what it offers (a D-Bus
    round trip of a few milliseconds, at most a few seconds when the bus is broken)."""
    if sys.platform == "win32" or sys.platform == "darwin":
        return choose_desktop(SessionKind.NATIVE, None)
    else:
        kind = session_kind(os.environ)
        if kind is not SessionKind.WAYLAND:
            return choose_desktop(kind, None)
        from client.platform.portal.probe import probe_portal

        return choose_desktop(kind, probe_portal(), xwayland=has_xwayland(os.environ))
