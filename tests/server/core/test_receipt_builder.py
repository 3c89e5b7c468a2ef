"""The server's receipt comes from the recorded control log and chat of the session."""

from protocol.messages import Consent, Control, End, TierRequest, TierRevoke
from server.core.actions import Record
from server.core.receipt_builder import ReceiptBuilder

from .conftest import ANNA
from .scenario import CONSOLE, CUSTOMER, SCREEN, attach, hello, new_session, send


def test_a_recorded_session_gives_a_receipt_once_it_ended(recorded_broker, clock):
    session = new_session(recorded_broker)
    attach(recorded_broker, CONSOLE)
    builder = ReceiptBuilder("s1", ANNA, "anna", 30)
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
    for action in actions:
        if isinstance(action, Record):
            builder.add(action.entry)
    assert builder.receipt() is None
    clock.advance(1)
    for action in send(recorded_broker, CUSTOMER, End(reason="customer_ended")):
        if isinstance(action, Record):
            builder.add(action.entry)
    receipt = builder.receipt()
    assert receipt is not None
    assert [(t.tier, t.change) for t in receipt.tiers] == [(1, "granted"), (2, "granted"), (2, "revoked")]
    assert [(h.holder, h.revoked) for h in receipt.holders] == [("expert", False), ("customer", False)]
    assert receipt.control_taken_back
    assert (receipt.ended_by, receipt.end_reason, receipt.retention_days) == (
        "customer",
        "customer_ended",
        30,
    )
    assert receipt.ended_at - receipt.started_at == 8
