"""Knowing when the screen changed, so the screen share grabs only then: the interface and the factory.

A `ChangeWatch` answers "may the screen have changed since you last said so?", blocking a little
while for the answer. On X11 the XDamage extension tells (client/platform/capture/xdamage_watch.py),
as x11vnc and x0vncserver use it: an idle desktop then costs no grabs at all. Everywhere else,
and when XDamage is missing, `PollingWatch` says "maybe" at once and the screen share's own
pacing (at most 60 grabs a second) and its unchanged-screen check do the rest.

Threading: like the capture, a watch is created, used and closed on the screen-share worker thread.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Protocol

from client.platform.capture.base import CaptureError, ScreenCapture

_log = logging.getLogger(__name__)


class ChangeWatch(Protocol):
    def wait(self, timeout: float) -> bool:
        """Block at most `timeout` seconds; True if the screen may have changed since the last True."""
        ...

    def close(self) -> None:
        """Release what the watch holds; safe to call more than once."""
        ...


class PollingWatch:
    """Knows nothing: every call says the screen may have changed."""

    def wait(self, timeout: float) -> bool:
        return True

    def close(self) -> None:
        pass


def open_change_watch(capture: ScreenCapture) -> ChangeWatch:
    """The best watch for `capture`: XDamage for the real screen of an X11 session, else polling."""
    from client.platform.capture.mss_backend import MssScreenCapture

    if not isinstance(capture, MssScreenCapture) or os.environ.get("XDG_SESSION_TYPE") == "wayland":
        return PollingWatch()
    if sys.platform.startswith("linux"):
        from client.platform.capture.xdamage_watch import XDamageWatch

        try:
            return XDamageWatch()
        except CaptureError as exc:
            _log.info("capturing by polling: %s", exc)
    return PollingWatch()
