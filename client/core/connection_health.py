"""Connection health: heartbeats out, silence in, and when to try resuming a dropped session.

Sans-I/O, driven by the session's clock: the session core tells it when the link came up, when
something arrived and when the link dropped or an attempt failed; `tick` says what is due now.
The policy (docs/protocol.md, "Liveness and resume"): a `heartbeat` every
`HEARTBEAT_INTERVAL_S` while connected; a server from which nothing arrived for `PEER_SILENT_S`
counts as gone even if TCP still looks open (a paused process, a half-open link); after a drop,
attempts to resume start at once and back off, and `RESUME_WINDOW_S` after the drop the session
is given up, as the server gives it up.
"""

from __future__ import annotations

from enum import Enum

from protocol.limits import HEARTBEAT_INTERVAL_S, PEER_SILENT_S, RESUME_WINDOW_S

RETRY_DELAYS_S = (1.0, 2.0, 4.0, 5.0)
"""Pause after the 1st, 2nd, 3rd, ... failed attempt; the last value repeats."""


class Due(Enum):
    """What a tick asks of the session."""

    NOTHING = "nothing"
    HEARTBEAT = "heartbeat"
    """Send a `heartbeat`."""
    PEER_SILENT = "peer_silent"
    """Nothing arrived for too long: drop the connection, it is dead."""
    ATTEMPT = "attempt"
    """Open a new connection and ask to resume."""
    GIVE_UP = "give_up"
    """The resume window has passed: end the session."""


class ConnectionHealth:
    """Liveness of the one connection and the resume policy after it drops. One thread only."""

    def __init__(
        self,
        heartbeat_interval_s: float = HEARTBEAT_INTERVAL_S,
        silent_after_s: float = PEER_SILENT_S,
        resume_window_s: float = RESUME_WINDOW_S,
    ) -> None:
        self._interval_s = heartbeat_interval_s
        self._silent_after_s = silent_after_s
        self._window_s = resume_window_s
        self._up = False
        self._heard = 0.0
        self._beat = 0.0
        self.lost_at: float | None = None
        """When the session's link dropped; None while it is not being resumed."""
        self._attempting = False
        self._failures = 0
        self._next_attempt = 0.0

    @property
    def resume_deadline(self) -> float:
        """When a dropped session is given up (only meaningful while `lost_at` is set)."""
        return (self.lost_at or 0.0) + self._window_s

    def link_up(self, now: float) -> None:
        """A connection is open (the first one, or an attempt to resume)."""
        self._up = True
        self._heard = self._beat = now

    def heard(self, now: float) -> None:
        """Something arrived from the server."""
        self._heard = now

    def link_down(self, now: float) -> None:
        """The session's connection dropped: start resuming (the first attempt is due at once)."""
        self._up = False
        if self.lost_at is None:
            self.lost_at = now
            self._failures = 0
            self._attempting = False
            self._next_attempt = now

    def attempt_failed(self, now: float) -> None:
        """An attempt to resume did not get through; the next one is due after a pause."""
        self._up = False
        self._attempting = False
        self._next_attempt = now + RETRY_DELAYS_S[min(self._failures, len(RETRY_DELAYS_S) - 1)]
        self._failures += 1

    def resumed(self) -> None:
        """The server took the session back."""
        self.lost_at = None
        self._attempting = False

    def stop(self) -> None:
        """The session is over: nothing is due any more."""
        self._up = False
        self.lost_at = None
        self._attempting = False

    def tick(self, now: float) -> Due:
        """What is due at `now`; a `HEARTBEAT` or `ATTEMPT` it returns counts as done."""
        if self.lost_at is not None and now >= self.resume_deadline:
            return Due.GIVE_UP
        if self._up:
            if now - self._heard > self._silent_after_s:
                return Due.PEER_SILENT
            if now - self._beat >= self._interval_s:
                self._beat = now
                return Due.HEARTBEAT
            return Due.NOTHING
        if self.lost_at is not None and not self._attempting and now >= self._next_attempt:
            self._attempting = True
            return Due.ATTEMPT
        return Due.NOTHING
