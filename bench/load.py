"""How much one server process holds: idle sessions, then active streams with relay latency.

    .venv/bin/python -m bench.load [--idle 1000] [--active 10,25,50,100] [--seconds 20]
                                   [--frame-kib 50] [--fps 10]

One real server process (TLS, uvicorn, broker, SQLite, recording, saved sessions) on this
machine; the peers run in this process and follow docs/protocol.md: each customer joins with its
number, grants viewing and sends `screen_info`, and every peer sends a `heartbeat` every 3 s.
Then, while the idle sessions stay, one step per `--active` count: that many new sessions each
get a console that acknowledges every frame, and their customers send frames of `--frame-kib`
KiB at `--fps` for `--seconds`, within the flow-control window; the step's sessions end before
the next step. A frame is one keyframe tile holding a real JPEG (noise, so it does not compress
below the size), the same bytes every time, so the peers spend their CPU on the protocol and
not on making frames. Relay latency is from the customer's send to the console's receive (one
clock, one process). Memory is the server's resident set size (/proc) before and after the idle
sessions joined; CPU is the share of one core the server process (and its event-loop thread alone)
and this process used during a step (/proc and `time.process_time`), which tells which side the
knee is on. One line per step,
then: `load idle_sessions=… active_streams=… rss_per_session_kb=… relay_p99_ms=…` for the last
(largest) step.
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
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import numpy as np
import simplejpeg
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


def jpeg_tile(size: int) -> Tile:
    """A noise picture whose JPEG is about `size` bytes (the recorder decodes it like any frame)."""
    rng = np.random.default_rng(20261202)
    width = 64
    while True:
        height = width * 9 // 16
        pixels = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
        data = simplejpeg.encode_jpeg(pixels, quality=75, colorspace="RGB")
        if len(data) >= size or width >= 1920:
            return Tile(0, 0, width, height, Encoding.JPEG, data)
        width += 16


def frame_of(seq: int, tile: Tile) -> bytes:
    return encode_frame(Frame(seq, int(time.time() * 1000), 0, 0, 0, 1920, 1080, FLAG_KEYFRAME, (tile,)))


@dataclass
class Step:
    """What one step of streams measured."""

    latencies: list[float] = field(default_factory=list)
    lasted: int = 0


@dataclass
class Rig:
    """What every step needs: the server, how to reach it, the expert's token, the live sockets."""

    server: ServerProcess
    context: ssl.SSLContext
    http: httpx.AsyncClient
    token: str
    alive: list[ClientConnection]
    tile: Tile
    args: argparse.Namespace


async def stream(customer: ClientConnection, console: ClientConnection, rig: Rig, step: Step) -> None:
    """Send frames for `seconds`, two at most unacknowledged; relay latencies in ms go to `step`,
    and it counts the stream as lasted unless the server closed it (e.g. because it fell behind)."""
    sent_at: dict[int, float] = {}
    window = asyncio.Semaphore(2)

    async def console_side() -> None:
        while True:
            data = await console.recv()
            if isinstance(data, bytes):
                seq = struct.unpack(">I", data[4:8])[0]
                step.latencies.append((time.perf_counter() - sent_at.pop(seq)) * 1000)
                await console.send(encode_message(FrameAck(seq=seq)))

    async def customer_acks() -> None:
        while True:
            message = await customer.recv()
            if isinstance(message, str) and isinstance(decode_message(message), FrameAck):
                window.release()

    tasks = [asyncio.create_task(console_side()), asyncio.create_task(customer_acks())]
    deadline = time.perf_counter() + rig.args.seconds
    seq = 0
    lasted = True
    try:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            await window.acquire()
            seq += 1
            data = frame_of(seq, rig.tile)
            sent_at[seq] = time.perf_counter()
            await customer.send(data)
            await asyncio.sleep(max(0.0, 1 / rig.args.fps - (time.perf_counter() - started)))
    except ConnectionClosed:
        lasted = False
    step.lasted += lasted
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


def cpu_seconds(stat: Path) -> float:
    """User + system CPU time so far of the process or thread whose /proc `stat` this is."""
    fields = stat.read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_cpu(pid: int) -> tuple[float, float]:
    """CPU seconds of the whole server process and of its main thread (the event loop: TLS,
    WebSocket, broker); the rest is its worker threads (the recorder, SQLite)."""
    return cpu_seconds(Path(f"/proc/{pid}/stat")), cpu_seconds(Path(f"/proc/{pid}/task/{pid}/stat"))


async def heartbeats(sockets: list[ClientConnection]) -> None:
    """What every peer does while it lives: a `heartbeat` every few seconds (idle ones too), each
    at its own moment in the interval as independent clients do. All at once, 1,100 beats every
    3 s held both event loops for about 100 ms, and the frames relayed meanwhile waited."""
    beat = encode_message(Heartbeat())
    while True:
        peers = list(sockets)
        for socket in peers:
            with contextlib.suppress(ConnectionClosed):
                await socket.send(beat)
            await asyncio.sleep(HEARTBEAT_INTERVAL_S / max(1, len(peers)))
        if not peers:
            await asyncio.sleep(HEARTBEAT_INTERVAL_S)


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

        rig = Rig(server, context, http, token, alive, jpeg_tile(args.frame_kib * 1024), args)
        step = Step()
        for active in args.active:
            step = await streams(rig, active)
            print(f"  {summary('relay_ms', step.latencies) if step.latencies else 'relay_ms none'}")
        beating.cancel()
        for socket in alive:
            with contextlib.suppress(ConnectionClosed):
                await socket.close()
    ordered = sorted(step.latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] if ordered else float("nan")
    return (
        f"load idle_sessions={len(idle)} active_streams={step.lasted} rss_per_session_kb={per_session:.1f} "
        f"relay_p99_ms={p99:.1f}"
    )


async def streams(rig: Rig, active: int) -> Step:
    """One step: `active` new sessions stream for `--seconds`, then end."""
    server, tile = rig.server, rig.tile
    assert server.process is not None
    pairs = []
    for _ in range(active):
        session = await new_session(rig.http, rig.token)
        customer = await join(server, rig.context, session["number"])
        console = await open_ws(server, "/ws/expert", rig.context)
        auth = Auth(protocol=PROTOCOL_VERSION, token=rig.token, session_id=session["id"])
        await console.send(encode_message(auth))
        rig.alive += [customer, console]
        pairs.append((customer, console))
    step = Step()
    (whole, loop), own_cpu, started = server_cpu(server.process.pid), time.process_time(), time.perf_counter()
    await asyncio.gather(*(stream(c, e, rig, step) for c, e in pairs))
    elapsed = time.perf_counter() - started
    whole_after, loop_after = server_cpu(server.process.pid)
    server_share, loop_share = (whole_after - whole) / elapsed, (loop_after - loop) / elapsed
    own_share = (time.process_time() - own_cpu) / elapsed
    rate = len(step.latencies) / elapsed / max(1, active)
    print(
        f"step active={active} lasted={step.lasted} frames_per_s_each={rate:.1f} "
        f"mbit_per_s={len(step.latencies) * len(tile.data) * 8 / elapsed / 1e6:.0f} "
        f"server_cpu={server_share:.2f} server_loop_cpu={loop_share:.2f} peers_cpu={own_share:.2f}"
    )
    for customer, console in pairs:
        for socket in (customer, console):
            rig.alive.remove(socket)
            with contextlib.suppress(ConnectionClosed):
                await socket.close()
    return step


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--idle", type=int, default=1000)
    parser.add_argument(
        "--active", type=lambda text: [int(n) for n in text.split(",")], default=[10, 25, 50, 100]
    )
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
