"""What needs the customer's consent: tier requests and answers, revocation and release, remote
input and who holds control. Transition handlers of `SessionMachine`, listed in its tables.

The customer enforces every rule itself; the server enforces them again so a misbehaving console
is cut off here, and records each step for the customer's evidence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from protocol.errors import ErrorCode
from protocol.messages import (
    Consent,
    Control,
    Key,
    PointerButton,
    PointerMove,
    SelectMonitor,
    Text,
    TierRelease,
    TierRequest,
    TierRevoke,
    TierStatus,
    Wheel,
)
from server.core.actions import Action, Log, Send
from server.core.journal import CONTROL_REVOKED

if TYPE_CHECKING:
    from server.core.session import SessionMachine

InputMessage = PointerMove | PointerButton | Wheel | Key | Text
INPUT_TYPES = (PointerMove, PointerButton, Wheel, Key, Text)


def consent(session: SessionMachine, answer: Consent) -> list[Action]:
    """The customer answers the pending request; granting tier 1 starts the sharing."""
    assert session.customer is not None
    problem = session.ledger.consent_refusal(answer)
    if problem is not None:
        return session.refusal(session.customer, ErrorCode.NOT_ALLOWED, problem)
    change = session.ledger.answer(answer)
    actions = [
        Log("info", f"session {session.session_id}: tier {change.tier} {change.state}"),
        *session.to_console(TierStatus(tier=change.tier, state=change.state)),
        *session.note_tier(change, "customer"),
    ]
    if answer.tier == 1 and answer.granted:
        actions += session.enter("active")
    return actions


def revoke(session: SessionMachine, revocation: TierRevoke) -> list[Action]:
    """The customer drops a tier and those above; dropping tier 1 stops the sharing."""
    assert session.customer is not None
    problem = session.ledger.revoke_refusal(revocation.tier)
    if problem is not None:
        return session.refusal(session.customer, ErrorCode.NOT_ALLOWED, problem)
    expert_held = session.ledger.holder == "expert"
    changes = session.ledger.revoke(revocation.tier)
    session.held.forget()
    session.admin.stop()
    actions: list[Action] = [
        Log("info", f"session {session.session_id}: tier {revocation.tier} revoked"),
        *session.to_console(*(TierStatus(tier=c.tier, state=c.state) for c in changes)),
    ]
    for change in changes:
        actions += session.note_tier(change, "customer")
    if expert_held and session.ledger.holder is None:
        actions += session.note("holder_changed", "customer", holder="customer", detail=CONTROL_REVOKED)
    if revocation.tier == 1:
        actions += session.enter("joined")
    return actions


def tier_request(session: SessionMachine, request: TierRequest) -> list[Action]:
    """The console asks for tier 2 or 3, one step at a time and one request at a time."""
    assert session.console is not None and session.customer is not None
    problem = session.ledger.request_refusal(request.tier)
    if session.identity is not None and request.tier not in session.identity.allowed_tiers:
        problem = f"the organisation does not allow tier {request.tier}"
    if problem is not None:
        return session.refusal(session.console, ErrorCode.NOT_ALLOWED, problem)
    change = session.ledger.request(request.tier)
    return [
        Send(session.customer, request),
        *session.to_console(TierStatus(tier=change.tier, state=change.state)),
        *session.note_tier(change, "expert"),
    ]


def tier_release(session: SessionMachine, release: TierRelease) -> list[Action]:
    """The console gives a tier back; it stays granted until the customer's `tier_revoke`, but
    input stops being relayed at once."""
    assert session.console is not None and session.customer is not None
    problem = session.ledger.release_refusal(release.tier)
    if problem is not None:
        return session.refusal(session.console, ErrorCode.NOT_ALLOWED, problem)
    session.ledger.release(release.tier)
    return [
        Log("info", f"session {session.session_id}: expert gives tier {release.tier} back"),
        Send(session.customer, release),
        *session.note("tier_released", "expert", tier=release.tier),
    ]


def remote_input(session: SessionMachine, message: InputMessage) -> list[Action]:
    """Relayed only while tier 2 is granted; yields are the customer's business, not the server's.
    Input is never recorded: typed text may be a password."""
    assert session.console is not None and session.customer is not None
    problem = session.ledger.input_refusal()
    if problem is not None:
        return session.refusal(session.console, ErrorCode.NOT_ALLOWED, problem)
    session.held.note(message)
    return [Send(session.customer, message)]


def select_monitor(session: SessionMachine, select: SelectMonitor) -> list[Action]:
    """Relayed while tier 1 is granted; whether the monitor exists is the customer's to check,
    since its `screen_info` may change while the request is on its way."""
    assert session.customer is not None
    return [Send(session.customer, select)]


def control(session: SessionMachine, change: Control) -> list[Action]:
    """The customer says who holds mouse and keyboard now; only meaningful while tier 2 is granted."""
    assert session.customer is not None
    problem = session.ledger.control_refusal()
    if problem is not None:
        return session.refusal(session.customer, ErrorCode.NOT_ALLOWED, problem)
    session.ledger.holder = change.holder
    if change.holder == "customer":
        session.held.forget()
    return [*session.to_console(change), *session.note("holder_changed", "customer", holder=change.holder)]
