"""The helper's side of one admitted connection: read verbs, run commands, refuse everything else.

Runs on the thread that accepted the connection; command output is written from the runner's
threads, so every write holds `_lock`. Returns when the client disconnects, sends something it
may not, or the helper is told to stop; a running command is killed before it returns.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol

from client.admin_helper import wire
from client.admin_helper.runner import CommandRun

log = logging.getLogger(__name__)


class Connection(Protocol):
    """A byte stream to the client: a Unix socket file on Linux and macOS, a pipe on Windows."""

    def readline(self, limit: int) -> bytes: ...

    def write(self, data: bytes) -> None: ...


InjectVerb = Callable[[dict[str, Any]], str | None]
"""Applies one `inject` verb; returns why it was refused, or None."""


class HelperService:
    def __init__(self, connection: Connection, inject: InjectVerb | None = None) -> None:
        self._connection = connection
        self._inject = inject
        self._lock = threading.Lock()
        self._run: CommandRun | None = None
        self._running_id: int | None = None

    def send(self, body: dict[str, Any]) -> None:
        with self._lock:
            try:
                self._connection.write(wire.encode(body))
            except OSError as exc:
                log.info("cannot write to the client: %s", exc)

    def serve(self) -> None:
        """Answer verbs until the client goes away or breaks the rules."""
        try:
            while True:
                try:
                    line = self._connection.readline(wire.MAX_LINE_BYTES + 1)
                except OSError as exc:
                    log.info("the client's connection broke: %s", exc)
                    return
                if not line:
                    return
                if not self._handle(line):
                    return
        finally:
            self.stop()

    def stop(self) -> None:
        with self._lock:
            run, self._run = self._run, None
            self._running_id = None
        if run is not None:
            run.kill()

    def _handle(self, line: bytes) -> bool:
        try:
            body = wire.decode(line)
        except wire.WireError as exc:
            return self._refuse(str(exc))
        verb = body.get("verb")
        if verb == "run":
            return self._start(body)
        if verb == "inject" and self._inject is not None:
            problem = self._inject(body)
            return True if problem is None else self._refuse(problem)
        return self._refuse(f"verb {verb!r} is not offered")

    def _refuse(self, reason: str, command_id: int | None = None) -> bool:
        log.warning("refused: %s", reason)
        body: dict[str, Any] = {"event": "refused", "reason": reason}
        if command_id is not None:
            body["id"] = command_id
            self.send(body)
            return True
        self.send(body)
        return False

    def _start(self, body: dict[str, Any]) -> bool:
        try:
            command_id, command = wire.command_of(body)
        except wire.WireError as exc:
            return self._refuse(str(exc))
        problem = None
        # Started under the lock, so `stop` cannot slip in between the start and the
        # bookkeeping; the command's first output waits for the lock meanwhile.
        with self._lock:
            if self._running_id is not None:
                problem = "busy"
            else:
                log.info("running command %s: %r", command_id, command)
                try:
                    self._run = CommandRun(
                        command,
                        on_output=lambda stream, data: self.send(
                            {"event": "output", "id": command_id, "stream": stream, "data": data}
                        ),
                        on_exit=lambda status: self._exited(command_id, status),
                    )
                    self._running_id = command_id
                except OSError as exc:
                    problem = f"cannot start: {exc}"
        return True if problem is None else self._refuse(problem, command_id)

    def _exited(self, command_id: int, status: int) -> None:
        """Free the slot before saying so: the client may send the next command at once."""
        with self._lock:
            if self._running_id == command_id:
                self._run, self._running_id = None, None
        self.send({"event": "exit", "id": command_id, "status": status})
