"""A fake stop hotkey whose customer is the test: `press()` acts as the key combination."""

from __future__ import annotations

import threading
from collections.abc import Callable


class FakeStopHotkey:
    """A `StopHotkey` that fires only when told to, on a thread of its own like the real ones."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._on_pressed: Callable[[], None] | None = None
        self.started = False
        self.stopped = False

    def start(self, on_pressed: Callable[[], None]) -> None:
        with self._lock:
            if self.started or self.stopped:
                raise RuntimeError("a stop hotkey starts once")
            self.started = True
            self._on_pressed = on_pressed

    def stop(self) -> None:
        with self._lock:
            self.stopped = True
            self._on_pressed = None

    def press(self) -> bool:
        """Press the combination; returns once the callback ran (False, and no call, when stopped)."""
        with self._lock:
            callback = self._on_pressed
        if callback is None:
            return False
        thread = threading.Thread(target=callback, name="fake-stop-hotkey")
        thread.start()
        thread.join()
        return True
