"""The door every connection to the helper passes, whatever the transport: the peer's
credentials first, then the one-time token; the one admitted connection is then served.

Shared by the Unix socket (listener.py) and the Windows named pipe (pipe.py): a transport only
accepts connections and says who is at the other end.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable

from client.admin_helper import wire
from client.admin_helper.gate import Gate, Peer
from client.admin_helper.service import Connection, HelperService, InjectVerb

log = logging.getLogger(__name__)


class Door:
    def __init__(self, gate: Gate, inject: InjectVerb | None = None) -> None:
        self._gate = gate
        self._inject = inject
        self.admitted = threading.Event()
        """Set once a client was admitted; the transport then accepts no one else in time."""
        self._service: HelperService | None = None

    def pass_through(self, link: Connection, peer: Callable[[], Peer]) -> bool:
        """Check one connection and serve it if admitted; True when it was admitted and has ended.

        `peer` asks the operating system who is at the other end (OSError: it cannot say).
        """
        try:
            problem = self._gate.peer_refusal(peer())
        except OSError as exc:
            problem = f"peer credentials unavailable: {exc}"
        if problem is None:
            problem = self._hello(link)
        if problem is not None:
            log.warning("refused a connection: %s", problem)
            with contextlib.suppress(OSError):
                link.write(wire.encode({"event": "refused", "reason": problem}))
            return False
        self.admitted.set()
        service = HelperService(link, self._inject)
        self._service = service
        service.send({"event": "ready"})
        service.serve()
        return True

    def _hello(self, link: Connection) -> str | None:
        try:
            body = wire.decode(link.readline(wire.MAX_LINE_BYTES + 1))
        except (wire.WireError, OSError) as exc:
            return f"no hello: {exc}"
        if body.get("verb") != "hello":
            return f"verb {body.get('verb')!r} before hello"
        return self._gate.admit(body.get("token"))

    def stop(self) -> None:
        """Kill a running command (the admitted connection's service then returns)."""
        if self._service is not None:
            self._service.stop()
