"""A fake clock and a broker with one session, shared by the core tests."""

from __future__ import annotations

import pytest

from protocol.messages import Expert
from server.core.broker import Broker
from server.core.ratelimit import RateLimiter

START = 1_700_000_000.0


class FakeClock:
    """A clock that only moves when the test says so."""

    def __init__(self, now: float = START) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def broker(clock: FakeClock) -> Broker:
    return Broker(clock, limiter=RateLimiter(), recorded=False, retention_days=90)


@pytest.fixture
def recorded_broker(clock: FakeClock) -> Broker:
    """A broker whose sessions are recorded: the core emits `Record` and `RecordFrame` actions."""
    return Broker(clock, limiter=RateLimiter(), recorded=True, retention_days=30)


ANNA = Expert(name="Anna Berger", organisation="Beispiel GmbH")
