"""Resuming a customer whose connection dropped: the one-time token, the window, what is kept.

Transition helpers of `SessionMachine` (like `server.core.grants`). When the customer's link drops
while the session is joined or active, the session waits `RESUME_WINDOW_S` for a `resume` with
the current token from the same address. Tiers 1 and 2 are kept; a pending request above tier 1
is denied and tier 3 is revoked (it needs a new confirmation). Every successful resume issues a
new token, so each token works once. The server keeps only the token's SHA-256.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import TYPE_CHECKING

from protocol.errors import CloseCode
from protocol.limits import RESUME_WINDOW_S
from protocol.messages import CustomerLink, Message, Resumed, TierStatus
from server.core.actions import Action, Close, ConnId, Log, Send

if TYPE_CHECKING:
    from server.core.session import SessionMachine

TOKEN_BYTES = 24
"""192 bits from the CSPRNG: far beyond guessing, unlike a session number."""
ADMIN_TIER = 3


def issue_token(session: SessionMachine, address: str) -> str:
    """A fresh one-time token for `session`, valid only from `address`; the previous one is void."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    session.resume_hash = hashlib.sha256(token.encode("ascii")).digest()
    session.resume_address = address
    return token


def refusal(session: SessionMachine, token: str, address: str, now: float) -> str | None:
    """What is wrong with a `resume` for `session` (None: it may resume)."""
    presented = hashlib.sha256(token.encode("utf-8")).digest()
    if not session.resume_hash or not hmac.compare_digest(presented, session.resume_hash):
        return "unknown or already used resume token"
    if address != session.resume_address:
        return f"resume token presented from {address}, issued to another address"
    if session.lost_at is not None and now >= session.lost_at + RESUME_WINDOW_S:
        return "the resume window has passed"
    return None


def interrupt(session: SessionMachine, now: float) -> list[Action]:
    """The customer's link dropped while joined or active: hold the session open for a resume."""
    session.customer = None
    session.lost_at = now
    session.held.forget()
    _forget_stream(session)
    ledger = session.ledger
    told: list[Message] = []
    if ledger.pending is not None and ledger.pending > 1:
        ledger.states[ledger.pending] = "denied"
        told.append(TierStatus(tier=ledger.pending, state="denied"))
        ledger.pending = None
    if ledger.states.get(ADMIN_TIER) == "granted":
        told += [TierStatus(tier=c.tier, state=c.state) for c in ledger.revoke(ADMIN_TIER)]
        # The client stopped its helper, and with it a running command, when the link dropped.
        session.admin.stop()
    ledger.holder = None
    return [
        Log("info", f"session {session.session_id}: customer connection lost, waiting for a resume"),
        *session.note("link_lost", "server"),
        *session.to_console(*told, CustomerLink(state="reconnecting")),
    ]


def resume(session: SessionMachine, conn: ConnId, address: str) -> list[Action]:
    """Continue `session` on `conn`; a connection still registered as the customer's is closed."""
    actions: list[Action] = []
    if session.customer is not None:
        actions.append(Close(session.customer, CloseCode.GOING_AWAY, "resumed on another connection"))
    session.customer = conn
    session.lost_at = None
    _forget_stream(session)
    session.ledger.holder = None
    token = issue_token(session, address)
    return [
        *actions,
        Log("info", f"session {session.session_id}: customer resumed"),
        Send(conn, Resumed(resume_token=token)),
        *session.note("link_resumed", "customer"),
        *session.to_console(CustomerLink(state="connected")),
    ]


def _forget_stream(session: SessionMachine) -> None:
    """A new connection starts its frames at seq 1 with a new `screen_info`."""
    session.screen = None
    session.last_seq = 0
    session.unacked.clear()
