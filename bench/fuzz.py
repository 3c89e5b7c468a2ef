"""The long fuzz run: ≥ 100,000 generated and mutated inputs for each decoder.

    .venv/bin/python -m bench.fuzz [--count 100000]

Decoders: the JSON message codec and the binary frame decoder (both sides import them from
`protocol/`), the console's JavaScript codec for both under node (differential: it must decide
every input as Python does), and the server's endpoints through the sans-I/O broker (sequences
of inputs from customer and console of a sharing session). Prints per decoder the inputs, how
many were accepted, crashes (any exception but a refusal), accepted-but-invalid inputs
(accepted yet not surviving re-encoding, or decided differently by the console) and the peak
memory the run allocated; the last line sums them up.
"""

from __future__ import annotations

import argparse
import random
import time
import tracemalloc
from collections.abc import Callable
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


def endpoint_sequence(sequence: list[tuple[int, str | bytes]]) -> bool:
    """One session's customer and console send `sequence` (8 inputs at most, so `count // 8`
    sequences make about `count` inputs); True when both connections are still open at the end."""
    broker = Broker(FakeClock(), limiter=RateLimiter())
    sharing(broker)
    open_conns = {CUSTOMER, CONSOLE}
    for conn, data in sequence:
        if conn not in open_conns:
            continue
        pending = broker.handle(Received(conn, data))
        while pending:
            action = pending.pop(0)
            if isinstance(action, Close) and action.conn in open_conns:
                open_conns.discard(action.conn)
                pending += broker.handle(Closed(action.conn))
    return open_conns == {CUSTOMER, CONSOLE}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument(
        "--seeds", type=int, default=3_000, help="inputs drawn by hypothesis; the rest mutate them"
    )
    args = parser.parse_args()
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
    steps = st.lists(
        st.tuples(st.sampled_from([CUSTOMER, CONSOLE]), st.one_of(message_texts, frame_bytes)), max_size=8
    )
    pool: list[str | bytes] = [*messages, *frames]
    sequences = generate(steps, seeds // 8) + [
        [(rng.choice([CUSTOMER, CONSOLE]), rng.choice(pool)) for _ in range(rng.randint(1, 8))]
        for _ in range(count // 8)
    ]
    _, crashes, invalid = run("server_endpoints", sequences, endpoint_sequence)
    totals[0] += crashes
    totals[1] += invalid
    print(f"fuzz inputs_per_decoder={count} crashes={totals[0]} invalid_accepted={totals[1]}")


if __name__ == "__main__":
    main()
