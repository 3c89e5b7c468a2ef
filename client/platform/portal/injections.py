"""When this process last injected input: the portal injector marks it, the idle watch reads it."""

from __future__ import annotations

import time
from collections.abc import Callable


class InjectionClock:
    """When this process last injected input; shared by the portal injector and this watch."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._last = float("-inf")

    def mark(self) -> None:
        self._last = self._clock()

    @property
    def last(self) -> float:
        return self._last
