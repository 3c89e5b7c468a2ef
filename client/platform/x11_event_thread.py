"""One daemon thread that reads an X display connection of its own and reports matching events.

Shared by the X11 backends that listen (local-input watch, stop hotkey): python-xlib has no way to
interrupt a blocking read, so the thread waits in `select` on the display and on a wake-up pipe,
and `stop` returns at once instead of waiting for one more X event.
"""

from __future__ import annotations

import logging
import os
import select
import threading
from collections.abc import Callable
from typing import Any

from Xlib import error
from Xlib.display import Display

log = logging.getLogger(__name__)


class XEventThread:
    """Reads `display` on a thread named `name`; calls `on_match()` for each event `matches`.

    Threading: `start` and `stop` run on the owner's thread; `matches` and `on_match` on the
    reading thread. The owner keeps the display and closes it after `stop`.
    """

    def __init__(self, display: Display, name: str) -> None:
        self._display = display
        self._name = name
        self._wake_read, self._wake_write = os.pipe()
        self._thread: threading.Thread | None = None
        self._stopped = False

    def start(self, matches: Callable[[Any], bool], on_match: Callable[[], None]) -> None:
        if self._thread is not None or self._stopped:
            raise RuntimeError(f"{self._name} starts once")
        self._thread = threading.Thread(
            target=self._run, args=(matches, on_match), name=self._name, daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Ends the thread and waits for it; a second call does nothing."""
        if self._stopped:
            return
        self._stopped = True
        os.write(self._wake_write, b"x")
        if self._thread is not None:
            self._thread.join()
        os.close(self._wake_read)
        os.close(self._wake_write)

    def _run(self, matches: Callable[[Any], bool], on_match: Callable[[], None]) -> None:
        try:
            while True:
                while self._display.pending_events():
                    if matches(self._display.next_event()):
                        try:
                            on_match()
                        except Exception:
                            log.exception("the %s callback failed", self._name)
                readable, _, _ = select.select([self._display.fileno(), self._wake_read], [], [])
                if self._wake_read in readable:
                    return
        except (error.ConnectionClosedError, OSError):
            log.exception("%s lost the X connection", self._name)
