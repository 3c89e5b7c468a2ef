"""The login gate: without pressure nobody waits; under pressure logins from addresses without
history pass at the gate's rate, one network after another, and an address with history skips
the queue."""

import asyncio
import time

from server.core.ratelimit import RateLimiter
from server.web.login_gate import LoginGate, PushedOut

NOW = 1_700_000_000.0
RATE = 20.0


def under_pressure():
    limiter = RateLimiter(pressure=3)
    for n in range(3):
        limiter.record_failure(f"10.99.{n}.1", NOW)
    return limiter


def test_without_pressure_nobody_waits():
    async def scenario():
        gate = LoginGate(RateLimiter(), lambda: NOW, rate_per_s=0.001)
        await asyncio.wait_for(gate.wait_turn("10.0.0.1"), 1)

    asyncio.run(scenario())


def test_under_pressure_logins_pass_at_the_rate_one_network_after_another():
    async def scenario():
        gate = LoginGate(under_pressure(), lambda: NOW, rate_per_s=RATE)
        passed: list[tuple[str, float]] = []

        async def login(address):
            await gate.wait_turn(address)
            passed.append((address, time.monotonic()))

        started = time.monotonic()
        await asyncio.gather(*(login(f"10.{n}.0.{a}") for a in (1, 2, 3) for n in (1, 2)), login("192.0.2.1"))
        networks = [address.rsplit(".", 1)[0] for address, _ in passed]
        assert networks[:3] == ["10.1.0", "10.2.0", "192.0.2"], "one network after another"
        assert passed[-1][1] - started >= (len(passed) - 1) / RATE * 0.9, "faster than the rate"

    asyncio.run(scenario())


def test_an_address_with_history_skips_the_queue_and_a_long_queue_pushes_out_its_oldest():
    async def scenario():
        limiter = under_pressure()
        limiter.record_success("10.5.0.1", NOW)
        gate = LoginGate(limiter, lambda: NOW, rate_per_s=0.001)
        await asyncio.wait_for(gate.wait_turn("10.5.0.1"), 1)
        waiting = [asyncio.create_task(gate.wait_turn(f"10.6.0.{a}")) for a in range(1, 11)]
        await asyncio.sleep(0.2)
        pushed = [t for t in waiting if t.done() and isinstance(t.exception(), PushedOut)]
        assert len(pushed) == 2
        for task in waiting:
            task.cancel()
        await asyncio.gather(*waiting, return_exceptions=True)

    asyncio.run(scenario())
