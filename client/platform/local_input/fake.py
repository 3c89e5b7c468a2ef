"""A fake local-input watch whose "person at the machine" is the test.

Selected by `FERNHILFE_LOCAL_INPUT=fake`; tests call `simulate_activity()` to act as the customer.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class FakeLocalInputWatch:
    """A `LocalInputWatch` that reports activity only when told to.

    Threading: `start`, `stop` and `simulate_activity` may run on any thread; like the real
    watches, the callback runs on a thread of the watch's own, never the caller's.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._on_activity: Callable[[], None] | None = None
        self.started = False
        self.stopped = False

    def start(self, on_activity: Callable[[], None]) -> None:
        with self._lock:
            if self.started or self.stopped:
                raise RuntimeError("a local-input watch starts once")
            self.started = True
            self._on_activity = on_activity

    def stop(self) -> None:
        with self._lock:
            self.stopped = True
            self._on_activity = None

    def simulate_activity(self) -> bool:
        """Report one local event, as a real device would; returns once the callback has run.
        False (and no call) when the watch is not running."""
        with self._lock:
            callback = self._on_activity
        if callback is None:
            return False
        thread = threading.Thread(target=callback, name="fake-local-input")
        thread.start()
        thread.join()
        return True
