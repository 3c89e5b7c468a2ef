"""How much one server process holds: idle sessions, then active streams with relay latency.

    .venv/bin/python -m bench.load [--idle 1000] [--active 100] [--seconds 20] [--frame-kib 50] [--fps 10]

One real server process (TLS, uvicorn, broker, SQLite, recording) on this machine; the peers run
in this process and follow docs/protocol.md: each customer joins with its number, grants viewing
and sends `screen_info`; each active customer has an expert console attached that acknowledges
every frame, and sends frames of `--frame-kib` KiB at `--fps` within the flow-control window.
Relay latency is from the customer's send to the console's receive (one clock, one machine).
Memory is the server's resident set size (/proc) before and after the idle sessions joined.
Last line: `load idle_sessions=… active_streams=… rss_per_session_kb=… relay_p99_ms=…`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import ssl
import struct
import tempfile
import time
from pathlib import Path

import httpx
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from bench.stats import summary
from protocol import PROTOCOL_VERSION, decode_message, encode_frame, encode_message
from protocol.frames import FLAG_KEYFRAME, Encoding, Frame, Tile
from protocol.limits import HEARTBEAT_INTERVAL_S
from protocol.messages import Auth, Consent, FrameAck, Heartbeat, Hello, Monitor, ScreenInfo, Welcome
from tests.support.server_process import ServerProcess, add_expert, ssl_context

SCREEN = ScreenInfo(monitors=(Monitor(id=0, x=0, y=0, width=1920, height=1080, scale=1.0, primary=True),))
EXPERT, PASSWORD = "load", "load test password"


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


async def open_ws(server: ServerProcess, path: str, context: ssl.SSLContext) -> ClientConnection:
    return await connect(
        f"{server.ws_url}{path}", ssl=context, compression=None, max_size=32 * 1024 * 1024, open_timeout=60
    )


async def new_session(http: httpx.AsyncClient, token: str) -> dict[str, str]:
    response = await http.post("/api/sessions", headers={"Authorization": f"Bearer {token}"})
    response.raise_for_status()
    return dict(response.json())


async def join(server: ServerProcess, context: ssl.SSLContext, number: str) -> ClientConnection:
    """A customer that joined, granted viewing and sent its screen."""
    socket = await open_ws(server, "/ws/customer", context)
    await socket.send(encode_message(Hello(protocol=PROTOCOL_VERSION, number=number, client="load/1")))
    while not isinstance(decode_message(await socket.recv()), Welcome):
        pass
    await socket.send(encode_message(Consent(tier=1, granted=True)))
    await socket.send(encode_message(SCREEN))
    return socket


def frame_of(seq: int, size: int) -> bytes:
    """A keyframe carrying `size` bytes of JPEG-typed payload; its first 8 bytes are the send time."""
    payload = struct.pack(">d", time.perf_counter()) + os.urandom(max(0, size - 8))
    tile = Tile(0, 0, 1920, 1080, Encoding.JPEG, payload)
    return encode_frame(Frame(seq, int(time.time() * 1000), 0, 0, 0, 1920, 1080, FLAG_KEYFRAME, (tile,)))


async def stream(
    customer: ClientConnection, console: ClientConnection, seconds: float, size: int, fps: float
) -> tuple[list[float], bool]:
    """Send frames for `seconds`, two at most unacknowledged; returns relay latencies in ms and
    whether the stream lasted (False: the server closed it, e.g. because it fell behind)."""
    latencies: list[float] = []
    window = asyncio.Semaphore(2)

    async def console_side() -> None:
        while True:
            data = await console.recv()
            if isinstance(data, bytes):
                sent = struct.unpack(">d", data[34 + 13 : 34 + 13 + 8])[0]
                latencies.append((time.perf_counter() - sent) * 1000)
                seq = struct.unpack(">I", data[4:8])[0]
                await console.send(encode_message(FrameAck(seq=seq)))

    async def customer_acks() -> None:
        while True:
            message = await customer.recv()
            if isinstance(message, str) and isinstance(decode_message(message), FrameAck):
                window.release()

    tasks = [asyncio.create_task(console_side()), asyncio.create_task(customer_acks())]
    deadline = time.perf_counter() + seconds
    seq = 0
    lasted = True
    try:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            await window.acquire()
            seq += 1
            await customer.send(frame_of(seq, size))
            await asyncio.sleep(max(0.0, 1 / fps - (time.perf_counter() - started)))
    except ConnectionClosed:
        lasted = False
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return latencies, lasted


async def heartbeats(sockets: list[ClientConnection]) -> None:
    """What every peer does while it lives: a `heartbeat` every few seconds (idle ones too)."""
    beat = encode_message(Heartbeat())
    while True:
        await asyncio.sleep(HEARTBEAT_INTERVAL_S)
        for socket in list(sockets):
            with contextlib.suppress(ConnectionClosed):
                await socket.send(beat)


async def scenario(server: ServerProcess, args: argparse.Namespace) -> str:
    context = ssl_context(server.ca_path)
    alive: list[ClientConnection] = []
    beating = asyncio.create_task(heartbeats(alive))
    async with httpx.AsyncClient(base_url=server.url, verify=context, timeout=60) as http:
        login = await http.post("/api/login", json={"username": EXPERT, "password": PASSWORD})
        token = login.json()["token"]
        assert server.process is not None
        before = rss_kib(server.process.pid)
        idle: list[ClientConnection] = []
        for _ in range(args.idle):
            session = await new_session(http, token)
            idle.append(await join(server, context, session["number"]))
            alive.append(idle[-1])
        await asyncio.sleep(2)
        after = rss_kib(server.process.pid)
        per_session = (after - before) / max(1, args.idle)
        memory = f"server RSS {before} -> {after} KiB ({per_session:.1f} KiB each)"
        print(f"idle: {len(idle)} sessions joined, {memory}")

        pairs = []
        for _ in range(args.active):
            session = await new_session(http, token)
            customer = await join(server, context, session["number"])
            alive.append(customer)
            console = await open_ws(server, "/ws/expert", context)
            alive.append(console)
            await console.send(
                encode_message(Auth(protocol=PROTOCOL_VERSION, token=token, session_id=session["id"]))
            )
            pairs.append((customer, console))
        size = args.frame_kib * 1024
        started = time.perf_counter()
        results = await asyncio.gather(*(stream(c, e, args.seconds, size, args.fps) for c, e in pairs))
        elapsed = time.perf_counter() - started
        latencies = [value for result, _ in results for value in result]
        lasted = sum(1 for _, ok in results if ok)
        rate = len(latencies) / elapsed / max(1, args.active)
        print(
            f"active: {lasted} of {args.active} streams lasted, {rate:.1f} frames/s each, "
            f"{len(latencies)} frames relayed"
        )
        print(summary("relay_ms", latencies))
        p99 = (
            sorted(latencies)[min(len(latencies) - 1, int(len(latencies) * 0.99))]
            if latencies
            else float("nan")
        )
        beating.cancel()
        for socket in alive:
            with contextlib.suppress(ConnectionClosed):
                await socket.close()
    return (
        f"load idle_sessions={len(idle)} active_streams={lasted} rss_per_session_kb={per_session:.1f} "
        f"relay_p99_ms={p99:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--idle", type=int, default=1000)
    parser.add_argument("--active", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--frame-kib", type=int, default=50)
    parser.add_argument("--fps", type=float, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "server-data"
        add_expert(data, EXPERT, PASSWORD, "Load Test", "Bench GmbH")
        with ServerProcess(data) as server:
            print(asyncio.run(scenario(server, args)))


if __name__ == "__main__":
    main()
