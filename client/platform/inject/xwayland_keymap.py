"""Which keysyms the customer's keyboard layout has, read from XWayland's keyboard mapping.

A Wayland client learns the layout only from its own keyboard focus; XWayland is a Wayland client
that always holds the compositor's current keymap and shows it to X clients, so one
`GetKeyboardMapping` answers the question for the portal injector (`portal_text`). Our Qt runs on
XWayland on every Wayland session that has it, so `DISPLAY` names it.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def xwayland_keysyms(display_name: str | None = None) -> frozenset[int] | None:
    """Every keysym of the keyboard mapping, in any group or level; None without XWayland."""
    try:
        from Xlib import error
        from Xlib.display import Display
    except ImportError:
        return None
    try:
        display = Display(display_name)
    except (error.DisplayError, error.ConnectionClosedError, OSError) as exc:
        log.info("no XWayland to read the keyboard layout from: %s", exc)
        return None
    try:
        first = display.display.info.min_keycode
        rows = display.get_keyboard_mapping(first, display.display.info.max_keycode - first + 1)
    except (error.XError, error.ConnectionClosedError, OSError) as exc:
        log.info("the keyboard layout could not be read: %s", exc)
        return None
    finally:
        display.close()
    return frozenset(keysym for row in rows for keysym in row if keysym)
