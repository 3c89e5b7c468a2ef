"""Expert logins under pressure get the protection the session numbers get: a bounded rate, fair
across networks, and no refusal for what others did.

While many logins fail overall (`RateLimiter.under_pressure`), a login from an address without
history waits for its turn in `server.core.admission`: at most `LOGINS_PER_SECOND` of them are
let through to the password check, one network after another, so a flood from many addresses
guesses no faster than that, and an expert on a network that is not flooding is reached after at
most one login per flooding network. A network with too many waiting logins has its oldest
refused (429) — that network only.
"""

from __future__ import annotations

import asyncio
import itertools
import time

from server.core.admission import Admission
from server.core.clock import Clock
from server.core.ratelimit import RateLimiter

LOGINS_PER_SECOND = 5.0
"""Waiting logins let through to the password check per second, over all networks together."""
PUMP_SECONDS = 0.05


class PushedOut(Exception):
    """This login waited in a network queue that grew too long: refuse it (429)."""


class LoginGate:
    """One per server: waiting logins by network, let through at a bounded, fair rate."""

    def __init__(self, limiter: RateLimiter, clock: Clock, rate_per_s: float = LOGINS_PER_SECOND) -> None:
        self._limiter = limiter
        self._clock = clock
        self._admission: Admission[asyncio.Future[None]] = Admission(rate_per_s, burst=1.0)
        self._ids = itertools.count(1)
        self._waiting: dict[int, asyncio.Future[None]] = {}
        self._pump: asyncio.Task[None] | None = None

    async def wait_turn(self, address: str) -> None:
        """Return at once without pressure or for an address with history; else when it is this
        login's turn. Raises `PushedOut` when its network has too many waiting."""
        now = self._clock()
        if not self._limiter.under_pressure(now) or self._limiter.has_history(address, now):
            return
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        ticket = next(self._ids)
        pushed = self._admission.enqueue(ticket, address, turn)
        if pushed is not None:
            self._waiting.pop(pushed).set_exception(PushedOut())
        self._waiting[ticket] = turn
        if self._pump is None or self._pump.done():
            self._pump = asyncio.create_task(self._let_through())
        try:
            await turn
        finally:
            if self._waiting.pop(ticket, None) is not None:
                self._admission.forget(ticket)

    async def _let_through(self) -> None:
        """Hand out turns as the rate allows, until nobody waits (monotonic time: the rate is real)."""
        while self._admission.waiting:
            for ticket, turn in self._admission.release(time.monotonic()):
                self._waiting.pop(ticket, None)
                if not turn.done():
                    turn.set_result(None)
            await asyncio.sleep(PUMP_SECONDS)
