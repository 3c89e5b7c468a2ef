"""Streaming against TigerVNC and x11vnc on the same screen: latency, bytes, frame rate, CPU.

Starts its own X server (Xvfb 1920x1080x24, so no DISPLAY is needed) with a static desktop (a
coloured root and a terminal showing a listing) and runs three phases, each in alternating rounds
of x0vncserver, x11vnc and Fernhilfe (the order rotates every round; every round starts its peer
fresh, see bench/stream_peers.py):

- text: a terminal scrolling ~100 lines a second, the pixel-clock probe (bench/stream_probe.py)
  and clicks on the probe at random moments;
- motion: a full-screen photo-like picture sliding sideways 60 times a second, and the probe;
- idle: only the static desktop.

Run: `.venv/bin/python -m bench.stream` (`--round-s`, `--rounds` to shorten). Per phase it prints
each peer's medians over the rounds (bench/stream_observer.py defines the figures; CPU is the
process on the customer's machine: the VNC server, or the Fernhilfe client, with Fernhilfe's relay
server shown apart), then the ratios, last line exactly:

    stream ratio_vs_x0vncserver content_age=… click_to_photon=… bytes=… updates=… cpu=…
    motion_fps=… motion_mbit=… idle_cpu=…

(one line). Ratios are Fernhilfe over x0vncserver in the text phase; motion_fps and motion_mbit
are Fernhilfe's own in the motion phase, idle_cpu its client's CPU percent when idle.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from bench.stream_observer import Observer, RoundResult
from bench.stream_peers import EXPERT, FernhilfePeer, Peer, VncPeer, cpu_seconds
from bench.stream_probe import HEIGHT, WIDTH
from tests.support.server_process import ServerProcess, add_expert

SCREEN = (1920, 1080)
PROBE = (1000, 960)
PEERS = ("x0vncserver", "x11vnc", "fernhilfe")
PHASES = ("text", "motion", "idle")
SETTLE_S = 1.5
ROUND_OVERHEAD_S = 90.0
"""A round that takes this much longer than its measured seconds is stuck: it is run once more."""
_LISTING = "ls -l /usr/bin | head -70; exec sleep 1d"
_SCROLLER = """
import itertools, time
words = "Fernhilfe streams the screen as tiles; the customer stays in control of every tier.".split()
start = time.monotonic()
for i in itertools.count():
    print(f"{i:08d} " + " ".join(words[(i + k) % len(words)] for k in range(14)), flush=True)
    time.sleep(max(0.0, start + (i + 1) / 100 - time.monotonic()))
"""
SCROLLER_COMMAND = ["xterm", "-geometry", "160x64+10+10", "-e", sys.executable, "-c", _SCROLLER]
"""The text scene's terminal, scrolling 100 lines a second."""


def _free_display() -> str:
    number = 90
    while Path(f"/tmp/.X{number}-lock").exists() or Path(f"/tmp/.X11-unix/X{number}").exists():
        number += 1
    return f":{number}"


@contextlib.contextmanager
def processes(*commands: list[str]) -> Iterator[list[subprocess.Popen[bytes]]]:
    started = [subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for c in commands]
    try:
        yield started
    finally:
        for process in started:
            process.terminate()
        for process in started:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)


@contextlib.contextmanager
def _x_server() -> Iterator[str]:
    display = _free_display()
    width, height = SCREEN
    xvfb = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    os.environ["DISPLAY"] = display
    try:
        deadline = time.monotonic() + 15
        while subprocess.run(["xdpyinfo"], check=False, capture_output=True).returncode != 0:
            if time.monotonic() > deadline or xvfb.poll() is not None:
                raise RuntimeError(f"Xvfb {display} did not start")
            time.sleep(0.1)
        subprocess.run(["xsetroot", "-solid", "#2d5b8c"], check=True)
        listing = [
            "xterm",
            "-geometry",
            "90x60+1300+60",
            "-e",
            "sh",
            "-c",
            "ls -l /usr/bin | head -70; exec sleep 1d",
        ]
        with processes(listing):
            yield display
    finally:
        xvfb.terminate()
        xvfb.wait(10)


def _phase_scene(phase: str) -> list[list[str]]:
    probe = [sys.executable, "-m", "bench.stream_probe", str(PROBE[0]), str(PROBE[1])]
    if phase == "text":
        return [SCROLLER_COMMAND, probe]
    if phase == "motion":
        return [[*probe, "--motion"]]
    return []


async def _round(peer: Peer, observer: Observer, seconds: float, phase: str) -> RoundResult:
    readable = phase != "idle"
    async with peer:
        deadline = time.monotonic() + 30
        while readable and observer.clicks_seen < 0:
            peer.check()
            if time.monotonic() > deadline:
                raise TimeoutError(f"{peer.name} never showed the probe")
            await asyncio.sleep(0.05)
        click_x, click_y = PROBE[0] + WIDTH // 2, PROBE[1] + HEIGHT // 2
        clicking = asyncio.create_task(observer.clicker(lambda: peer.click(click_x, click_y)))
        await asyncio.sleep(SETTLE_S)
        processes = peer.processes
        before = {name: cpu_seconds(pid) for name, pid in processes.items()}
        observer.start()
        started = time.monotonic()
        await asyncio.sleep(seconds)
        observer.measuring = False
        peer.check()
        result = observer.result
        result.seconds = time.monotonic() - started
        result.cpu_s = {name: cpu_seconds(pid) - before[name] for name, pid in processes.items()}
        clicking.cancel()
        # Not `await clicking`, which would swallow our own cancellation; and a click stuck in a
        # blocked send must not hold up the next round.
        await asyncio.wait({clicking}, timeout=5)
        return result


def _percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _figures(rounds: list[RoundResult], cpu_process: str) -> dict[str, float]:
    """Per-round figures, median over the rounds."""
    return {
        "updates": _median([r.updates_per_s for r in rounds]),
        "bytes": _median([r.mbyte_per_s for r in rounds]),
        "age_p50": _median([_percentile(r.ages_ms, 0.5) for r in rounds]),
        "age_p90": _median([_percentile(r.ages_ms, 0.9) for r in rounds]),
        "photon_p50": _median([_percentile(r.photons_ms, 0.5) for r in rounds]),
        "photon_p90": _median([_percentile(r.photons_ms, 0.9) for r in rounds]),
        "cpu": _median([r.cpu_percent(cpu_process) for r in rounds]),
        "relay_cpu": _median([r.cpu_percent("fernhilfe server") for r in rounds]),
        "lost": sum(r.clicks_lost for r in rounds),
    }


def _peer(name: str, server: ServerProcess, display: str, observer: Observer) -> Peer:
    return FernhilfePeer(server, observer) if name == "fernhilfe" else VncPeer(name, display, observer)


def _one_line(result: RoundResult, peer: str) -> str:
    age, photon = _percentile(result.ages_ms, 0.5), _percentile(result.photons_ms, 0.5)
    return (
        f"{result.updates_per_s:.1f} updates/s {result.mbyte_per_s:.3f} MB/s age p50 {age:.0f} ms "
        f"photon p50 {photon:.0f} ms cpu {result.cpu_percent(_cpu_process(peer)):.1f} %"
    )


def _cpu_process(peer: str) -> str:
    return "fernhilfe client" if peer == "fernhilfe" else peer


async def _run(round_s: float, rounds: int, phases: list[str]) -> None:
    results: dict[str, dict[str, list[RoundResult]]] = {p: {peer: [] for peer in PEERS} for p in phases}
    with tempfile.TemporaryDirectory() as scratch, _x_server() as display:
        data = Path(scratch) / "server"
        add_expert(data, *EXPERT, "Bench Expert", "Bench GmbH")
        with ServerProcess(data) as server:
            for phase in phases:
                for number in range(rounds):
                    order = PEERS[number % 3 :] + PEERS[: number % 3]
                    for name in order:
                        observer = Observer(*PROBE)
                        peer = _peer(name, server, display, observer)
                        with processes(*_phase_scene(phase)):
                            # Every peer starts with the pointer in a corner: x0vncserver stops
                            # updating what lies under a pointer that was moved before it started.
                            os.environ["DISPLAY"] = display
                            corner = ["xdotool", "mousemove", "0", str(SCREEN[1] - 1)]
                            subprocess.run(corner, check=True, env={**os.environ, "DISPLAY": display})
                            await asyncio.sleep(0.5)
                            limit = round_s + ROUND_OVERHEAD_S
                            try:
                                result = await asyncio.wait_for(_round(peer, observer, round_s, phase), limit)
                            except (TimeoutError, RuntimeError, OSError) as exc:
                                print(f"{phase} round {number + 1} {name} failed ({exc!r}); once more")
                                observer = Observer(*PROBE)
                                peer = _peer(name, server, display, observer)
                                result = await asyncio.wait_for(_round(peer, observer, round_s, phase), limit)
                        results[phase][name].append(result)
                        print(f"{phase} round {number + 1} {name}: {_one_line(result, name)}", flush=True)
    _report(results)


def _report(results: dict[str, dict[str, list[RoundResult]]]) -> None:
    figures = {
        phase: {peer: _figures(rounds, _cpu_process(peer)) for peer, rounds in by_peer.items()}
        for phase, by_peer in results.items()
    }
    for phase, by_peer in figures.items():
        print(f"\n{phase}: median of {len(results[phase]['fernhilfe'])} rounds")
        print("peer          updates/s  MB/s    age p50/p90 ms  click->photon p50/p90 ms  cpu %  (relay %)")
        for peer, f in by_peer.items():
            relay = f" ({f['relay_cpu']:.1f})" if peer == "fernhilfe" else ""
            print(
                f"{peer:13} {f['updates']:9.1f}  {f['bytes']:6.3f}  "
                f"{f['age_p50']:5.0f} / {f['age_p90']:5.0f}   "
                f"{f['photon_p50']:8.0f} / {f['photon_p90']:5.0f} (lost {f['lost']:.0f})   "
                f"{f['cpu']:5.1f}{relay}"
            )
    nan = float("nan")
    text = figures.get("text", {})
    ours, theirs = text.get("fernhilfe", {}), text.get("x0vncserver", {})

    def ratio(key: str) -> float:
        return ours.get(key, nan) / theirs[key] if theirs.get(key) else nan

    motion = figures.get("motion", {}).get("fernhilfe", {})
    idle = figures.get("idle", {}).get("fernhilfe", {})
    print(
        f"stream ratio_vs_x0vncserver content_age={ratio('age_p50'):.2f} "
        f"click_to_photon={ratio('photon_p50'):.2f} bytes={ratio('bytes'):.2f} "
        f"updates={ratio('updates'):.2f} "
        f"cpu={ratio('cpu'):.2f} motion_fps={motion.get('updates', nan):.1f} "
        f"motion_mbit={motion.get('bytes', nan) * 8:.2f} idle_cpu={idle.get('cpu', nan):.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--round-s", type=float, default=20.0, help="measured seconds per round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per peer and phase")
    parser.add_argument(
        "--phases", default=",".join(PHASES), help="comma-separated subset of text,motion,idle"
    )
    args = parser.parse_args()
    asyncio.run(_run(args.round_s, args.rounds, args.phases.split(",")))


if __name__ == "__main__":
    main()
