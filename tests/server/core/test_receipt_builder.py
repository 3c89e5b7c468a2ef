"""The server's receipt comes from what a recorded session writes: who it was with, the control log
and the chat."""

from protocol.messages import (
    AdminCommand,
    AdminExit,
    AdminRefused,
    Chat,
    Consent,
    Control,
    End,
    TierRelease,
    TierRequest,
    TierRevoke,
)
from protocol.receipt import AdminCommandRecord
from server.core.receipt_builder import ReceiptBuilder

from .conftest import START
from .scenario import CONSOLE, CUSTOMER, SCREEN, attach, entries, hello, new_session, send


def test_a_recorded_session_gives_a_receipt_once_it_ended(recorded_broker, clock):
    session = new_session(recorded_broker)
    attach(recorded_broker, CONSOLE)
    builder = ReceiptBuilder("s1")
    actions = hello(recorded_broker, CUSTOMER, session.spec.number)
    for step in (
        (CUSTOMER, Consent(tier=1, granted=True)),
        (CUSTOMER, SCREEN),
        (CONSOLE, TierRequest(tier=2)),
        (CUSTOMER, Consent(tier=2, granted=True)),
        (CUSTOMER, Control(holder="expert")),
        (CUSTOMER, Control(holder="customer")),
        (CUSTOMER, TierRevoke(tier=2)),
    ):
        clock.advance(1)
        actions += send(recorded_broker, *step)
    builder.add_all(entries(actions))
    assert builder.receipt() is None
    clock.advance(1)
    receipt = builder.add_all(
        entries(send(recorded_broker, CUSTOMER, End(reason="customer_ended")))
    ).receipt()
    assert receipt is not None
    assert (receipt.organisation, receipt.expert_name, receipt.staff_id) == (
        "Beispiel GmbH",
        "Anna Berger",
        "anna",
    )
    assert not receipt.verified, "this broker signs no descriptor"
    assert [(t.tier, t.change) for t in receipt.tiers] == [(1, "granted"), (2, "granted"), (2, "revoked")]
    assert [(h.holder, h.revoked) for h in receipt.holders] == [("expert", False), ("customer", False)]
    assert receipt.control_taken_back
    assert (receipt.ended_by, receipt.end_reason, receipt.retention_days) == (
        "customer",
        "customer_ended",
        30,
    )
    assert receipt.ended_at - receipt.started_at == 8


def with_admin_rights(b, clock):
    """A recorded session up to tier 3 granted, the expert holding control; its actions so far."""
    session = new_session(b)
    attach(b, CONSOLE)
    actions = hello(b, CUSTOMER, session.spec.number)
    for conn, message in (
        (CUSTOMER, Consent(tier=1, granted=True)),
        (CUSTOMER, SCREEN),
        (CONSOLE, TierRequest(tier=2)),
        (CUSTOMER, Consent(tier=2, granted=True)),
        (CUSTOMER, Control(holder="expert")),
        (CONSOLE, TierRequest(tier=3)),
        (CUSTOMER, Consent(tier=3, granted=True)),
    ):
        clock.advance(1)
        actions += send(b, conn, message)
    return actions


def test_admin_commands_appear_with_what_came_of_them(recorded_broker, clock):
    """Exit status, could not start, not run (left off, as the customer's receipt does), stopped
    when tier 3 was revoked under it; then chat and a release by the expert."""
    b = recorded_broker
    actions = with_admin_rights(b, clock)
    for conn, message in (
        (CONSOLE, AdminCommand(id=1, command="id -u")),
        (CUSTOMER, AdminExit(id=1, status=3)),
        (CONSOLE, AdminCommand(id=2, command="no-such-program")),
        (CUSTOMER, AdminRefused(id=2, reason="failed")),
        (CONSOLE, AdminCommand(id=3, command="touch /x")),
        (CUSTOMER, AdminRefused(id=3, reason="customer_holds_control")),
        (CONSOLE, AdminCommand(id=4, command="sleep 600")),
        (CUSTOMER, TierRevoke(tier=3)),
        (CUSTOMER, Chat(text="Was war das?")),
        (CONSOLE, Chat(text="Ein Test.")),
        (CONSOLE, TierRelease(tier=2)),
        (CUSTOMER, TierRevoke(tier=2)),
        (CONSOLE, End(reason="expert_ended")),
    ):
        clock.advance(1)
        actions += send(b, conn, message)
    receipt = ReceiptBuilder("s1").add_all(entries(actions)).receipt()
    assert receipt is not None
    assert receipt.admin_commands == (
        AdminCommandRecord(START + 8, "id -u", "3"),
        AdminCommandRecord(START + 10, "no-such-program", "failed"),
        AdminCommandRecord(START + 14, "sleep 600", "stopped"),
    )
    assert [(t.tier, t.change) for t in receipt.tiers][-3:] == [
        (3, "granted"),
        (3, "revoked"),
        (2, "revoked"),
    ]
    assert [(c.by, c.text) for c in receipt.chat] == [("customer", "Was war das?"), ("expert", "Ein Test.")]
    assert [(h.holder, h.revoked) for h in receipt.holders] == [("expert", False), ("customer", True)]
    assert not receipt.control_taken_back, "control came back with the revoke, not taken"
    assert (receipt.ended_by, receipt.end_reason) == ("expert", "expert_ended")


def test_a_command_running_at_the_end_was_stopped(recorded_broker, clock):
    b = recorded_broker
    actions = with_admin_rights(b, clock)
    actions += send(b, CONSOLE, AdminCommand(id=1, command="sleep 600"))
    actions += send(b, CUSTOMER, End(reason="customer_ended"))
    receipt = ReceiptBuilder("s1").add_all(entries(actions)).receipt()
    assert receipt is not None and [a.outcome for a in receipt.admin_commands] == ["stopped"]


def test_without_the_record_of_who_it_was_with_there_is_no_receipt(recorded_broker):
    b = recorded_broker
    session = new_session(b)
    actions = hello(b, CUSTOMER, session.spec.number) + send(b, CUSTOMER, End(reason="customer_ended"))
    assert ReceiptBuilder("s1").add_all(entries(actions)[1:]).receipt() is None
    assert ReceiptBuilder("s1").add_all(entries(actions)).receipt() is not None
