"""The three peers bench/stream.py compares, each started fresh for a round and watched by a viewer.

A peer is an async context manager: entering starts the sharing side and connects a viewer that
decodes every update into a picture and hands it to the `Observer`; `click(x, y)` clicks through
that viewer; `processes` names the processes whose CPU time counts. Leaving stops all of it.

- x0vncserver (TigerVNC's scraping server) and x11vnc: the VNC server on the bench's X server,
  watched by `RfbViewer` (ZRLE).
- Fernhilfe: the real support server (one process for the whole run), the real customer client
  in its own process (`bench.stream_customer`: number typed, "Allow" clicked for viewing and
  control), and an expert that decodes the frames as the console does and acknowledges each one
  after decoding it.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType
from typing import Protocol

import numpy as np

from bench.rfb_viewer import RfbViewer
from bench.stream_observer import Observer
from protocol.messages import PointerButton, PointerMove
from server.recording.screen import BadTile, Canvas
from tests.support.scripted_expert import Received, ScriptedExpert
from tests.support.server_process import ServerProcess, open_session_async, ssl_context

EXPERT = ("bench", "benchmark password")
START_TIMEOUT_S = 30.0


class Peer(Protocol):
    name: str

    @property
    def processes(self) -> dict[str, int]: ...

    async def click(self, x: int, y: int) -> None: ...

    def check(self) -> None:
        """Raise why the viewer stopped, if it has."""

    async def __aenter__(self) -> Peer: ...

    async def __aexit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None: ...


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a live process and its live descendants (from /proc), in seconds.

    Descendants count: Fernhilfe's client captures and encodes in a worker process of its own.
    """
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = float(os.sysconf("SC_CLK_TCK"))  # type: ignore[attr-defined,unused-ignore]  # Linux only
    own = (int(fields[11]) + int(fields[12])) / ticks
    total = own
    for child in _children(pid):
        with contextlib.suppress(FileNotFoundError, ProcessLookupError):  # it ended meanwhile
            total += cpu_seconds(child)
    return total


def _children(pid: int) -> list[int]:
    """The live child processes of `pid`, whichever of its threads started them."""
    children: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children += [int(child) for child in (task / "children").read_text().split()]
        except FileNotFoundError:  # the thread ended meanwhile
            continue
    return children


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def _wait_for_port(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args!r} exited with {process.returncode}")
        with contextlib.suppress(OSError):
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        await asyncio.sleep(0.05)
    raise TimeoutError(f"nothing listens on port {port}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


class VncPeer:
    """One VNC server on `display`, with the bench's RFB viewer attached."""

    def __init__(self, name: str, display: str, observer: Observer) -> None:
        self.name = name
        self._display = display
        self._observer = observer
        self._process: subprocess.Popen[bytes] | None = None
        self._viewer: RfbViewer | None = None
        self._reading: asyncio.Task[None] | None = None

    @property
    def processes(self) -> dict[str, int]:
        assert self._process is not None
        return {self.name: self._process.pid}

    async def click(self, x: int, y: int) -> None:
        assert self._viewer is not None
        await self._viewer.click(x, y)

    def check(self) -> None:
        if self._reading is not None and self._reading.done():
            self._reading.result()
            raise RuntimeError(f"the viewer of {self.name} stopped")

    def _command(self, port: int) -> list[str]:
        if self.name == "x0vncserver":
            # The binary itself: /usr/bin/x0vncserver is a Perl wrapper whose CPU time is not the server's.
            return ["X0tigervnc", "-display", self._display, "-rfbport", str(port), "-SecurityTypes", "None",
                    "-localhost"]  # fmt: skip
        return ["x11vnc", "-display", self._display, "-rfbport", str(port), "-nopw", "-forever", "-shared",
                "-localhost", "-quiet"]  # fmt: skip

    async def __aenter__(self) -> VncPeer:
        port = _free_port()
        self._process = subprocess.Popen(
            self._command(port), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        await _wait_for_port(port, self._process)
        viewer = RfbViewer("127.0.0.1", port)
        await viewer.connect()
        self._viewer = viewer
        observer = self._observer
        self._reading = asyncio.create_task(
            viewer.run(lambda at, size: observer.update(at, size, viewer.framebuffer))
        )
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if self._reading is not None:
            self._reading.cancel()
            await asyncio.wait({self._reading})  # not `await`: that could swallow our own cancellation
        if self._viewer is not None:
            await self._viewer.close()
        if self._process is not None:
            _stop(self._process)


class FernhilfePeer:
    """A fresh session on the shared `server`: the real client shares, the expert decodes."""

    name = "fernhilfe"

    def __init__(self, server: ServerProcess, observer: Observer) -> None:
        self._server = server
        self._observer = observer
        self._customer: subprocess.Popen[bytes] | None = None
        self._expert: ScriptedExpert | None = None
        self._canvas: Canvas | None = None
        self._monitor = 0
        self._failure: str | None = None

    @property
    def processes(self) -> dict[str, int]:
        assert self._customer is not None and self._server.process is not None
        return {"fernhilfe client": self._customer.pid, "fernhilfe server": self._server.process.pid}

    async def click(self, x: int, y: int) -> None:
        assert self._expert is not None
        monitor = self._monitor
        await self._expert.send_input(PointerMove(monitor=monitor, x=x, y=y))
        for down in (True, False):
            await self._expert.send_input(PointerButton(monitor=monitor, x=x, y=y, button="left", down=down))

    def check(self) -> None:
        if self._failure is not None:
            raise RuntimeError(f"a frame did not decode: {self._failure}")
        if self._expert is not None and self._expert.closed:
            raise RuntimeError(f"the expert's connection closed ({self._expert.close_code})")

    def _on_frame(self, received: Received) -> None:
        frame = received.frame
        assert frame is not None
        canvas = self._canvas
        if canvas is None or not canvas.fits(frame):
            if not frame.keyframe:
                return
            canvas = self._canvas = Canvas(frame.monitor, frame.monitor_width, frame.monitor_height)
        self._monitor = frame.monitor
        try:
            if not canvas.paint(frame):
                return
        except BadTile as exc:
            self._failure = f"frame {frame.seq}: {exc}"
            return
        picture = canvas.pixels if canvas.complete else np.zeros((0, 0, 3), np.uint8)
        self._observer.update(time.monotonic(), len(received.data), picture)

    async def __aenter__(self) -> FernhilfePeer:
        ticket = await open_session_async(self._server, *EXPERT)
        expert = ScriptedExpert(
            self._server.ws_url, ssl_context(self._server.ca_path), ticket.token, ticket.session_id,
            on_frame=self._on_frame,
        )  # fmt: skip
        await expert.connect()
        self._expert = expert
        command = [sys.executable, "-m", "bench.stream_customer", self._server.ws_url]
        command += [str(self._server.ca_path), ticket.number]
        self._customer = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        await expert.wait_for_tier(1, "granted", START_TIMEOUT_S)
        await expert.request_tier(2)
        await expert.wait_for_control("expert", START_TIMEOUT_S)
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if self._expert is not None:
            with contextlib.suppress(Exception):
                await self._expert.end()
        if self._customer is not None:
            try:
                await asyncio.to_thread(self._customer.wait, 15)
            except subprocess.TimeoutExpired:
                _stop(self._customer)
