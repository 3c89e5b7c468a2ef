"""The client's end of the elevated helper: start it through the elevator, prove who we are,
pass commands on and report what comes back as core events.

Runs on the client's event loop. `start` reports `AdminHelperReady` or `AdminHelperFailed`;
afterwards output, exits and the helper's end arrive as events through `report`. After `stop`
nothing more is reported, and the helper, having lost its connection, kills any command and
exits.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from client.admin_helper import wire
from client.admin_helper.pipe_policy import pipe_name
from client.core import events as ev
from client.platform.elevate import ElevationError, Elevator, HelperRequest, Launch

log = logging.getLogger(__name__)

POLL_S = 0.05
READY_TIMEOUT_S = 10.0
"""From a connection to the helper's answer to our token."""


async def _connect(folder: Path) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """The helper's Unix socket in `folder`, or on Windows its named pipe (client/admin_helper/pipe.py)."""
    if sys.platform == "win32":
        loop = asyncio.get_running_loop()
        if not isinstance(loop, asyncio.ProactorEventLoop):
            raise ElevationError("the event loop cannot open named pipes")
        reader = asyncio.StreamReader(limit=wire.MAX_LINE_BYTES + 1, loop=loop)
        protocol = asyncio.StreamReaderProtocol(reader, loop=loop)
        transport, _ = await loop.create_pipe_connection(lambda: protocol, pipe_name(str(folder)))
        return reader, asyncio.StreamWriter(transport, protocol, reader, loop)
    else:
        path = str(folder / wire.SOCKET_NAME)
        return await asyncio.open_unix_connection(path, limit=wire.MAX_LINE_BYTES + 1)


def _request(folder: Path, token: str) -> HelperRequest:
    """Whom the helper admits: this process of this user (on Windows by SID, else uid and gid)."""
    if sys.platform == "win32":
        from client.admin_helper.win_security import user_sid

        return HelperRequest(folder, 0, 0, os.getpid(), token, user_sid=user_sid(os.getpid()))
    else:
        return HelperRequest(folder, os.getuid(), os.getgid(), os.getpid(), token)


class AdminHelperLink:
    def __init__(
        self,
        elevator: Elevator,
        program: list[str],
        report: Callable[[ev.Event], None],
        runtime_dir: Path | None = None,
    ) -> None:
        self._elevator = elevator
        self._program = program
        self._report = report
        self._runtime_dir = runtime_dir
        self._folder: Path | None = None
        self._launch: Launch | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._reader_task: asyncio.Task[None] | None = None
        self._stopped = False

    @property
    def folder(self) -> Path | None:
        """The private folder the helper listens in (for tests and logs)."""
        return self._folder

    async def start(self) -> None:
        try:
            reader = await self._start()
        except ElevationError as exc:
            stopped = self._stopped
            await self._release()
            if not stopped:
                log.warning("administrator rights are not available: %s", exc)
                self._report(ev.AdminHelperFailed(dismissed=exc.dismissed, detail=str(exc)))
            return
        if self._stopped:
            await self._release()
            return
        self._reader_task = asyncio.ensure_future(self._read(reader))
        self._report(ev.AdminHelperReady())

    async def _start(self) -> asyncio.StreamReader:
        folder = Path(tempfile.mkdtemp(prefix="fernhilfe-admin-", dir=self._runtime_dir))
        self._folder = folder
        request = _request(folder, secrets.token_hex(32))
        self._launch = await asyncio.to_thread(self._elevator.launch, self._program, request)
        reader, writer = await self._connect_when_listening(folder)
        self._writer = writer
        writer.write(wire.encode({"verb": "hello", "token": request.token}))
        await writer.drain()
        try:
            answer = wire.decode(await asyncio.wait_for(reader.readline(), READY_TIMEOUT_S))
        except (TimeoutError, wire.WireError, OSError) as exc:
            raise ElevationError(f"the administrator helper did not answer: {exc}") from None
        if answer.get("event") != "ready":
            raise ElevationError(f"the administrator helper refused this client: {answer.get('reason')}")
        return reader

    async def _connect_when_listening(
        self, folder: Path
    ) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        while True:
            if self._stopped:
                raise ElevationError("stopped before the helper was reached")
            assert self._launch is not None
            if self._launch.exit_code() is not None:
                raise self._launch.failure()
            with contextlib.suppress(FileNotFoundError, ConnectionRefusedError):
                return await _connect(folder)
            await asyncio.sleep(POLL_S)

    def run(self, command_id: int, command: str) -> None:
        if self._writer is None:
            self._report(ev.AdminCommandFailed(command_id, "the administrator helper is not connected"))
            return
        self._writer.write(wire.encode({"verb": "run", "id": command_id, "command": command}))

    @property
    def ready(self) -> bool:
        """The helper admitted this client and is still there, and the link was not stopped."""
        task = self._reader_task
        return task is not None and not task.done() and self._writer is not None and not self._stopped

    def send_input(self, body: dict[str, Any]) -> None:
        """One `inject` line (client/admin_helper/input_verb.py); dropped once the helper is gone."""
        if self.ready and self._writer is not None:
            self._writer.write(wire.encode(body))

    async def _read(self, reader: asyncio.StreamReader) -> None:
        detail = "the administrator helper closed the connection"
        try:
            while line := await reader.readline():
                body = wire.decode(line)
                if self._stopped:
                    return
                self._dispatch(body)
        except (wire.WireError, ValueError, OSError) as exc:
            detail = f"the administrator helper broke the connection: {exc}"
        if not self._stopped:
            log.warning("%s", detail)
            self._report(ev.AdminHelperLost(detail))

    def _dispatch(self, body: dict[str, Any]) -> None:
        match body:
            case {
                "event": "output",
                "id": int(command_id),
                "stream": "stdout" | "stderr" as stream,
                "data": str(data),
            }:
                self._report(ev.AdminOutputRead(command_id, stream, data))
            case {"event": "exit", "id": int(command_id), "status": int(status)}:
                self._report(ev.AdminCommandExited(command_id, status))
            case {"event": "refused", "id": int(command_id), "reason": reason}:
                self._report(ev.AdminCommandFailed(command_id, str(reason)))
            case _:
                raise ValueError(f"unexpected answer {body!r}")

    def halt(self) -> None:
        """At once, without waiting: report nothing more and close the connection, upon which the
        helper kills a running command and exits. Follow with `stop()` to release the rest."""
        self._stopped = True
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.close()

    async def stop(self) -> None:
        """Halt, then release the launcher and remove the private folder."""
        self.halt()
        await self._release()

    async def _release(self) -> None:
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.close()
            with contextlib.suppress(OSError, ConnectionError):
                await writer.wait_closed()
        launch, self._launch = self._launch, None
        if launch is not None:
            await asyncio.to_thread(launch.close)
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
