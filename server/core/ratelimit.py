"""Sliding-window limit on failures (wrong session numbers, wrong passwords), per address and in total.

Only failures are counted, and only attempts that were not already refused, so the windows hold at
most `total` entries between them and memory stays bounded whatever an attacker sends.
"""

from __future__ import annotations

import math
from collections import deque


class RateLimiter:
    """At most `per_address` failures per address and `total` failures overall within `window` seconds."""

    def __init__(self, per_address: int = 5, total: int = 50, window: float = 60.0) -> None:
        self._per_address = per_address
        self._total = total
        self._window = window
        self._all: deque[float] = deque()
        self._by_address: dict[str, deque[float]] = {}

    def retry_after(self, address: str, now: float) -> int:
        """Whole seconds until `address` may try again; 0 when it may try now."""
        self._prune(now)
        waits = [self._wait(self._all, self._total, now)]
        times = self._by_address.get(address)
        if times is not None:
            waits.append(self._wait(times, self._per_address, now))
        return max(waits)

    def record_failure(self, address: str, now: float) -> None:
        """Count one failed attempt from `address` at `now`."""
        self._prune(now)
        self._all.append(now)
        self._by_address.setdefault(address, deque()).append(now)

    def _wait(self, times: deque[float], limit: int, now: float) -> int:
        if len(times) < limit:
            return 0
        frees_at = times[len(times) - limit] + self._window
        return max(1, math.ceil(frees_at - now))

    def _prune(self, now: float) -> None:
        horizon = now - self._window
        while self._all and self._all[0] <= horizon:
            self._all.popleft()
        for address in list(self._by_address):
            times = self._by_address[address]
            while times and times[0] <= horizon:
                times.popleft()
            if not times:
                del self._by_address[address]
