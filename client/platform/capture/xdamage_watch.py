"""The X11 change watch: the XDamage extension reports when anything was drawn on the screen.

One damage object on the root window at report level "non-empty": the X server sends one event
when the damaged region stops being empty; `wait` then clears it (DamageSubtract) before the
caller grabs, so whatever is drawn after that raises the next event and nothing is missed.
"""

from __future__ import annotations

import select

from Xlib import error
from Xlib.display import Display
from Xlib.ext import damage

from client.platform.capture.base import CaptureError


class XDamageWatch:
    """Threading: one thread, like the capture it paces."""

    def __init__(self) -> None:
        try:
            self._display: Display | None = Display()
        except (error.DisplayError, OSError) as exc:
            raise CaptureError(f"no X display for XDamage: {exc}") from exc
        display = self._display
        if not display.has_extension("DAMAGE"):
            display.close()
            self._display = None
            raise CaptureError("the X server has no DAMAGE extension")
        display.damage_query_version()  # announces version 1.1; the server answers before any use
        self._damage = display.screen().root.damage_create(damage.DamageReportNonEmpty)
        display.flush()
        self._changed = True  # nothing is known before the first grab

    def wait(self, timeout: float) -> bool:
        display = self._display
        if display is None:
            raise CaptureError("the change watch is closed")
        changed, self._changed = self._changed or self._take_events(display), False
        if not changed and select.select([display.fileno()], [], [], timeout)[0]:
            changed = self._take_events(display)
        if changed:
            display.damage_subtract(self._damage)
            display.flush()
        return changed

    def close(self) -> None:
        display, self._display = self._display, None
        if display is not None:
            display.close()

    def _take_events(self, display: Display) -> bool:
        changed = False
        while display.pending_events():
            # Matched by the damage id: python-xlib's event classes fail isinstance checks.
            if getattr(display.next_event(), "damage", None) == self._damage:
                changed = True
        return changed
