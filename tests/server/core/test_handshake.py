"""Customer `hello` and console `auth`: who gets in, who is refused, and with which code."""

import pytest

from protocol.messages import (
    CustomerJoined,
    End,
    Error,
    Expert,
    Heartbeat,
    Hello,
    Refresh,
    SessionInfo,
    TierStatus,
    Welcome,
)
from server.core.actions import Close, Log, Persist
from server.core.broker import ConnectionMisuse
from server.core.clock import iso
from server.core.events import Closed, HandshakeTimedOut, Opened, Received, Shutdown, Tick

from .conftest import START
from .scenario import (
    CONSOLE,
    CONSOLE_2,
    CUSTOMER,
    OTHER,
    SCREEN,
    attach,
    closed,
    error_of,
    hello,
    new_session,
    persisted,
    send,
    sharing,
    to,
)


def test_created_session_waits_with_a_number_valid_ten_minutes(broker):
    session = new_session(broker)
    assert session.state == "waiting"
    assert len(session.spec.number) == 9 and session.spec.number.isdigit()
    assert session.spec.expires_at == START + 600
    assert session.number_valid(START + 599.9)
    assert not session.number_valid(START + 600)


def test_numbers_are_unique_among_live_sessions(broker, monkeypatch):
    new_session(broker, "s1")
    second = new_session(broker, "s2")
    draws = iter([int(second.spec.number), 1234567890])
    monkeypatch.setattr("server.core.numbers.secrets.randbelow", lambda _: next(draws))
    assert new_session(broker, "s3").spec.number == "1234567890"


def test_numbers_grow_longer_as_more_sessions_wait_for_their_customer(broker):
    lengths = [len(new_session(broker, f"s{i}").spec.number) for i in range(120)]
    assert lengths[0] == 9 and lengths[1] == 10 and lengths[11] == 11 and lengths[115] == 12


def test_hello_with_the_right_number_joins_and_asks_for_tier_1(broker):
    session = new_session(broker)
    attach(broker, CONSOLE)
    actions = hello(broker, CUSTOMER, session.spec.number)
    [welcome] = to(actions, CUSTOMER)
    assert isinstance(welcome, Welcome) and len(welcome.resume_token) >= 32
    assert welcome == Welcome(
        protocol=1,
        session_id="s1",
        expert=Expert(name="Anna Berger", organisation="Beispiel GmbH"),
        recorded=False,
        retention_days=90,
        resume_token=welcome.resume_token,
    )
    assert to(actions, CONSOLE) == [
        SessionInfo(session_id="s1", number=session.spec.number, state="joined", expires_at=iso(START + 600)),
        CustomerJoined(client="Fernhilfe/0.1"),
        TierStatus(tier=1, state="requested"),
    ]
    assert persisted(actions) == [Persist("s1", "joined")]
    assert session.state == "joined" and session.pending == 1


def test_a_number_is_used_once(broker):
    session = new_session(broker)
    hello(broker, CUSTOMER, session.spec.number)
    actions = hello(broker, OTHER, session.spec.number, address="10.0.0.2")
    assert error_of(actions, OTHER) == ("invalid_number", 4004)
    assert session.customer == CUSTOMER


def test_an_expired_number_is_refused_even_before_the_tick(broker, clock):
    session = new_session(broker)
    clock.advance(600)
    assert error_of(hello(broker, CUSTOMER, session.spec.number), CUSTOMER) == ("invalid_number", 4004)
    assert session.state == "waiting"


def test_the_number_of_an_ended_session_is_refused(broker):
    session = new_session(broker)
    attach(broker, CONSOLE)
    send(broker, CONSOLE, End(reason="expert_ended"))
    assert error_of(hello(broker, CUSTOMER, session.spec.number), CUSTOMER) == ("invalid_number", 4004)


def test_wrong_protocol_is_refused_before_the_number_and_not_counted(broker):
    session = new_session(broker)
    for conn in range(10, 20):
        actions = hello(broker, conn, "111111111", protocol=2)
        assert error_of(actions, conn) == ("unsupported_version", 4001)
    assert to(hello(broker, CUSTOMER, session.spec.number), CUSTOMER)[0].TYPE == "welcome"


def test_five_wrong_numbers_then_rate_limited_even_with_the_right_number(broker, clock):
    session = new_session(broker)
    wrong = "000000000" if session.spec.number != "000000000" else "000000001"
    for conn in range(10, 15):
        assert error_of(hello(broker, conn, wrong), conn) == ("invalid_number", 4004)
        clock.advance(1)
    actions = hello(broker, CUSTOMER, session.spec.number)
    assert error_of(actions, CUSTOMER) == ("rate_limited", 4029)
    refusal = to(actions, CUSTOMER)[0]
    assert isinstance(refusal, Error) and refusal.retry_after == 55
    assert to(hello(broker, 20, session.spec.number, address="10.0.0.2"), 20)[0].TYPE == "welcome"


def test_rate_limit_lifts_when_the_window_slides(broker, clock):
    session = new_session(broker)
    for conn in range(10, 15):
        hello(broker, conn, "999999999" if session.spec.number != "999999999" else "999999998")
    clock.advance(59)
    assert error_of(hello(broker, 20, session.spec.number), 20) == ("rate_limited", 4029)
    clock.advance(1)
    assert to(hello(broker, CUSTOMER, session.spec.number), CUSTOMER)[0].TYPE == "welcome"


def test_second_hello_is_not_allowed(broker):
    session = new_session(broker)
    hello(broker, CUSTOMER, session.spec.number)
    actions = send(broker, CUSTOMER, Hello(protocol=1, number=session.spec.number, client="x"))
    assert error_of(actions, CUSTOMER) == ("not_allowed", 4000)
    assert session.state == "joined"


def test_anything_but_hello_first_is_not_allowed(broker):
    broker.handle(Opened(CUSTOMER, "customer", "10.0.0.1"))
    assert error_of(send(broker, CUSTOMER, Refresh()), CUSTOMER) == ("not_allowed", 4000)


def test_binary_before_hello_is_not_allowed(broker):
    broker.handle(Opened(CUSTOMER, "customer", "10.0.0.1"))
    assert error_of(broker.handle(Received(CUSTOMER, b"FHF1")), CUSTOMER) == ("not_allowed", 4000)


def test_nothing_is_sent_on_a_connection_after_its_close(broker):
    broker.handle(Opened(CUSTOMER, "customer", "10.0.0.1"))
    send(broker, CUSTOMER, Refresh())
    assert send(broker, CUSTOMER, Hello(protocol=1, number="123456789", client="x")) == []
    assert broker.handle(HandshakeTimedOut(CUSTOMER)) == []


def test_handshake_timeout_closes_with_4000(broker):
    broker.handle(Opened(CUSTOMER, "customer", "10.0.0.1"))
    assert error_of(broker.handle(HandshakeTimedOut(CUSTOMER)), CUSTOMER) == ("bad_message", 4000)


def test_handshake_timeout_after_the_handshake_does_nothing(broker):
    session = new_session(broker)
    hello(broker, CUSTOMER, session.spec.number)
    assert broker.handle(HandshakeTimedOut(CUSTOMER)) == []


def test_malformed_and_oversized_text(broker):
    broker.handle(Opened(CUSTOMER, "customer", "10.0.0.1"))
    assert error_of(broker.handle(Received(CUSTOMER, "{not json")), CUSTOMER) == ("bad_message", 4000)
    broker.handle(Opened(OTHER, "customer", "10.0.0.1"))
    big = '{"type":"hello","client":"' + "x" * 70_000 + '"}'
    assert error_of(broker.handle(Received(OTHER, big)), OTHER) == ("bad_message", 1009)
    broker.handle(Opened(CONSOLE, "expert", "10.0.0.1"))
    multibyte = '{"type":"auth","token":"' + "ü" * 33_000 + '"}'
    assert error_of(broker.handle(Received(CONSOLE, multibyte)), CONSOLE) == ("bad_message", 1009)


def test_unknown_type_and_extra_fields_are_bad_messages(broker):
    for conn, text in enumerate(
        ['{"type":"launch"}', '{"type":"refresh","x":1}', '{"type":"end","reason":NaN}']
    ):
        broker.handle(Opened(conn + 10, "customer", "10.0.0.1"))
        assert error_of(broker.handle(Received(conn + 10, text)), conn + 10) == ("bad_message", 4000)


def test_events_for_unknown_connections_are_a_bug(broker):
    with pytest.raises(ConnectionMisuse):
        broker.handle(Closed(77))
    with pytest.raises(ConnectionMisuse):
        broker.handle(Received(77, "{}"))
    broker.handle(Opened(77, "customer", "10.0.0.1"))
    with pytest.raises(ConnectionMisuse):
        broker.handle(Opened(77, "expert", "10.0.0.1"))


def test_console_attaches_and_gets_the_session(broker):
    session = new_session(broker)
    actions = attach(broker, CONSOLE)
    assert to(actions, CONSOLE) == [
        SessionInfo(session_id="s1", number=session.spec.number, state="waiting", expires_at=iso(START + 600))
    ]
    assert session.console == CONSOLE


@pytest.mark.parametrize(
    ("username", "owner", "session_id"),
    [
        (None, "anna", "s1"),
        ("ben", "anna", "s1"),
        ("anna", None, "nope"),
        ("ben", "anna", "s-of-anna-from-yesterday"),
    ],
)
def test_console_auth_refusals(broker, username, owner, session_id):
    new_session(broker)
    actions = attach(broker, CONSOLE, session_id=session_id, username=username, owner=owner)
    assert error_of(actions, CONSOLE) == ("unauthorized", 4003)


def test_console_for_an_ended_session_gets_session_ended(broker):
    attach_actions = attach(broker, CONSOLE, session_id="old", username="anna", owner="anna")
    assert error_of(attach_actions, CONSOLE) == ("session_ended", 4010)


def test_console_for_an_expired_session_gets_session_ended_and_the_session_ends(broker, clock):
    session = new_session(broker)
    clock.advance(601)
    actions = attach(broker, CONSOLE)
    assert error_of(actions, CONSOLE) == ("session_ended", 4010)
    assert persisted(actions) == [
        Persist("s1", "ended", ended_at=START + 601, end_reason="number_expired", outcome="expired")
    ]
    assert session.state == "ended" and "s1" not in broker.sessions


def test_console_with_wrong_protocol(broker):
    new_session(broker)
    broker.handle(Opened(CONSOLE, "expert", "10.0.0.9"))
    actions = broker.handle(Received(CONSOLE, '{"type":"auth","protocol":7,"token":"t","session_id":"s1"}'))
    assert error_of(actions, CONSOLE) == ("unsupported_version", 4001)


def test_console_may_not_talk_before_it_is_identified(broker):
    new_session(broker)
    broker.handle(Opened(CONSOLE, "expert", "10.0.0.9"))
    broker.handle(Received(CONSOLE, '{"type":"auth","protocol":1,"token":"t","session_id":"s1"}'))
    assert error_of(send(broker, CONSOLE, Refresh()), CONSOLE) == ("not_allowed", 4000)


def test_identification_for_a_closed_connection_is_dropped(broker):
    from server.core.events import ExpertIdentified

    new_session(broker)
    broker.handle(Opened(CONSOLE, "expert", "10.0.0.9"))
    broker.handle(Received(CONSOLE, '{"type":"auth","protocol":1,"token":"t","session_id":"s1"}'))
    broker.handle(Closed(CONSOLE))
    assert broker.handle(ExpertIdentified(CONSOLE, "s1", "anna", "anna")) == []


def test_second_console_takes_over_and_gets_the_replay(broker):
    session = sharing(broker)
    actions = attach(broker, CONSOLE_2)
    assert error_of(actions, CONSOLE) == ("session_busy", 4009)
    assert to(actions, CONSOLE_2) == [
        SessionInfo(session_id="s1", number=session.spec.number, state="active", expires_at=iso(START + 600)),
        CustomerJoined(client="Fernhilfe/0.1"),
        TierStatus(tier=1, state="granted"),
        SCREEN,
    ]
    assert to(actions, CUSTOMER) == [Refresh()]
    assert session.console == CONSOLE_2
    assert broker.handle(Closed(CONSOLE)) == []
    assert session.console == CONSOLE_2


def test_console_attaching_to_a_joined_session_gets_the_pending_request_and_no_refresh(broker):
    session = new_session(broker)
    hello(broker, CUSTOMER, session.spec.number)
    actions = attach(broker, CONSOLE)
    assert [m.TYPE for m in to(actions, CONSOLE)] == ["session", "customer_joined", "tier_state"]
    assert to(actions, CUSTOMER) == []


def test_tick_expires_waiting_sessions_and_tells_the_console(broker, clock):
    session = new_session(broker)
    attach(broker, CONSOLE)
    clock.advance(599)
    assert to(broker.handle(Tick()), CONSOLE) == [Heartbeat()]
    clock.advance(1)
    actions = broker.handle(Tick())
    assert to(actions, CONSOLE) == [End(reason="number_expired", by="server")]
    assert closed(actions) == {CONSOLE: 1000}
    assert session.state == "ended"
    assert broker.sessions == {}


def test_tick_leaves_joined_sessions_alone_while_the_customer_is_heard(broker, clock):
    session = new_session(broker)
    hello(broker, CUSTOMER, session.spec.number)
    for _ in range(360):
        clock.advance(10)
        send(broker, CUSTOMER, Heartbeat())
        assert to(broker.handle(Tick()), CUSTOMER) == [Heartbeat()]
    assert session.state == "joined" and session.customer == CUSTOMER


def test_shutdown_keeps_a_joined_session_for_the_restart_and_ends_a_waiting_one(broker):
    shared = sharing(broker)
    waiting = new_session(broker, "s2")
    attach(broker, CONSOLE_2, session_id="s2")
    broker.handle(Opened(OTHER, "customer", "10.0.0.3"))
    actions = broker.handle(Shutdown())
    notice = End(reason="server_shutdown", by="server")
    assert to(actions, CUSTOMER) == [] and to(actions, CONSOLE) == []
    assert to(actions, CONSOLE_2) == [notice]
    assert closed(actions) == {CUSTOMER: 1001, CONSOLE: 1001, CONSOLE_2: 1000, OTHER: 1001}
    assert [a.reason for a in actions if isinstance(a, Close) and a.conn in (CUSTOMER, CONSOLE)] == [
        "server_restart",
        "server_restart",
    ]
    assert waiting.state == "ended" and shared.state == "active"
    assert [(p.session_id, p.end_reason) for p in persisted(actions)] == [("s2", "server_shutdown")]
    after = broker.handle(Closed(CUSTOMER)) + broker.handle(Closed(CONSOLE))
    assert after == [] and shared.state == "active", "the closes of a stopping server end nothing"


def test_refusals_are_logged(broker):
    actions = hello(broker, CUSTOMER, "123456789")
    logs = [a for a in actions if isinstance(a, Log)]
    assert len(logs) == 1 and logs[0].level == "warning" and "invalid_number" in logs[0].text
