"""Admission of session-number guesses while the server is under pressure: a bounded rate, fair
across networks, and no refusal for it.

While `RateLimiter.under_pressure` holds, a `hello` from an address without history is not
checked at once but queued under its network prefix. Every tick releases up to the rate's worth
of queued hellos, one network after another (round robin), so a flood from many addresses is
checked no faster than `GUESSES_PER_SECOND` in total, and a customer from a network that is not
flooding is reached after at most one hello per flooding network. docs/protocol.md, "Brute
force", has the arithmetic this rate and the number length give.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from typing import Generic, TypeVar

from server.core.actions import ConnId
from server.core.ratelimit import network_of

GUESSES_PER_SECOND = 10.0
"""Queued hellos checked per second, over all networks together."""
MAX_QUEUED_PER_NETWORK = 8
"""More than this many waiting hellos from one network: the oldest is dropped (closed) first."""

T = TypeVar("T")


class Admission(Generic[T]):
    """Waiting hellos (`T`) per network; `release` hands out the next ones, fairly."""

    def __init__(self, rate_per_s: float = GUESSES_PER_SECOND, burst: float = GUESSES_PER_SECOND) -> None:
        self._rate = rate_per_s
        self._burst = burst
        self._tokens = burst
        self._last: float | None = None
        self._queues: OrderedDict[str, deque[tuple[ConnId, T]]] = OrderedDict()

    @property
    def waiting(self) -> int:
        return sum(len(queue) for queue in self._queues.values())

    def is_waiting(self, conn: ConnId) -> bool:
        return any(conn == c for queue in self._queues.values() for c, _ in queue)

    def enqueue(self, conn: ConnId, address: str, item: T) -> ConnId | None:
        """Queue `item`; returns a connection pushed out of a full network queue (to be closed)."""
        queue = self._queues.setdefault(network_of(address), deque())
        queue.append((conn, item))
        if len(queue) > MAX_QUEUED_PER_NETWORK:
            return queue.popleft()[0]
        return None

    def forget(self, conn: ConnId) -> None:
        """`conn` closed while waiting."""
        for network, queue in list(self._queues.items()):
            kept = deque((c, item) for c, item in queue if c != conn)
            if kept:
                self._queues[network] = kept
            else:
                del self._queues[network]

    def release(self, now: float) -> list[tuple[ConnId, T]]:
        """The hellos whose turn it is at `now`, one network after another."""
        if self._last is not None:
            self._tokens = min(self._burst, self._tokens + (now - self._last) * self._rate)
        self._last = now
        released: list[tuple[ConnId, T]] = []
        while self._queues and self._tokens >= 1:
            network, queue = next(iter(self._queues.items()))
            released.append(queue.popleft())
            self._tokens -= 1
            del self._queues[network]
            if queue:
                self._queues[network] = queue
        return released
