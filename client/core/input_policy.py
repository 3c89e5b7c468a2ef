"""Rules for remote input that do not depend on the session phase: where a point lands, how fast
input may come, and who holds mouse and keyboard."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from protocol.messages import Monitor

MAX_INPUT_PER_SECOND = 250
DEFAULT_REST_S = 1.5
"""How long the customer's own input must rest before remote control resumes."""


def desktop_point(monitors: tuple[Monitor, ...], monitor_id: int, x: int, y: int) -> tuple[int, int] | None:
    """The physical desktop pixel for (x, y) on a shared monitor, or None if it lies outside it."""
    for monitor in monitors:
        if monitor.id == monitor_id:
            if 0 <= x < monitor.width and 0 <= y < monitor.height:
                return monitor.x + x, monitor.y + y
            return None
    return None


class InputRateLimit:
    """At most `limit` input messages in any window of one second; the rest are dropped."""

    def __init__(self, limit: int = MAX_INPUT_PER_SECOND) -> None:
        self._limit = limit
        self._times: deque[float] = deque()

    def allow(self, now: float) -> bool:
        while self._times and now - self._times[0] >= 1.0:
            self._times.popleft()
        if len(self._times) >= self._limit:
            return False
        self._times.append(now)
        return True


@dataclass
class ControlHolder:
    """Who holds mouse and keyboard while remote control is granted.

    The customer takes it by using their own mouse or keyboard and keeps it until that input has
    rested `rest_s` seconds; then the expert has it again.
    """

    rest_s: float = DEFAULT_REST_S
    expert_holds: bool = True
    _last_local: float = 0.0

    def local_input(self, now: float) -> bool:
        """Record the customer's own input; True if this takes control away from the expert."""
        self._last_local = now
        if self.expert_holds:
            self.expert_holds = False
            return True
        return False

    def tick(self, now: float) -> bool:
        """True if the customer's input has rested long enough for the expert to resume."""
        if not self.expert_holds and now - self._last_local >= self.rest_s:
            self.expert_holds = True
            return True
        return False
