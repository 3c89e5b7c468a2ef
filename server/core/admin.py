"""Administrator commands (tier 3): relayed only while tier 3 is usable, one at a time, every
command and its output recorded. Transition handlers of `SessionMachine`, listed in its tables.

The customer runs nothing without its own tier-3 grant; the server enforces the order of
commands again so a misbehaving console is cut off, and writes the customer's evidence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from protocol.errors import ErrorCode
from protocol.messages import AdminCommand, AdminExit, AdminOutput, AdminRefused, AdminUnavailable
from server.core.actions import Action, Log, Send

if TYPE_CHECKING:
    from server.core.session import SessionMachine

ADMIN_TIER = 3


class AdminCommands:
    """Which command runs now and the highest id relayed, for one session."""

    def __init__(self) -> None:
        self.running: int | None = None
        self.last_id = 0

    def stop(self) -> None:
        """Tier 3 left `granted`: the customer stopped its helper, and with it the command."""
        self.running = None


def command(session: SessionMachine, message: AdminCommand) -> list[Action]:
    assert session.console is not None and session.customer is not None
    problem = None
    if not session.ledger.usable(ADMIN_TIER):
        problem = "admin_command while tier 3 is not granted"
    elif session.admin.running is not None:
        problem = f"admin_command while command {session.admin.running} still runs"
    elif message.id <= session.admin.last_id:
        problem = f"admin_command id {message.id} is not above {session.admin.last_id}"
    if problem is not None:
        return session.refusal(session.console, ErrorCode.NOT_ALLOWED, problem)
    session.admin.running = message.id
    session.admin.last_id = message.id
    return [
        Log("info", f"session {session.session_id}: administrator command {message.id}"),
        Send(session.customer, message),
        *session.note("admin_command", "expert", tier=ADMIN_TIER, detail=f"#{message.id} {message.command}"),
    ]


def output(session: SessionMachine, message: AdminOutput) -> list[Action]:
    assert session.customer is not None
    if message.id != session.admin.running:
        return _refuse_customer(session, f"admin_output for command {message.id}")
    detail = f"#{message.id} {message.stream}: {message.data}"
    return [*session.to_console(message), *session.note("admin_output", "customer", detail=detail)]


def exited(session: SessionMachine, message: AdminExit) -> list[Action]:
    assert session.customer is not None
    if message.id != session.admin.running:
        return _refuse_customer(session, f"admin_exit for command {message.id}")
    session.admin.running = None
    detail = f"#{message.id} exit status {message.status}"
    return [*session.to_console(message), *session.note("admin_exit", "customer", detail=detail)]


def refused(session: SessionMachine, message: AdminRefused) -> list[Action]:
    """A refusal may cross a revoke on the wire, so any relayed id is fine."""
    assert session.customer is not None
    if message.id > session.admin.last_id:
        return _refuse_customer(session, f"admin_refused for command {message.id}")
    if message.id == session.admin.running:
        session.admin.running = None
    detail = f"#{message.id} {message.reason}"
    return [*session.to_console(message), *session.note("admin_refused", "customer", detail=detail)]


def unavailable(session: SessionMachine, message: AdminUnavailable) -> list[Action]:
    assert session.customer is not None
    if session.ledger.pending != ADMIN_TIER:
        return _refuse_customer(session, "admin_unavailable without a request")
    return [
        *session.to_console(message),
        *session.note("admin_unavailable", "customer", tier=ADMIN_TIER, detail=message.reason),
    ]


def _refuse_customer(session: SessionMachine, detail: str) -> list[Action]:
    assert session.customer is not None
    return session.refusal(session.customer, ErrorCode.NOT_ALLOWED, detail)
