"""The helper's Windows transport: a named pipe only the client's user may open, and the
client process checked with `GetNamedPipeClientProcessId` (its user SID and logon session too)
before the shared door (door.py) asks for the one-time token.

One pipe instance, created first (`FILE_FLAG_FIRST_PIPE_INSTANCE`) and local only
(`PIPE_REJECT_REMOTE_CLIENTS`); a refused peer is disconnected and the instance waits again.
All I/O is overlapped: a synchronous pipe handle serialises its reads and writes, and command
output must be written while the door's thread waits for the next verb.
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
import time
from ctypes import wintypes

from client.admin_helper import win_security, wire
from client.admin_helper.door import Door
from client.admin_helper.gate import Gate, Peer
from client.admin_helper.pipe_policy import pipe_name, security_descriptor
from client.admin_helper.service import InjectVerb

assert sys.platform == "win32", "Unix uses a socket (listener.py)"

log = logging.getLogger(__name__)

_kernel32 = win_security.kernel32

ADMIT_TIMEOUT_S = 60.0
"""The client must connect and present its token within this time, or the helper exits."""
POLL_MS = 100
BUFFER_BYTES = 64 * 1024

_PIPE_ACCESS_DUPLEX = 0x00000003
_FILE_FLAG_OVERLAPPED = 0x40000000
_FILE_FLAG_FIRST_PIPE_INSTANCE = 0x00080000
_PIPE_TYPE_BYTE_READMODE_BYTE_WAIT = 0x00000000
_PIPE_REJECT_REMOTE_CLIENTS = 0x00000008
_INVALID_HANDLE = ctypes.c_void_p(-1).value
_ERROR_IO_PENDING = 997
_ERROR_PIPE_CONNECTED = 535
_ERROR_BROKEN_PIPE = 109
_ERROR_MORE_DATA = 234
_WAIT_TIMEOUT = 0x102
_INFINITE = 0xFFFFFFFF


class _Overlapped(ctypes.Structure):
    _fields_ = [
        ("Internal", ctypes.c_void_p),
        ("InternalHigh", ctypes.c_void_p),
        ("Offset", wintypes.DWORD),
        ("OffsetHigh", wintypes.DWORD),
        ("hEvent", wintypes.HANDLE),
    ]


class _Operation:
    """One overlapped call on `handle`, with its own event so calls on other threads do not mix."""

    def __init__(self, handle: int) -> None:
        self._handle = handle
        self.overlapped = _Overlapped()
        self.overlapped.hEvent = _kernel32.CreateEventW(None, True, False, None)
        if not self.overlapped.hEvent:
            raise ctypes.WinError(ctypes.get_last_error())

    def finish(self, started: object, timeout_ms: int = _INFINITE) -> int | None:
        """Bytes transferred; None when `timeout_ms` passed (the call is then cancelled)."""
        if not started:
            error = ctypes.get_last_error()
            if error == _ERROR_PIPE_CONNECTED:
                return 0
            if error != _ERROR_IO_PENDING:
                raise ctypes.WinError(error)
        if _kernel32.WaitForSingleObject(self.overlapped.hEvent, timeout_ms) == _WAIT_TIMEOUT:
            _kernel32.CancelIoEx(self._handle, ctypes.byref(self.overlapped))
            self._result(wait=True)
            return None
        return self._result(wait=False)

    def _result(self, wait: bool) -> int:
        done = wintypes.DWORD()
        if not _kernel32.GetOverlappedResult(
            self._handle, ctypes.byref(self.overlapped), ctypes.byref(done), wait
        ):
            error = ctypes.get_last_error()
            if error != _ERROR_MORE_DATA and not wait:
                raise ctypes.WinError(error)
        return int(done.value)

    def close(self) -> None:
        _kernel32.CloseHandle(self.overlapped.hEvent)


class _PipeConnection:
    """The door's `Connection` over the connected pipe instance: lines in, bytes out."""

    def __init__(self, handle: int) -> None:
        self._handle = handle
        self._lines = wire.LineReader(self._read)

    def readline(self, limit: int) -> bytes:
        return self._lines.readline(limit)

    def _read(self) -> bytes:
        buffer = ctypes.create_string_buffer(BUFFER_BYTES)
        operation = _Operation(self._handle)
        try:
            started = _kernel32.ReadFile(
                self._handle, ctypes.byref(buffer), BUFFER_BYTES, None, ctypes.byref(operation.overlapped)
            )
            count = operation.finish(started)
        except OSError as exc:
            if getattr(exc, "winerror", None) == _ERROR_BROKEN_PIPE:
                return b""
            raise
        finally:
            operation.close()
        return buffer.raw[: count or 0]

    def write(self, data: bytes) -> None:
        while data:
            operation = _Operation(self._handle)
            try:
                started = _kernel32.WriteFile(
                    self._handle, data, len(data), None, ctypes.byref(operation.overlapped)
                )
                written = operation.finish(started) or 0
            finally:
                operation.close()
            if written <= 0:
                raise BrokenPipeError("the pipe took no bytes")
            data = data[written:]


def _peer_of(handle: int) -> Peer:
    pid = wintypes.ULONG()
    if not _kernel32.GetNamedPipeClientProcessId(handle, ctypes.byref(pid)):
        raise ctypes.WinError(ctypes.get_last_error())
    client = int(pid.value)
    return Peer(pid=client, user=win_security.user_sid(client), session=win_security.session_of(client))


def windows_gate(client_sid: str, client_pid: int, token: str) -> Gate:
    """The client's user and process, in the logon session the helper was elevated into."""
    session = win_security.session_of(os.getpid())
    return Gate(user=client_sid, pid=client_pid, token=token, session=session, user_label="SID")


class PipeListener:
    """Waits on the pipe until the client was admitted and has gone again (like UnixListener)."""

    def __init__(self, folder: str, gate: Gate, client_sid: str, inject: InjectVerb | None = None) -> None:
        self.name = pipe_name(folder)
        self._door = Door(gate, inject)
        attributes = win_security.OwnedSecurityAttributes(security_descriptor(client_sid))
        try:
            handle = _kernel32.CreateNamedPipeW(
                self.name,
                _PIPE_ACCESS_DUPLEX | _FILE_FLAG_OVERLAPPED | _FILE_FLAG_FIRST_PIPE_INSTANCE,
                _PIPE_TYPE_BYTE_READMODE_BYTE_WAIT | _PIPE_REJECT_REMOTE_CLIENTS,
                1,
                BUFFER_BYTES,
                BUFFER_BYTES,
                0,
                ctypes.byref(attributes.structure),
            )
        finally:
            attributes.close()
        if handle in (None, 0, _INVALID_HANDLE):
            raise ctypes.WinError(ctypes.get_last_error())
        self._handle = int(handle)

    def run(self) -> int:
        """0 when the client came and went, 1 when none came in time.

        The helper has no other way to end: the client closing the pipe (or dying) ends it.
        """
        deadline = time.monotonic() + ADMIT_TIMEOUT_S
        try:
            while True:
                if time.monotonic() > deadline:
                    log.warning("no client was admitted within %.0f s", ADMIT_TIMEOUT_S)
                    return 1
                if not self._connected():
                    continue
                if self._door.pass_through(_PipeConnection(self._handle), lambda: _peer_of(self._handle)):
                    return 0
                _kernel32.DisconnectNamedPipe(self._handle)
        except OSError as exc:
            log.warning("the pipe failed: %s", exc)
            return 0 if self._door.admitted.is_set() else 1
        finally:
            self.close()

    def _connected(self) -> bool:
        """Waits up to POLL_MS for a client to open the pipe."""
        operation = _Operation(self._handle)
        try:
            started = _kernel32.ConnectNamedPipe(self._handle, ctypes.byref(operation.overlapped))
            return operation.finish(started, POLL_MS) is not None
        finally:
            operation.close()

    def close(self) -> None:
        handle, self._handle = self._handle, 0
        if handle:
            _kernel32.CloseHandle(handle)
