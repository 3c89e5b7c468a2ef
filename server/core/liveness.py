"""Heartbeats: when each open connection last sent something, and when it is owed a `heartbeat`.

Pure bookkeeping for the broker, with the time passed in. Every connection of a session gets a
`heartbeat` every `HEARTBEAT_INTERVAL_S`; a customer connection from which nothing at all arrived
for `PEER_SILENT_S` counts as gone, even while TCP still says it is open (a paused or unplugged
peer, a half-open link).
"""

from __future__ import annotations

from dataclasses import dataclass

from protocol.limits import HEARTBEAT_INTERVAL_S, PEER_SILENT_S
from server.core.actions import ConnId


@dataclass
class _Times:
    heard: float
    beat: float


class Liveness:
    """Last-heard and last-heartbeat times per connection."""

    def __init__(
        self, interval_s: float = HEARTBEAT_INTERVAL_S, silent_after_s: float = PEER_SILENT_S
    ) -> None:
        self._interval_s = interval_s
        self._silent_after_s = silent_after_s
        self._times: dict[ConnId, _Times] = {}

    def opened(self, conn: ConnId, now: float) -> None:
        self._times[conn] = _Times(heard=now, beat=now)

    def heard(self, conn: ConnId, now: float) -> None:
        """Anything arrived from `conn`: it is alive."""
        times = self._times.get(conn)
        if times is not None:
            times.heard = now

    def forget(self, conn: ConnId) -> None:
        self._times.pop(conn, None)

    def heartbeat_due(self, conn: ConnId, now: float) -> bool:
        """Whether `conn` is owed a `heartbeat` now; answering yes counts it as sent."""
        times = self._times.get(conn)
        if times is None or now - times.beat < self._interval_s:
            return False
        times.beat = now
        return True

    def silent(self, conn: ConnId, now: float) -> bool:
        """Nothing arrived from `conn` for longer than the peer-silent limit."""
        times = self._times.get(conn)
        return times is not None and now - times.heard > self._silent_after_s
