"""The helper's Unix socket: created in the client's private folder for the client's user only;
every connection then passes the shared door (door.py): peer credentials, then the token.

The folder is the client's (0700, owned by the user); the socket is created with mode 0600 and
then given to that user without following links, so no other user can connect and no link
planted in the folder is followed. Only one connection is ever admitted; when it ends the
helper ends.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import sys
import threading
import time
from pathlib import Path

from client.admin_helper import wire
from client.admin_helper.door import Door
from client.admin_helper.gate import Gate
from client.admin_helper.peer import peer_of
from client.admin_helper.service import InjectVerb

assert sys.platform != "win32", "Windows uses a named pipe"

log = logging.getLogger(__name__)

ADMIT_TIMEOUT_S = 60.0
"""The client must connect and present its token within this time, or the helper exits."""
POLL_S = 0.1


class _SocketConnection:
    def __init__(self, connection: socket.socket) -> None:
        self._socket = connection
        self._reader = connection.makefile("rb")

    def readline(self, limit: int) -> bytes:
        return self._reader.readline(limit)

    def write(self, data: bytes) -> None:
        self._socket.sendall(data)

    def close(self) -> None:
        self._reader.close()


class UnixListener:
    """Listens at `folder/helper.sock` until the client was admitted and has gone again."""

    def __init__(
        self, folder: Path, gate: Gate, uid: int, gid: int, inject: InjectVerb | None = None
    ) -> None:
        self.path = folder / wire.SOCKET_NAME
        self._door = Door(gate, inject)
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        previous = os.umask(0o177)
        try:
            self._socket.bind(str(self.path))
        finally:
            os.umask(previous)
        os.chown(self.path, uid, gid, follow_symlinks=False)
        self._socket.listen(4)
        self._socket.settimeout(POLL_S)

    def run(self) -> int:
        """Serve the admitted client; 0 when it came and went, 1 when none was admitted in time.

        Accepts with a short timeout, so the end of the admitted connection (another thread)
        ends this loop promptly: closing a socket does not wake a blocked `accept`.
        """
        deadline = time.monotonic() + ADMIT_TIMEOUT_S
        done = threading.Event()
        try:
            while not done.is_set():
                if not self._door.admitted.is_set() and time.monotonic() > deadline:
                    log.warning("no client was admitted within %.0f s", ADMIT_TIMEOUT_S)
                    return 1
                try:
                    connection, _ = self._socket.accept()
                except TimeoutError:
                    continue
                except OSError:
                    break
                connection.settimeout(None)
                threading.Thread(target=self._serve, args=(connection, done), daemon=True).start()
            return 0
        finally:
            self.close()

    def _serve(self, connection: socket.socket, done: threading.Event) -> None:
        link = _SocketConnection(connection)
        with connection, contextlib.closing(link):
            if self._door.pass_through(link, lambda: peer_of(connection)):
                done.set()
                self.close()

    def stop(self) -> None:
        """Kill a running command and stop listening (e.g. on SIGTERM from the launcher)."""
        self._door.stop()
        self.close()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._socket.close()
        with contextlib.suppress(OSError):
            self.path.unlink()
