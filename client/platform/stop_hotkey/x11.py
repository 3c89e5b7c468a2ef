"""The stop hotkey on X11: a passive grab of Ctrl+Alt+End on the root window, with python-xlib.

`XGrabKey` on the root window delivers the combination to us whichever window has the focus.
The grab names exact modifier states, so it is repeated with Caps Lock and Num Lock on, or the
combination would do nothing while either lock is active.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from Xlib import XK, X, error
from Xlib.display import Display

from client.platform.stop_hotkey.base import HotkeyError
from client.platform.x11_event_thread import XEventThread

log = logging.getLogger(__name__)

MODIFIERS = X.ControlMask | X.Mod1Mask
"""Ctrl and Alt (Mod1 is Alt in every common keymap)."""
_LOCKS = (0, X.LockMask, X.Mod2Mask, X.LockMask | X.Mod2Mask)
"""No lock, Caps Lock, Num Lock (Mod2), both."""


class X11StopHotkey:
    """A `StopHotkey` on a display connection of its own, read by one daemon thread.

    Threading: `start` and `stop` run on the owner's thread; `on_pressed` on the hotkey thread.
    """

    def __init__(self, display_name: str | None = None) -> None:
        try:
            self._display = Display(display_name)
        except (error.DisplayError, error.ConnectionClosedError, OSError) as exc:
            raise HotkeyError(f"cannot open the X display: {exc}") from exc
        self._root = self._display.screen().root
        self.keycode: int = self._display.keysym_to_keycode(XK.XK_End)
        if not self.keycode:
            self._display.close()
            raise HotkeyError("the keyboard map has no End key")
        self._events = XEventThread(self._display, "stop-hotkey")
        self._started = self._stopped = False

    def start(self, on_pressed: Callable[[], None]) -> None:
        if self._started or self._stopped:
            raise RuntimeError("a stop hotkey starts once")
        self._started = True
        refused = error.CatchError(error.BadAccess)
        for lock in _LOCKS:
            self._root.grab_key(
                self.keycode, MODIFIERS | lock, False, X.GrabModeAsync, X.GrabModeAsync, onerror=refused
            )
        self._display.sync()
        if refused.get_error() is not None:
            self.stop()
            raise HotkeyError("another program already uses Ctrl+Alt+End")
        self._events.start(self._is_press, on_pressed)

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self._events.stop()
        try:
            self._root.ungrab_key(self.keycode, X.AnyModifier)
            self._display.sync()
        except (error.ConnectionClosedError, OSError):
            log.info("the X connection was gone before the stop hotkey was released")
        self._display.close()

    def _is_press(self, event: Any) -> bool:
        return bool(
            event.type == X.KeyPress and event.detail == self.keycode and event.state & MODIFIERS == MODIFIERS
        )
