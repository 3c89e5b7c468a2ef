"""What a recorded session writes to its control and chat logs, and when; frames for screenshots."""

from protocol.messages import (
    Chat,
    Consent,
    Control,
    End,
    PointerMove,
    TierRelease,
    TierRequest,
    TierRevoke,
    Welcome,
)
from server.core.events import Closed, Received, Shutdown, Tick
from server.core.journal import ChatEntry, ControlEntry, SessionFacts

from .conftest import START
from .scenario import (
    CONSOLE,
    CUSTOMER,
    attach,
    entries,
    frame,
    hello,
    new_session,
    recorded_frames,
    send,
    sharing,
    to,
)


def test_welcome_says_recorded_with_the_retention_time(recorded_broker):
    session = new_session(recorded_broker)
    welcome = to(hello(recorded_broker, CUSTOMER, session.spec.number), CUSTOMER)[0]
    assert isinstance(welcome, Welcome) and welcome.recorded and welcome.retention_days == 30


def test_every_step_of_a_session_is_logged_with_its_time(recorded_broker, clock):
    b = recorded_broker
    session = new_session(b)
    attach(b, CONSOLE)
    log = entries(hello(b, CUSTOMER, session.spec.number))
    clock.advance(2)
    log += entries(send(b, CUSTOMER, Consent(tier=1, granted=True)))
    clock.advance(3)
    log += entries(send(b, CONSOLE, TierRequest(tier=2)))
    log += entries(send(b, CUSTOMER, Consent(tier=2, granted=True)))
    log += entries(send(b, CUSTOMER, Control(holder="expert")))
    clock.advance(1)
    log += entries(send(b, CUSTOMER, Control(holder="customer")))
    log += entries(send(b, CUSTOMER, Control(holder="expert")))
    log += entries(send(b, CONSOLE, PointerMove(monitor=0, x=1, y=1)))
    log += entries(send(b, CONSOLE, TierRelease(tier=2)))
    log += entries(send(b, CUSTOMER, TierRevoke(tier=2)))
    clock.advance(4)
    log += entries(send(b, CONSOLE, TierRequest(tier=2)))
    log += entries(send(b, CUSTOMER, Consent(tier=2, granted=False)))
    log += entries(send(b, CUSTOMER, End(reason="customer_ended")))
    t0, t2, t5, t6, t10 = START, START + 2, START + 5, START + 6, START + 10
    assert log == [
        SessionFacts(t0, "Beispiel GmbH", "Anna Berger", "anna", verified=False, code="", retention_days=30),
        ControlEntry(t0, "customer_joined", "customer", detail="Fernhilfe/0.1"),
        ControlEntry(t0, "tier_requested", "expert", tier=1),
        ControlEntry(t2, "tier_granted", "customer", tier=1),
        ControlEntry(t5, "tier_requested", "expert", tier=2),
        ControlEntry(t5, "tier_granted", "customer", tier=2),
        ControlEntry(t5, "holder_changed", "customer", holder="expert"),
        ControlEntry(t6, "holder_changed", "customer", holder="customer"),
        ControlEntry(t6, "holder_changed", "customer", holder="expert"),
        ControlEntry(t6, "tier_released", "expert", tier=2),
        ControlEntry(t6, "tier_revoked", "customer", tier=2),
        ControlEntry(t6, "holder_changed", "customer", holder="customer", detail="control revoked"),
        ControlEntry(t10, "tier_requested", "expert", tier=2),
        ControlEntry(t10, "tier_denied", "customer", tier=2),
        ControlEntry(t10, "session_ended", "customer", detail="customer_ended"),
    ]


def test_a_revoke_logs_every_tier_it_takes_and_the_request_it_cancels(recorded_broker):
    b = recorded_broker
    sharing(b)
    send(b, CONSOLE, TierRequest(tier=2))
    send(b, CUSTOMER, Consent(tier=2, granted=True))
    send(b, CONSOLE, TierRequest(tier=3))
    assert [(e.event, e.tier) for e in entries(send(b, CUSTOMER, TierRevoke(tier=1)))] == [
        ("tier_revoked", 1),
        ("tier_revoked", 2),
        ("tier_denied", 3),
    ]


def test_chat_is_logged_both_ways_with_the_relay_time(recorded_broker, clock):
    b = recorded_broker
    sharing(b)
    clock.advance(9)
    assert entries(send(b, CUSTOMER, Chat(text="Hallo"))) == [ChatEntry(START + 9, "customer", "Hallo")]
    assert entries(send(b, CONSOLE, Chat(text="Guten Tag", by="customer"))) == [
        ChatEntry(START + 9, "expert", "Guten Tag")
    ]


def test_a_console_refused_for_input_without_control_is_logged(recorded_broker):
    b = recorded_broker
    sharing(b)
    logged = entries(send(b, CONSOLE, PointerMove(monitor=0, x=1, y=1)))
    assert [(e.event, e.by) for e in logged if isinstance(e, ControlEntry)] == [("refused", "expert")]
    assert "tier 2" in logged[0].detail


def test_frames_go_to_the_recorder_with_their_arrival_time(recorded_broker, clock):
    b = recorded_broker
    sharing(b)
    clock.advance(1.5)
    handed = recorded_frames(b.handle(Received(CUSTOMER, frame(1))))
    assert [(r.session_id, r.at, r.frame.seq) for r in handed] == [("s1", START + 1.5, 1)]
    b.handle(Closed(CONSOLE))
    assert [r.frame.seq for r in recorded_frames(b.handle(Received(CUSTOMER, frame(2))))] == [2]


def test_refused_frames_are_not_recorded(recorded_broker):
    b = recorded_broker
    sharing(b)
    assert recorded_frames(b.handle(Received(CUSTOMER, frame(5)))) == []


def test_a_connection_lost_for_good_ends_the_log_and_a_shutdown_notes_the_restart(recorded_broker, clock):
    b = recorded_broker
    sharing(b)
    assert [e.event for e in entries(b.handle(Closed(CUSTOMER)))] == ["link_lost"]
    clock.advance(60)
    assert entries(b.handle(Tick()))[-1].event == "session_ended"
    second = new_session(b, "s2")
    hello(b, 7, second.spec.number)
    kept = entries(b.handle(Shutdown()))
    assert kept == [ControlEntry(START + 60, "link_lost", "server", detail="server_restart")]


def test_nothing_is_logged_before_a_customer_joins_or_after_the_end(recorded_broker, clock):
    b = recorded_broker
    new_session(b)
    attach(b, CONSOLE)
    clock.advance(601)
    assert entries(b.handle(Tick())) == []
    session = new_session(b, "s3")
    hello(b, CUSTOMER, session.spec.number)
    send(b, CUSTOMER, End(reason="customer_ended"))
    assert entries(session.on_customer(Chat(text="zu spät"))) == []


def test_unrecorded_sessions_log_nothing(broker):
    b = broker
    session = sharing(b)
    actions = send(b, CONSOLE, TierRequest(tier=2)) + send(b, CUSTOMER, Chat(text="Hallo"))
    actions += b.handle(Received(CUSTOMER, frame(1)))
    assert entries(actions) == [] and recorded_frames(actions) == []
    assert session.spec.recorded is False
