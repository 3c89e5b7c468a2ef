"""Brute force against session numbers: the documented ceiling, and a flood run through the real broker.

    .venv/bin/python -m bench.bruteforce [--sessions 1000] [--networks 5000] [--rate 500] [--minutes 5]

An attacker with `--networks` /24 networks (two addresses each) sends `--rate` wrong numbers per
second for `--minutes` minutes at `--sessions` waiting sessions, on a fake clock through the real
`Broker` (numbers, limits, admission). Every 30 s a customer from an untouched network joins with
a right number. Printed: the guesses the server actually checked, the expected valid hits per day
that rate gives against the numbers it issued, and how long the customers waited.

Then expert logins: `--login-networks` networks (three addresses each) flood the real login gate
(`server.web.login_gate`, in real time, without the password check) for `--login-seconds`, and an
expert from another network logs in after one second. Printed: the logins let through per second
and how long the expert waited for the password check.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import time

from protocol import encode_message
from protocol.messages import Expert, Hello, Welcome
from server.core.actions import Action, Close, Send
from server.core.broker import Broker
from server.core.events import Closed, Opened, Received, Tick
from server.core.numbers import GUESSES_PER_DAY_CEILING, HITS_PER_DAY_TARGET, digits_for
from server.core.ratelimit import RateLimiter
from server.web.login_gate import LOGINS_PER_SECOND, LoginGate

EXPERT = Expert("Bench", "Bench GmbH")


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


def ceiling_table() -> list[tuple[int, int, float]]:
    """(waiting sessions, number digits, expected hits per day at the admission ceiling)."""
    rows = []
    for waiting in (1, 10, 100, 1000):
        digits = digits_for(waiting)
        rows.append((waiting, digits, GUESSES_PER_DAY_CEILING * waiting / 10**digits))
    return rows


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--networks", type=int, default=5000)
    parser.add_argument("--rate", type=int, default=500, help="wrong numbers per second")
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--login-networks", type=int, default=300)
    parser.add_argument("--login-seconds", type=float, default=10)
    return parser.parse_args()


def main() -> None:
    args = arguments()

    for waiting, digits, hits in ceiling_table():
        target = f"{HITS_PER_DAY_TARGET:g}"
        print(f"ceiling waiting={waiting} digits={digits} hits_per_day={hits:.2e} (target < {target})")

    clock = FakeClock()
    broker = Broker(clock, limiter=RateLimiter())
    sessions = [broker.create_session(f"s{i}", "bench", EXPERT) for i in range(args.sessions)]
    numbers = {s.spec.number for s in sessions}
    by_length = {d: sum(1 for n in numbers if len(n) == d) for d in {len(n) for n in numbers}}
    digits, share = max(((d, c / 10**d) for d, c in by_length.items()), key=lambda item: item[1])
    """The attacker's best length: the one with the most waiting numbers per possible number."""
    conns = itertools.count(1)
    checked = hits = 0
    waits: list[float] = []
    pending: dict[int, float] = {}

    def count(actions: list[Action]) -> None:
        nonlocal checked, hits
        for action in actions:
            if isinstance(action, Close):
                count(broker.handle(Closed(action.conn)))
            if not isinstance(action, Send):
                continue
            code = getattr(action.message, "code", None)
            if code == "invalid_number":
                checked += 1
            if isinstance(action.message, Welcome) and action.conn in pending:
                waits.append(clock.now - pending.pop(action.conn))
            elif isinstance(action.message, Welcome):
                hits += 1

    def hello(address: str, number: str) -> int:
        conn = next(conns)
        broker.handle(Opened(conn, "customer", address))
        count(broker.handle(Received(conn, encode_message(Hello(protocol=1, number=number, client="bench")))))
        return conn

    guess = itertools.count()
    ticks = int(args.minutes * 60)
    legit = iter(sorted(numbers))
    for second in range(ticks):
        for _ in range(args.rate):
            n = next(guess)
            net, host = n % args.networks, (n // args.networks) % 2 + 1
            hello(f"10.{net // 250}.{net % 250}.{host}", f"{n * 7919 % 10**digits:0{digits}d}")
        if second % 30 == 0:
            conn = hello(f"192.0.{second // 30 % 250}.10", next(legit))
            pending[conn] = clock.now
        clock.now += 1
        count(broker.handle(Tick()))
    report(args, ticks, checked, hits, share, waits=waits, left=len(pending))
    asyncio.run(login_flood(args.login_networks, args.login_seconds))


async def login_flood(networks: int, seconds: float) -> None:
    """Every flooding address retries as soon as its login was let through, for `seconds`."""
    limiter = RateLimiter()
    for n in range(50):
        limiter.record_failure(f"10.250.{n}.1", 1_700_000_000.0)
    gate = LoginGate(limiter, lambda: 1_700_000_000.0)
    started = time.monotonic()
    passed = 0

    async def guesser(address: str) -> None:
        nonlocal passed
        while time.monotonic() - started < seconds:
            await gate.wait_turn(address)
            passed += 1

    async def expert() -> float:
        await asyncio.sleep(1.0)
        asked = time.monotonic()
        await gate.wait_turn("192.0.2.10")
        return time.monotonic() - asked

    guessers = [guesser(f"10.{n // 250}.{n % 250}.{a}") for n in range(networks) for a in (1, 2, 3)]
    results = await asyncio.gather(expert(), *guessers, return_exceptions=True)
    waited = f"{results[0]:.1f}" if isinstance(results[0], float) else "nan"
    rate = passed / (time.monotonic() - started)
    print(
        f"logins networks={networks} let_through_per_s={rate:.1f} (gate {LOGINS_PER_SECOND:g}) "
        f"checked_per_day={rate * 86_400:.0f} expert_wait_s={waited}"
    )


def report(
    args: argparse.Namespace,
    seconds: int,
    checked: int,
    hits: int,
    share: float,
    *,
    waits: list[float],
    left: int,
) -> None:
    per_day = checked / seconds * 86_400
    expected = per_day * share
    longest = f"{max(waits):.0f}" if waits else "nan"
    print(
        f"flood sessions={args.sessions} networks={args.networks} sent_per_s={args.rate} "
        f"checked_per_s={checked / seconds:.1f} hits={hits} customers_joined={len(waits)}/{len(waits) + left}"
    )
    figures = f"checked_per_day={per_day:.0f} expected_hits_per_day={expected:.2e}"
    print(f"bruteforce {figures} customer_wait_max_s={longest}")


if __name__ == "__main__":
    main()
