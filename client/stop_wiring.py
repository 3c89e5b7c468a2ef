"""The global Stop shortcut for one run: the hotkey's thread posts `EndRequested` to the loop."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from client.core import events as ev
from client.platform.stop_hotkey import HotkeyError, StopHotkey, open_stop_hotkey

log = logging.getLogger(__name__)


class StopShortcut:
    """`hotkey` is the running hotkey, or None when none could be registered (then only the
    control panel's Stop ends the session)."""

    def __init__(self, factory: Callable[[], StopHotkey] = open_stop_hotkey) -> None:
        self._factory = factory
        self.hotkey: StopHotkey | None = None

    def start(self, dispatch: Callable[[ev.Event], None]) -> None:
        """Call on the event-loop thread."""
        loop = asyncio.get_event_loop()

        def pressed() -> None:
            loop.call_soon_threadsafe(dispatch, ev.EndRequested())

        try:
            hotkey = self._factory()
            hotkey.start(pressed)
        except HotkeyError as exc:
            log.warning("no global stop shortcut: %s", exc)
            return
        self.hotkey = hotkey

    def stop(self) -> None:
        hotkey, self.hotkey = self.hotkey, None
        if hotkey is not None:
            hotkey.stop()
