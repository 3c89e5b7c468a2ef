"""Every transition of a joined session: consent, tiers, frames and flow control, ending."""

import pytest

from protocol.limits import MAX_FRAME_WINDOW
from protocol.messages import (
    Consent,
    End,
    Error,
    FrameAck,
    Refresh,
    ScreenInfo,
    SessionInfo,
    TierRequest,
    TierRevoke,
    TierStatus,
)
from server.core.actions import Log, Persist
from server.core.clock import iso
from server.core.events import Closed, Received, RecordingLost, Tick
from server.core.session import RECORDING_REFRESH_S

from .conftest import START
from .scenario import (
    CONSOLE,
    CUSTOMER,
    SCREEN,
    attach,
    closed,
    error_of,
    frame,
    hello,
    new_session,
    persisted,
    relayed,
    send,
    sharing,
    to,
)


def joined(broker, console=True):
    session = new_session(broker)
    if console:
        attach(broker, CONSOLE)
    hello(broker, CUSTOMER, session.spec.number)
    return session


def test_tier_1_granted_makes_the_session_active(broker):
    session = joined(broker)
    actions = send(broker, CUSTOMER, Consent(tier=1, granted=True))
    assert to(actions, CONSOLE) == [
        TierStatus(tier=1, state="granted"),
        SessionInfo(session_id="s1", number=session.spec.number, state="active", expires_at=iso(START + 600)),
    ]
    assert persisted(actions) == [Persist("s1", "active")]
    assert session.state == "active" and session.pending is None


def test_tier_1_denied_then_end_consent_denied(broker, clock):
    session = joined(broker)
    actions = send(broker, CUSTOMER, Consent(tier=1, granted=False))
    assert to(actions, CONSOLE) == [TierStatus(tier=1, state="denied")]
    assert session.state == "joined"
    clock.advance(5)
    actions = send(broker, CUSTOMER, End(reason="consent_denied"))
    assert to(actions, CONSOLE) == [End(reason="consent_denied", by="customer")]
    assert to(actions, CUSTOMER) == []
    assert closed(actions) == {CUSTOMER: 1000, CONSOLE: 1000}
    assert persisted(actions) == [
        Persist("s1", "ended", ended_at=START + 5, end_reason="consent_denied", outcome="declined")
    ]
    assert session.state == "ended"


def test_consent_for_a_tier_nobody_asked_for(broker):
    session = joined(broker)
    assert error_of(send(broker, CUSTOMER, Consent(tier=2, granted=True)), CUSTOMER) == ("not_allowed", 4000)
    assert session.state == "joined" and session.tiers == {1: "requested"} and session.pending == 1


def test_consent_without_any_request(broker):
    session = sharing(broker)
    assert error_of(send(broker, CUSTOMER, Consent(tier=1, granted=True)), CUSTOMER) == ("not_allowed", 4000)
    assert session.tiers == {1: "granted"}


def test_frame_before_consent_is_refused_and_the_drop_ends_the_session(broker):
    session = joined(broker)
    actions = broker.handle(Received(CUSTOMER, frame(1)))
    assert error_of(actions, CUSTOMER) == ("not_allowed", 4000)
    assert relayed(actions, CONSOLE) == []
    assert session.state == "joined"
    actions = broker.handle(Closed(CUSTOMER))
    assert to(actions, CONSOLE) == [End(reason="connection_lost", by="server")]
    assert session.state == "ended"


@pytest.mark.parametrize("message", [ScreenInfo(monitors=()), TierRevoke(tier=1), FrameAck(seq=1), Refresh()])
def test_customer_messages_not_allowed_before_consent(broker, message):
    session = joined(broker)
    assert error_of(send(broker, CUSTOMER, message), CUSTOMER) == ("not_allowed", 4000)
    assert session.state == "joined"


def test_frame_before_screen_info(broker):
    joined(broker)
    send(broker, CUSTOMER, Consent(tier=1, granted=True))
    assert error_of(broker.handle(Received(CUSTOMER, frame(1))), CUSTOMER) == ("not_allowed", 4000)


def test_frames_are_relayed_unmodified_and_acks_relayed_back(broker):
    session = sharing(broker)
    data = frame(1)
    actions = broker.handle(Received(CUSTOMER, data))
    assert relayed(actions, CONSOLE) == [data]
    assert relayed(actions, CONSOLE)[0] is data
    assert to(actions, CUSTOMER) == []
    assert to(send(broker, CONSOLE, FrameAck(seq=1)), CUSTOMER) == [FrameAck(seq=1)]
    assert list(session.unacked) == []


def test_flow_control_refuses_a_frame_beyond_the_largest_window(broker):
    session = sharing(broker)
    for seq in range(1, MAX_FRAME_WINDOW + 1):
        broker.handle(Received(CUSTOMER, frame(seq)))
    actions = broker.handle(Received(CUSTOMER, frame(MAX_FRAME_WINDOW + 1)))
    assert error_of(actions, CUSTOMER) == ("not_allowed", 4000)
    assert session.last_seq == MAX_FRAME_WINDOW


def test_ack_out_of_order_is_fine_but_unknown_seq_is_not(broker):
    sharing(broker)
    broker.handle(Received(CUSTOMER, frame(1)))
    broker.handle(Received(CUSTOMER, frame(2)))
    assert to(send(broker, CONSOLE, FrameAck(seq=2)), CUSTOMER) == [FrameAck(seq=2)]
    assert error_of(send(broker, CONSOLE, FrameAck(seq=2)), CONSOLE) == ("not_allowed", 4000)


def test_server_acks_while_no_console_is_attached(broker):
    sharing(broker, console=False)
    for seq in (1, 2, 3):
        assert to(broker.handle(Received(CUSTOMER, frame(seq))), CUSTOMER) == [FrameAck(seq=seq)]


def test_console_leaving_gets_its_frames_acked_by_the_server(broker):
    session = sharing(broker)
    broker.handle(Received(CUSTOMER, frame(1)))
    broker.handle(Received(CUSTOMER, frame(2)))
    actions = broker.handle(Closed(CONSOLE))
    assert to(actions, CUSTOMER) == [FrameAck(seq=1), FrameAck(seq=2)]
    assert session.state == "active" and session.console is None
    assert to(broker.handle(Received(CUSTOMER, frame(3))), CUSTOMER) == [FrameAck(seq=3)]


def test_console_reattaching_asks_for_a_keyframe(broker):
    sharing(broker)
    broker.handle(Closed(CONSOLE))
    actions = attach(broker, CONSOLE)
    assert to(actions, CUSTOMER) == [Refresh()]
    assert [m.TYPE for m in to(actions, CONSOLE)] == [
        "session",
        "customer_joined",
        "tier_state",
        "screen_info",
    ]


def test_takeover_acks_the_first_consoles_frames(broker):
    sharing(broker)
    broker.handle(Received(CUSTOMER, frame(1)))
    actions = attach(broker, 9)
    assert to(actions, CUSTOMER) == [FrameAck(seq=1), Refresh()]


def test_seq_must_count_up_by_one(broker):
    sharing(broker)
    assert error_of(broker.handle(Received(CUSTOMER, frame(2))), CUSTOMER) == ("bad_message", 4000)


def test_frame_for_a_monitor_not_in_screen_info(broker):
    sharing(broker)
    assert error_of(broker.handle(Received(CUSTOMER, frame(1, monitor=3))), CUSTOMER) == ("not_allowed", 4000)


def test_oversized_frame_is_refused_with_1009(broker):
    sharing(broker)
    too_big = frame(1) + bytes(16 * 1024 * 1024)
    assert error_of(broker.handle(Received(CUSTOMER, too_big)), CUSTOMER) == ("bad_message", 1009)


def test_malformed_frame(broker):
    sharing(broker)
    assert error_of(broker.handle(Received(CUSTOMER, b"FHF1" + bytes(10))), CUSTOMER) == ("bad_message", 4000)


def test_screen_info_is_relayed_and_remembered(broker):
    session = sharing(broker)
    info = ScreenInfo(monitors=(*SCREEN.monitors, SCREEN.monitors[0].__class__(1, 64, 0, 32, 32, 2.0, False)))
    assert to(send(broker, CUSTOMER, info), CONSOLE) == [info]
    assert session.screen == info
    assert relayed(broker.handle(Received(CUSTOMER, frame(1, monitor=1))), CONSOLE)


def test_tier_request_before_tier_1_is_refused(broker):
    session = joined(broker)
    assert error_of(send(broker, CONSOLE, TierRequest(tier=2)), CONSOLE) == ("not_allowed", 4000)
    assert session.tiers == {1: "requested"}


def test_tier_2_request_consent_and_tier_3(broker):
    session = sharing(broker)
    actions = send(broker, CONSOLE, TierRequest(tier=2))
    assert to(actions, CUSTOMER) == [TierRequest(tier=2)]
    assert to(actions, CONSOLE) == [TierStatus(tier=2, state="requested")]
    assert error_of(send(broker, CONSOLE, TierRequest(tier=3)), CONSOLE) == ("not_allowed", 4000)
    assert session.pending == 2


def test_tier_requests_step_by_step(broker):
    session = sharing(broker)
    assert error_of(send(broker, CONSOLE, TierRequest(tier=3)), CONSOLE) == ("not_allowed", 4000)
    broker.handle(Closed(CONSOLE))
    attach(broker, 5)
    assert error_of(send(broker, 5, TierRequest(tier=1)), 5) == ("not_allowed", 4000)
    broker.handle(Closed(5))
    attach(broker, 6)
    send(broker, 6, TierRequest(tier=2))
    actions = send(broker, CUSTOMER, Consent(tier=2, granted=True))
    assert to(actions, 6) == [TierStatus(tier=2, state="granted")]
    assert error_of(send(broker, 6, TierRequest(tier=2)), 6) == ("not_allowed", 4000)
    broker.handle(Closed(6))
    attach(broker, 7)
    assert to(send(broker, 7, TierRequest(tier=3)), CUSTOMER) == [TierRequest(tier=3)]
    assert session.tiers == {1: "granted", 2: "granted", 3: "requested"}


def test_denied_tier_can_be_asked_again(broker):
    session = sharing(broker)
    send(broker, CONSOLE, TierRequest(tier=2))
    assert to(send(broker, CUSTOMER, Consent(tier=2, granted=False)), CONSOLE) == [
        TierStatus(tier=2, state="denied")
    ]
    assert to(send(broker, CONSOLE, TierRequest(tier=2)), CUSTOMER) == [TierRequest(tier=2)]
    assert session.tiers[2] == "requested"


def test_revoking_a_tier_revokes_those_above_and_cancels_a_pending_request(broker):
    session = sharing(broker)
    send(broker, CONSOLE, TierRequest(tier=2))
    send(broker, CUSTOMER, Consent(tier=2, granted=True))
    send(broker, CONSOLE, TierRequest(tier=3))
    actions = send(broker, CUSTOMER, TierRevoke(tier=2))
    assert to(actions, CONSOLE) == [TierStatus(tier=2, state="revoked"), TierStatus(tier=3, state="denied")]
    assert session.tiers == {1: "granted", 2: "revoked", 3: "denied"} and session.pending is None
    assert session.state == "active"


def test_revoking_tier_1_stops_the_frames(broker):
    session = sharing(broker)
    broker.handle(Received(CUSTOMER, frame(1)))
    actions = send(broker, CUSTOMER, TierRevoke(tier=1))
    assert [m.TYPE for m in to(actions, CONSOLE)] == ["tier_state", "session"]
    assert session.state == "joined"
    assert persisted(actions) == [Persist("s1", "joined")]
    assert to(send(broker, CONSOLE, FrameAck(seq=1)), CUSTOMER) == [FrameAck(seq=1)]
    assert send(broker, CONSOLE, Refresh()) == []
    assert error_of(broker.handle(Received(CUSTOMER, frame(2))), CUSTOMER) == ("not_allowed", 4000)


def test_revoking_a_tier_that_is_not_granted(broker):
    session = sharing(broker)
    assert error_of(send(broker, CUSTOMER, TierRevoke(tier=2)), CUSTOMER) == ("not_allowed", 4000)
    assert session.tiers == {1: "granted"}


def test_refresh_is_relayed_only_while_sharing(broker):
    session = joined(broker)
    assert send(broker, CONSOLE, Refresh()) == []
    send(broker, CUSTOMER, Consent(tier=1, granted=True))
    assert to(send(broker, CONSOLE, Refresh()), CUSTOMER) == [Refresh()]
    assert session.state == "active"


def test_a_recording_that_lost_frames_asks_the_customer_for_a_keyframe_at_most_every_few_seconds(
    broker, clock
):
    session = joined(broker)
    assert broker.handle(RecordingLost("s1")) == []  # not sharing yet: nothing to ask for
    send(broker, CUSTOMER, Consent(tier=1, granted=True))
    assert to(broker.handle(RecordingLost("s1")), CUSTOMER) == [Refresh()]
    clock.advance(RECORDING_REFRESH_S - 1)
    assert broker.handle(RecordingLost("s1")) == []
    clock.advance(1)
    assert to(broker.handle(RecordingLost("s1")), CUSTOMER) == [Refresh()]
    assert broker.handle(RecordingLost("unknown")) == []
    assert session.state == "active"


@pytest.mark.parametrize("message", [FrameAck(seq=1), TierRequest(tier=2), Consent(tier=1, granted=True)])
def test_console_messages_not_allowed_while_waiting(broker, message):
    session = new_session(broker)
    attach(broker, CONSOLE)
    assert error_of(send(broker, CONSOLE, message), CONSOLE) == ("not_allowed", 4000)
    assert session.state == "waiting"


def test_console_binary_is_not_allowed(broker):
    sharing(broker)
    assert error_of(broker.handle(Received(CONSOLE, frame(1))), CONSOLE) == ("not_allowed", 4000)


def test_customer_may_not_send_server_messages(broker):
    sharing(broker)
    assert error_of(send(broker, CUSTOMER, TierRequest(tier=2)), CUSTOMER) == ("not_allowed", 4000)


def test_error_from_a_peer_is_only_logged(broker):
    session = sharing(broker)
    actions = send(broker, CUSTOMER, Error(code="bad_message", message="odd frame_ack"))
    assert len(actions) == 1 and isinstance(actions[0], Log)
    assert session.state == "active"


def test_customer_end_is_relayed_to_the_console(broker, clock):
    session = sharing(broker)
    actions = send(broker, CUSTOMER, End(reason="customer_ended", by="server"))
    assert to(actions, CONSOLE) == [End(reason="customer_ended", by="customer")]
    assert closed(actions) == {CUSTOMER: 1000, CONSOLE: 1000}
    assert session.state == "ended" and session.end_reason == "customer_ended"
    assert "s1" not in broker.sessions


def test_expert_end_is_relayed_to_the_customer(broker):
    session = sharing(broker)
    actions = send(broker, CONSOLE, End(reason="expert_ended", by="customer"))
    assert to(actions, CUSTOMER) == [End(reason="expert_ended", by="expert")]
    assert to(actions, CONSOLE) == []
    assert closed(actions) == {CUSTOMER: 1000, CONSOLE: 1000}
    assert session.state == "ended" and "s1" not in broker.sessions


def test_expert_end_while_waiting_voids_the_number(broker):
    session = new_session(broker)
    attach(broker, CONSOLE)
    actions = send(broker, CONSOLE, End(reason="expert_ended"))
    assert persisted(actions)[0].state == "ended"
    assert "s1" not in broker.sessions
    assert session.state == "ended"


def test_a_customer_that_does_not_resume_within_the_window_ends_with_connection_lost(broker, clock):
    session = sharing(broker)
    broker.handle(Closed(CUSTOMER))
    clock.advance(59)
    assert persisted(broker.handle(Tick())) == []
    clock.advance(1)
    actions = broker.handle(Tick())
    assert to(actions, CONSOLE) == [End(reason="connection_lost", by="server")]
    assert closed(actions) == {CONSOLE: 1000}
    assert persisted(actions) == [
        Persist("s1", "ended", ended_at=START + 60, end_reason="connection_lost", outcome="lost")
    ]
    assert session.state == "ended"


def test_messages_after_the_end_are_ignored_by_the_broker(broker):
    session = sharing(broker)
    send(broker, CUSTOMER, End(reason="customer_ended"))
    assert broker.handle(Received(CUSTOMER, frame(1))) == []
    assert send(broker, CONSOLE, TierRequest(tier=2)) == []
    assert broker.handle(Closed(CUSTOMER)) == []
    assert broker.handle(Closed(CONSOLE)) == []
    assert session.state == "ended"


def test_messages_after_the_end_are_refused_by_the_session(broker):
    session = sharing(broker)
    send(broker, CONSOLE, End(reason="expert_ended"))
    for actions, conn in (
        (session.on_customer(ScreenInfo(monitors=())), CUSTOMER),
        (session.on_expert(Refresh()), CONSOLE),
        (session.on_customer(End(reason="again")), CUSTOMER),
    ):
        assert error_of(actions, conn) == ("session_ended", 4010)
    assert session.state == "ended" and session.end_reason == "expert_ended"
    assert session.shutdown() == [] and session.expire(START + 10_000) == []
    assert session.detach(CONSOLE) == [] and session.customer_lost(CUSTOMER, resumable=True) == []


def test_illegal_calls_raise_and_leave_the_state(broker):
    from server.core.session import IllegalTransition

    session = joined(broker)
    with pytest.raises(IllegalTransition):
        session.join(99, "again", "10.0.0.1")
    assert session.customer == CUSTOMER and session.state == "joined"
    send(broker, CUSTOMER, End(reason="customer_ended"))
    with pytest.raises(IllegalTransition):
        session.attach(98)
