"""Who may talk to the helper: the one client process that started it, holding its one-time token.

Pure decisions; the transport supplies the peer's credentials from the operating system.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass


@dataclass(frozen=True)
class Peer:
    """The process at the other end of the socket or pipe, as the kernel reports it.

    `user` is the uid as text on Unix and the user's SID (`S-1-5-21-…`) on Windows; `session` is
    the Windows logon session (None on Unix, where the uid says enough).
    """

    pid: int
    user: str
    session: int | None = None


class Gate:
    """Admits the expected process once. Thread-safe enough for one accepting thread."""

    def __init__(
        self, user: str, pid: int, token: str, session: int | None = None, user_label: str = "uid"
    ) -> None:
        """`user_label` names what `user` is in refusals: "uid" on Unix, "SID" on Windows."""
        if len(token) < 32:
            raise ValueError("the token must have at least 32 characters")
        self._user = user
        self._label = user_label
        self._pid = pid
        self._session = session
        self._token = token.encode("ascii")
        self._spent = False

    def peer_refusal(self, peer: Peer) -> str | None:
        """Why this peer may not even present a token (None: it may)."""
        if peer.user != self._user:
            return f"peer {self._label} {peer.user} is not the client's {self._label} {self._user}"
        if peer.pid != self._pid:
            return f"peer pid {peer.pid} is not the client's pid {self._pid}"
        if peer.session != self._session:
            return f"peer session {peer.session} is not the client's session {self._session}"
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
