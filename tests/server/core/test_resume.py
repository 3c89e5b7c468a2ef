"""A customer whose connection dropped resumes with its one-time token, from its own address only."""

import pytest

from protocol.messages import (
    AdminCommand,
    Consent,
    Control,
    CustomerLink,
    End,
    Heartbeat,
    PointerMove,
    Resume,
    Resumed,
    TierRequest,
    TierStatus,
    Welcome,
)
from server.core.actions import Relay
from server.core.events import Closed, Opened, Received, Tick

from .scenario import CONSOLE, CUSTOMER, SCREEN, attach, closed, error_of, frame, hello, new_session, send, to

NEW = 11
THIEF = 12
ADDRESS = "10.0.0.1"


def joined_with_token(broker):
    session = new_session(broker)
    attach(broker, CONSOLE)
    [welcome] = [m for m in to(hello(broker, CUSTOMER, session.spec.number, ADDRESS), CUSTOMER)]
    assert isinstance(welcome, Welcome)
    return session, welcome.resume_token


def resume_from(broker, conn, token, address=ADDRESS, session_id="s1"):
    broker.handle(Opened(conn, "customer", address))
    return send(broker, conn, Resume(protocol=1, session_id=session_id, token=token))


def controlling(broker):
    session, token = joined_with_token(broker)
    send(broker, CUSTOMER, Consent(tier=1, granted=True))
    send(broker, CUSTOMER, SCREEN)
    send(broker, CONSOLE, TierRequest(tier=2))
    send(broker, CUSTOMER, Consent(tier=2, granted=True))
    send(broker, CUSTOMER, Control(holder="expert"))
    return session, token


def test_a_dropped_customer_resumes_with_tiers_1_and_2_and_gets_a_new_token(broker):
    session, token = controlling(broker)
    lost = broker.handle(Closed(CUSTOMER))
    assert to(lost, CONSOLE) == [CustomerLink(state="reconnecting")]
    assert session.state == "active" and broker.sessions["s1"].customer is None

    actions = resume_from(broker, NEW, token)
    [resumed] = to(actions, NEW)
    assert isinstance(resumed, Resumed) and resumed.resume_token not in ("", token)
    assert to(actions, CONSOLE) == [CustomerLink(state="connected")]
    assert (session.customer, session.tiers) == (NEW, {1: "granted", 2: "granted"})
    send(broker, NEW, SCREEN)
    assert relayed(broker.handle(Received(NEW, frame(1))), CONSOLE)


def relayed(actions, conn):
    return [a for a in actions if isinstance(a, Relay) and a.conn == conn]


def test_nothing_crosses_while_the_customer_is_away(broker):
    session, _ = controlling(broker)
    broker.handle(Closed(CUSTOMER))
    for message in (PointerMove(monitor=0, x=1, y=1), TierRequest(tier=3), Heartbeat()):
        actions = send(broker, CONSOLE, message)
        assert to(actions, CUSTOMER) == [] and closed(actions) == {}
    assert session.state == "active"


def test_a_pending_request_is_denied_and_tier_3_is_not_kept(broker):
    session, _ = controlling(broker)
    session.ledger.states[3] = "granted"
    lost = broker.handle(Closed(CUSTOMER))
    assert TierStatus(tier=3, state="revoked") in to(lost, CONSOLE)
    assert session.tiers == {1: "granted", 2: "granted", 3: "revoked"}


def test_a_command_cut_off_by_the_drop_does_not_block_the_next_grant(broker):
    """The client's helper and its command end with the link: after a resume and a new grant of
    tier 3, the next command is relayed (not refused as "still runs")."""
    session, token = controlling(broker)
    send(broker, CONSOLE, TierRequest(tier=3))
    send(broker, CUSTOMER, Consent(tier=3, granted=True))
    assert to(send(broker, CONSOLE, AdminCommand(id=1, command="sleep 60")), CUSTOMER)
    broker.handle(Closed(CUSTOMER))
    resume_from(broker, NEW, token)
    send(broker, CONSOLE, TierRequest(tier=3))
    send(broker, NEW, Consent(tier=3, granted=True))
    assert session.tiers[3] == "granted"
    second = AdminCommand(id=2, command="id -u")
    assert to(send(broker, CONSOLE, second), NEW) == [second]


def test_a_token_works_once(broker):
    _, token = controlling(broker)
    broker.handle(Closed(CUSTOMER))
    resume_from(broker, NEW, token)
    broker.handle(Closed(NEW))
    assert error_of(resume_from(broker, THIEF, token), THIEF) == ("resume_refused", 4012)


def test_a_stolen_token_from_another_address_is_refused(broker):
    session, token = controlling(broker)
    broker.handle(Closed(CUSTOMER))
    assert error_of(resume_from(broker, THIEF, token, address="10.0.0.66"), THIEF) == ("resume_refused", 4012)
    assert session.customer is None and session.state == "active"


@pytest.mark.parametrize("token", ["", "x" * 32])
def test_a_wrong_token_is_refused(broker, token):
    joined_with_token(broker)
    broker.handle(Closed(CUSTOMER))
    assert error_of(resume_from(broker, THIEF, token), THIEF) == ("resume_refused", 4012)


def test_a_resume_after_the_window_is_refused_and_the_session_ended(broker, clock):
    session, token = controlling(broker)
    broker.handle(Closed(CUSTOMER))
    clock.advance(60)
    ended = broker.handle(Tick())
    assert End(reason="connection_lost", by="server") in to(ended, CONSOLE)
    assert error_of(resume_from(broker, NEW, token), NEW) == ("resume_refused", 4012)
    assert session.state == "ended"


def test_a_resume_while_the_old_connection_still_looks_open_replaces_it(broker):
    session, token = controlling(broker)
    actions = resume_from(broker, NEW, token)
    assert closed(actions) == {CUSTOMER: 1001}
    assert session.customer == NEW
    assert send(broker, CUSTOMER, Control(holder="customer")) == []
    assert broker.handle(Closed(CUSTOMER)) == []


def test_a_customer_the_server_refused_does_not_get_to_resume(broker):
    _, token = joined_with_token(broker)
    send(broker, CUSTOMER, SCREEN)
    ended = broker.handle(Closed(CUSTOMER))
    assert End(reason="connection_lost", by="server") in to(ended, CONSOLE)
    assert error_of(resume_from(broker, NEW, token), NEW) == ("resume_refused", 4012)


def test_resume_is_not_a_second_message(broker):
    _, token = controlling(broker)
    assert error_of(send(broker, CUSTOMER, Resume(protocol=1, session_id="s1", token=token)), CUSTOMER) == (
        "not_allowed",
        4000,
    )


def test_a_customer_that_closes_deliberately_ends_the_session_at_once(broker):
    session, token = joined_with_token(broker)
    ended = broker.handle(Closed(CUSTOMER, 1000))
    assert End(reason="connection_lost", by="server") in to(ended, CONSOLE)
    assert session.state == "ended"
    assert error_of(resume_from(broker, NEW, token), NEW) == ("resume_refused", 4012)
