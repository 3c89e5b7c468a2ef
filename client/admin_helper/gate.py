"""Who may talk to the helper: the one client process that started it, holding its one-time token.

Pure decisions; the listener supplies the peer's credentials from the operating system.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass


@dataclass(frozen=True)
class Peer:
    """The process at the other end of the socket, as the kernel reports it."""

    pid: int
    uid: int


class Gate:
    """Admits the expected process once. Thread-safe enough for one accepting thread."""

    def __init__(self, uid: int, pid: int, token: str) -> None:
        if len(token) < 32:
            raise ValueError("the token must have at least 32 characters")
        self._uid = uid
        self._pid = pid
        self._token = token.encode("ascii")
        self._spent = False

    def peer_refusal(self, peer: Peer) -> str | None:
        """Why this peer may not even present a token (None: it may)."""
        if peer.uid != self._uid:
            return f"peer uid {peer.uid} is not the client's uid {self._uid}"
        if peer.pid != self._pid:
            return f"peer pid {peer.pid} is not the client's pid {self._pid}"
        return None

    def admit(self, token: object) -> str | None:
        """Spend the token; returns why it was refused, or None when admitted (only ever once)."""
        if not isinstance(token, str):
            return "no token"
        right = hmac.compare_digest(token.encode("utf-8", "replace"), self._token)
        if not right:
            return "wrong token"
        if self._spent:
            return "the token was already used"
        self._spent = True
        return None
