"""From an expert's input event to the event on the customer's X server, over loopback TLS.

The real server runs as its own process, and so does the real customer client
(bench/stream_customer.py: the number typed, both consent dialogs allowed, as a customer would);
the expert (a scripted console following docs/protocol.md, acknowledging every frame) runs here.
Each round the expert sends one `pointer_move` and a watcher, a process of its own with one X
connection, polls the X server until the pointer is there: in the bench's process it would share
the interpreter lock with the expert's loop and time that instead. Run on an X server:

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python -m bench.input_latency [--scrolling]

With `--scrolling` a terminal scrolls 100 lines a second all the while (bench/stream.py's text
scene), so the screen share streams while input is injected. Last line:
`input_latency_ms p50=… p99=…` (over ROUNDS moves).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import multiprocessing
import subprocess
import sys
import tempfile
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path

from bench.stats import summary
from bench.stream import SCROLLER_COMMAND, processes
from bench.stream_peers import EXPERT, START_TIMEOUT_S
from protocol.messages import PointerMove
from tests.support.scripted_expert import ScriptedExpert
from tests.support.server_process import ServerProcess, add_expert, open_session_async, ssl_context

ROUNDS = 300
PERIOD_S = 0.01
"""One move every 10 ms at most, as a browser sends pointer events; the client drops input beyond
250 messages a second (client/core/input_policy.py)."""


def _watch_pointer(requests: Connection) -> None:
    """In a process of its own: for each target received, poll the X server until the pointer is there
    and answer with the monotonic time it was first seen (the clock is shared between processes).

    Says None first, once its X connection is open: the first move must not wait for it to start."""
    from Xlib import display

    connection = display.Display()
    root = connection.screen().root
    requests.send(None)
    try:
        while (target := requests.recv()) is not None:
            deadline = time.monotonic() + 10
            seen = None
            while seen is None and time.monotonic() < deadline:
                reply = root.query_pointer()
                if (reply.root_x, reply.root_y) == tuple(target):
                    seen = time.monotonic()
            requests.send(seen)
    finally:
        connection.close()


async def _measure(expert: ScriptedExpert, watcher: Connection) -> list[float]:
    latencies = []
    for round_number in range(ROUNDS):
        target = (200 + round_number % 800, 200 + round_number % 2)
        watcher.send(target)
        sent = time.monotonic()
        await expert.send_input(PointerMove(monitor=0, x=target[0], y=target[1]))
        landed = await asyncio.to_thread(watcher.recv)
        if landed is None:
            raise TimeoutError(f"the pointer never reached {target}")
        latencies.append((landed - sent) * 1000)
        await asyncio.sleep(max(0.0, sent + PERIOD_S - time.monotonic()))
    return latencies


async def _session(server: ServerProcess) -> list[float]:
    ticket = await open_session_async(server, *EXPERT)
    frames = threading.Event()
    expert = ScriptedExpert(
        server.ws_url, ssl_context(server.ca_path), ticket.token, ticket.session_id,
        on_frame=lambda _: frames.set(),
    )  # fmt: skip
    await expert.connect()
    command = [sys.executable, "-m", "bench.stream_customer", server.ws_url, str(server.ca_path)]
    command.append(ticket.number)
    customer = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        await expert.wait_for_tier(1, "granted", START_TIMEOUT_S)
        await asyncio.to_thread(frames.wait, START_TIMEOUT_S)  # input lands on a monitor once it is shared
        await expert.request_tier(2)
        await expert.wait_for_control("expert", START_TIMEOUT_S)
        watcher, requests = multiprocessing.get_context("spawn").Pipe()
        process = multiprocessing.get_context("spawn").Process(target=_watch_pointer, args=(requests,))
        process.start()
        try:
            await asyncio.to_thread(watcher.recv)
            return await _measure(expert, watcher)
        finally:
            watcher.send(None)
            process.join(10)
    finally:
        with contextlib.suppress(Exception):
            await expert.end()
        await asyncio.to_thread(customer.wait, 30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scrolling", action="store_true", help="scroll a terminal while measuring")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "server"
        add_expert(data, *EXPERT, "Bench Expert", "Bench GmbH")
        scene = processes(SCROLLER_COMMAND) if args.scrolling else contextlib.nullcontext()
        with ServerProcess(data) as server, scene:
            latencies = sorted(asyncio.run(_session(server)))
    print(f"rounds={ROUNDS} min={min(latencies):.2f} max={max(latencies):.2f}")
    print(summary("input_latency_ms", latencies))


if __name__ == "__main__":
    main()
