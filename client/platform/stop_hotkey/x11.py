"""The stop hotkey on X11: a passive grab of Ctrl+Alt+End on the root window, with python-xlib.

`XGrabKey` on the root window delivers the combination to us whichever window has the focus.
The grab names exact modifier states, so it is repeated with Caps Lock and Num Lock on, or the
combination would do nothing while either lock is active.
"""

from __future__ import annotations

import logging
import os
import select
import threading
from collections.abc import Callable
from typing import Any

from Xlib import XK, X, error
from Xlib.display import Display

from client.platform.stop_hotkey.base import HotkeyError

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
        self._wake_read, self._wake_write = os.pipe()
        self._thread: threading.Thread | None = None
        self._stopped = False

    def start(self, on_pressed: Callable[[], None]) -> None:
        if self._thread is not None or self._stopped:
            raise RuntimeError("a stop hotkey starts once")
        refused = error.CatchError(error.BadAccess)
        for lock in _LOCKS:
            self._root.grab_key(
                self.keycode, MODIFIERS | lock, False, X.GrabModeAsync, X.GrabModeAsync, onerror=refused
            )
        self._display.sync()
        if refused.get_error() is not None:
            self.stop()
            raise HotkeyError("another program already uses Ctrl+Alt+End")
        self._thread = threading.Thread(target=self._run, args=(on_pressed,), name="stop-hotkey", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        os.write(self._wake_write, b"x")
        if self._thread is not None:
            self._thread.join()
        try:
            self._root.ungrab_key(self.keycode, X.AnyModifier)
            self._display.sync()
        except (error.ConnectionClosedError, OSError):
            log.info("the X connection was gone before the stop hotkey was released")
        self._display.close()
        os.close(self._wake_read)
        os.close(self._wake_write)

    def _run(self, on_pressed: Callable[[], None]) -> None:
        try:
            while True:
                while self._display.pending_events():
                    if self._is_press(self._display.next_event()):
                        try:
                            on_pressed()
                        except Exception:
                            log.exception("the stop-hotkey callback failed")
                readable, _, _ = select.select([self._display.fileno(), self._wake_read], [], [])
                if self._wake_read in readable:
                    return
        except (error.ConnectionClosedError, OSError):
            log.exception("the stop hotkey lost the X connection")

    def _is_press(self, event: Any) -> bool:
        return bool(
            event.type == X.KeyPress and event.detail == self.keycode and event.state & MODIFIERS == MODIFIERS
        )
