"""The long fuzz run: ≥ 100,000 generated and mutated inputs for each decoder.

    .venv/bin/python -m bench.fuzz [--count 100000]

Decoders: the JSON message codec and the binary frame decoder (the client and the server both
decode with them, from `protocol/`), the console's JavaScript codec for both under node
(differential: it must decide every input as Python does), the server's session logic through
the sans-I/O broker (`server_endpoints`: inputs from customer and console of a sharing session),
and the real server application in-process (`server_sockets`: the same inputs into its two
WebSocket endpoints, through its socket handlers, hub, broker and store;
`server_rest`: its REST API with generated requests and mutated bodies;
tests/support/server_fuzzing.py says what counts). Prints per target the inputs, how many were
accepted, crashes, accepted-but-invalid inputs and memory (tracemalloc peak for the decoders,
growth of the process's resident set over the run for the server targets); the last line sums them up.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server.core.actions import Close
from server.core.broker import Broker
from server.core.events import Closed, Received
from server.core.ratelimit import RateLimiter
from tests.server.core.conftest import FakeClock
from tests.server.core.scenario import CONSOLE, CUSTOMER, sharing
from tests.support.fuzzing import (
    check_frame,
    check_message,
    disagreements,
    frame_bytes,
    grow,
    message_texts,
    node_available,
)
from tests.support.server_fuzzing import FuzzServer, Tally, rest_requests


def generate(strategy: st.SearchStrategy[Any], count: int) -> list[Any]:
    """`count` inputs drawn by hypothesis from `strategy`."""
    drawn: list[Any] = []

    @settings(max_examples=count, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def collect(item: Any) -> None:
        drawn.append(item)

    collect()
    return drawn


def run(name: str, inputs: list[Any], check: Callable[[Any], bool]) -> tuple[int, int, int]:
    """Apply `check` to every input; returns (accepted, crashes, invalid accepted)."""
    accepted = crashes = invalid = 0
    tracemalloc.start()
    started = time.perf_counter()
    for item in inputs:
        try:
            accepted += check(item)
        except AssertionError:
            invalid += 1
        except Exception:  # a crash: anything but a refusal
            crashes += 1
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{name}: inputs={len(inputs)} accepted={accepted} crashes={crashes} invalid_accepted={invalid} "
        f"peak_kib={peak // 1024} seconds={seconds:.1f}"
    )
    return accepted, crashes, invalid


def endpoint_sequence(sequence: list[tuple[int, str | bytes]]) -> int:
    """One session's customer and console send `sequence` through the broker; returns how many
    inputs reached it (those after the server closed a peer do not)."""
    broker = Broker(FakeClock(), limiter=RateLimiter())
    sharing(broker)
    open_conns = {CUSTOMER, CONSOLE}
    delivered = 0
    for conn, data in sequence:
        if conn not in open_conns:
            continue
        delivered += 1
        pending = broker.handle(Received(conn, data))
        while pending:
            action = pending.pop(0)
            if isinstance(action, Close) and action.conn in open_conns:
                open_conns.discard(action.conn)
                pending += broker.handle(Closed(action.conn))
    return delivered


def broker_endpoints(pool: list[str | bytes], count: int, rng: random.Random) -> tuple[int, int]:
    """Sequences of up to 8 inputs until `count` inputs reached the broker; (crashes, invalid)."""
    inputs = sequences = crashes = 0
    tracemalloc.start()
    started = time.perf_counter()
    while inputs < count:
        sequence = [(rng.choice([CUSTOMER, CONSOLE]), rng.choice(pool)) for _ in range(rng.randint(1, 8))]
        sequences += 1
        try:
            inputs += endpoint_sequence(sequence)
        except Exception:  # a crash: anything but a refusal
            crashes += 1
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"server_endpoints: inputs={inputs} sequences={sequences} crashes={crashes} invalid_accepted=0 "
        f"peak_kib={peak // 1024} seconds={time.perf_counter() - started:.1f}"
    )
    return crashes, 0


def server_targets(pool: list[str | bytes], count: int, seeds: int, rng: random.Random) -> tuple[int, int]:
    """The real server application: `count` socket inputs and `count` REST requests."""
    with tempfile.TemporaryDirectory() as data_dir:
        server = FuzzServer(Path(data_dir))
        try:
            socket_tally = asyncio.run(_sockets(server, pool, count, rng))
            drawn = generate(rest_requests(server.token), seeds)
            texts = [p for p in pool if isinstance(p, str)]
            requests = drawn + [
                (*rng.choice(drawn)[:3], rng.choice(texts)) for _ in range(max(0, count - len(drawn)))
            ]
            started, before = time.perf_counter(), _rss_kib()
            rest_tally = asyncio.run(server.rest(requests))
            _report("server_rest", rest_tally, started, before)
        finally:
            server.close()
    socket_tally.add(rest_tally)
    return socket_tally.crashes, socket_tally.invalid_accepted


async def _sockets(server: FuzzServer, pool: list[str | bytes], count: int, rng: random.Random) -> Tally:
    total = Tally()
    started, before = time.perf_counter(), _rss_kib()
    while total.inputs < count:
        steps = [(rng.choice(["customer", "console"]), rng.choice(pool)) for _ in range(1000)]
        total.add(await server.sequence(steps, keep=True))
    await server.finish(total)
    _report("server_sockets", total, started, before)
    return total


def _rss_kib() -> int:
    """This process's resident set size now (the server targets run in it)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def _report(name: str, tally: Tally, started: float, rss_before: int) -> None:
    print(
        f"{name}: inputs={tally.inputs} accepted={tally.accepted} crashes={tally.crashes} "
        f"invalid_accepted={tally.invalid_accepted} rss_growth_kib={_rss_kib() - rss_before} "
        f"seconds={time.perf_counter() - started:.1f}"
    )
    for problem in tally.problems[:5]:
        print(f"  {problem[:300]}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument(
        "--seeds", type=int, default=3_000, help="inputs drawn by hypothesis; the rest mutate them"
    )
    args = parser.parse_args()
    logging.getLogger("fernhilfe.server").setLevel(logging.ERROR)  # every refusal logs a warning
    count = args.count
    totals = [0, 0]
    rng = random.Random(20261202)
    seeds = min(count, args.seeds)
    messages = grow(generate(message_texts, seeds), count, rng)
    frames = grow(generate(frame_bytes, seeds), count, rng)
    for name, inputs, check in (("messages", messages, check_message), ("frames", frames, check_frame)):
        _, crashes, invalid = run(name, inputs, check)
        totals[0] += crashes
        totals[1] += invalid
    if node_available():
        tagged: list[tuple[str, str | bytes]] = [("message", m) for m in messages] + [
            ("frame", f) for f in frames
        ]
        started = time.perf_counter()
        problems = disagreements(tagged)
        crashes = sum(1 for p in problems if p.startswith("node crashed"))
        print(
            f"console_js: inputs={len(tagged)} crashes={crashes} disagreements={len(problems) - crashes} "
            f"seconds={time.perf_counter() - started:.1f}"
        )
        for problem in problems[:5]:
            print(f"  {problem[:300]}")
        totals[0] += crashes
        totals[1] += len(problems) - crashes
    pool: list[str | bytes] = [*messages, *frames]
    for crashes, invalid in (broker_endpoints(pool, count, rng), server_targets(pool, count, seeds, rng)):
        totals[0] += crashes
        totals[1] += invalid
    print(f"fuzz inputs_per_decoder={count} crashes={totals[0]} invalid_accepted={totals[1]}")


if __name__ == "__main__":
    main()
