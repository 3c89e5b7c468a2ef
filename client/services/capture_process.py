"""Capture process: the pixel side of a screen share in a worker process of its own.

Grabbing, diffing and encoding a 1920x1080 frame holds the interpreter for milliseconds at a time;
in the client's own process that delays the expert's input and the customer's yield behind
pixels. `CaptureProcess` runs a `CaptureSession` in a spawned child instead (spawn, not fork: the
parent has Qt and sockets that a forked child must not inherit) and forwards the three calls over
a pipe; the parent's event loop then shares nothing heavy. The child is started by `open()`,
which the share calls only once tier 1 is granted, and killed by `abort()` when the grant ends:
nothing is captured before or after. A child that dies turns the call in flight (or the next one)
into a `CaptureError`, which ends sharing with the usual "share failed" notice.

A frozen build reaches `_serve` through `multiprocessing.freeze_support()` in client/__main__.py.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from client.platform.capture.base import CaptureError, MonitorGeometry, MonitorsChanged, ScreenCapture
from client.platform.capture.change_watch import ChangeWatch
from client.services.capture_session import CaptureSession

_log = logging.getLogger(__name__)

_CONTEXT = multiprocessing.get_context("spawn")
EXIT_WAIT_S = 2.0
"""How long `close()` waits for a killed child to be reaped."""


@dataclass(frozen=True)
class CaptureSpec:
    """How the child builds its `CaptureSession`; everything here must pickle (module-level
    functions, `functools.partial` of them, plain data)."""

    capture_factory: Callable[[], ScreenCapture]
    change_watch_factory: Callable[[ScreenCapture], ChangeWatch]
    clock: Callable[[], int]
    watch_wait_s: float
    safety_grab_waits: int


def _serve(connection: Connection, spec: CaptureSpec) -> None:
    """The child: answer the parent's calls until it closes the pipe (or kills us)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s capture %(name)s: %(message)s")
    session = CaptureSession(
        spec.capture_factory,
        spec.change_watch_factory,
        spec.clock,
        watch_wait_s=spec.watch_wait_s,
        safety_grab_waits=spec.safety_grab_waits,
    )
    try:
        while True:
            try:
                request = connection.recv()
            except EOFError:
                return
            try:
                reply: tuple[str, Any] = ("ok", _answer(session, request))
            except MonitorsChanged as changed:
                reply = ("monitors", changed.geometries)
            except Exception as exc:
                if not isinstance(exc, CaptureError):
                    _log.exception("capturing failed")
                reply = ("error", str(exc) or type(exc).__name__)
            connection.send(reply)
    finally:
        session.close()
        connection.close()


def _answer(session: CaptureSession, request: tuple[Any, ...]) -> object:
    match request:
        case ("open",):
            return session.open()
        case ("frame", MonitorGeometry() as monitor, bool(keyframe), int(seq), int(quality)):
            return session.frame(monitor, keyframe, seq, quality)
    raise ValueError(f"unknown request {request[0]!r}")


class CaptureProcess:
    """The `FrameSource` that grabs in a worker process. `open`, `frame` and `close` run on one
    thread (the share's worker thread); `abort` on any other."""

    def __init__(self, spec: CaptureSpec) -> None:
        self._spec = spec
        self._lock = threading.Lock()
        self._aborted = False
        self._process: BaseProcess | None = None
        self._connection: Connection | None = None

    def open(self) -> list[MonitorGeometry]:
        parent, child = _CONTEXT.Pipe()
        process = _CONTEXT.Process(
            target=_serve, args=(child, self._spec), name="fernhilfe-capture", daemon=True
        )
        with self._lock:
            if self._aborted:
                raise CaptureError("sharing was stopped before the capture opened")
            self._process, self._connection = process, parent
            process.start()
        child.close()
        monitors = self._call(("open",))
        if not isinstance(monitors, list):
            raise CaptureError("the capture process answered nonsense")
        return monitors

    def frame(self, monitor: MonitorGeometry, keyframe: bool, seq: int, jpeg_quality: int) -> bytes | None:
        data = self._call(("frame", monitor, keyframe, seq, jpeg_quality))
        if data is not None and not isinstance(data, bytes):
            raise CaptureError("the capture process answered nonsense")
        return data

    def abort(self) -> None:
        """Kill the worker now; a call in flight fails at once. Safe before `open` and repeated."""
        with self._lock:
            self._aborted = True
            if self._process is not None and self._process.exitcode is None:
                self._process.kill()

    def close(self) -> None:
        self.abort()
        process, self._process = self._process, None
        connection, self._connection = self._connection, None
        if process is not None:
            process.join(EXIT_WAIT_S)
        if connection is not None:
            connection.close()

    def _call(self, request: tuple[Any, ...]) -> object:
        connection, process = self._connection, self._process
        if connection is None or process is None:
            raise CaptureError("the capture is not open")
        try:
            connection.send(request)
            tag, value = connection.recv()
        except (EOFError, OSError):
            process.join(EXIT_WAIT_S)
            raise CaptureError(
                f"the screen capture stopped unexpectedly (exit code {process.exitcode})"
            ) from None
        if tag == "error":
            raise CaptureError(str(value))
        if tag == "monitors":
            raise MonitorsChanged(value)
        return value
