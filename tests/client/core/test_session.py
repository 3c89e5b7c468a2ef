"""Every transition of the customer session, including the ones that must not happen."""

import pytest

from client.core import actions as act
from client.core import events as ev
from client.core.notice import Notice
from client.core.phase import Phase
from client.core.session import CustomerSession, IllegalEvent
from protocol.messages import (
    Chat,
    Consent,
    End,
    Error,
    Expert,
    FrameAck,
    Heartbeat,
    Hello,
    Refresh,
    ScreenInfo,
    TierRequest,
    Welcome,
)

EXPERT = Expert("Anna Berger", "Beispiel GmbH")
WELCOME = Welcome(protocol=1, session_id="s1", expert=EXPERT, recorded=True, retention_days=90)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return FakeClock()


def new_session(clock, phase=Phase.IDLE):
    session = CustomerSession(clock, client_name="fernhilfe/test", consent_timeout_s=60)
    plan: dict[Phase, list[ev.Event]] = {
        Phase.CONNECTING: [ev.JoinRequested("123456789")],
        Phase.AWAITING_WELCOME: [ev.JoinRequested("123456789"), ev.Connected()],
        Phase.ASKING_VIEW: [ev.JoinRequested("123456789"), ev.Connected(), ev.MessageReceived(WELCOME)],
        Phase.STARTING: [
            ev.JoinRequested("123456789"),
            ev.Connected(),
            ev.MessageReceived(WELCOME),
            ev.ConsentAnswered(1, True),
        ],
        Phase.SHARING: [
            ev.JoinRequested("123456789"),
            ev.Connected(),
            ev.MessageReceived(WELCOME),
            ev.ConsentAnswered(1, True),
            ev.WatermarkShown(),
        ],
        Phase.ENDED: [ev.EndRequested()],
    }
    for step in plan.get(phase, []):
        session.handle(step)
    assert session.phase is phase
    return session


def kinds(actions):
    return [type(a) for a in actions]


def sent(actions):
    return [a.message for a in actions if isinstance(a, act.Send)]


def starts_sharing(actions):
    return any(isinstance(a, act.StartScreenShare) for a in actions)


# The happy path


def test_joining_opens_the_connection_and_shows_progress(clock):
    session = new_session(clock)
    actions = session.handle(ev.JoinRequested("123456789"))
    assert kinds(actions) == [act.ShowConnecting, act.OpenConnection]
    assert session.phase is Phase.CONNECTING


def test_hello_carries_the_number_once_connected(clock):
    session = new_session(clock, Phase.CONNECTING)
    actions = session.handle(ev.Connected())
    assert sent(actions) == [Hello(protocol=1, number="123456789", client="fernhilfe/test")]
    assert session.phase is Phase.AWAITING_WELCOME


def test_welcome_asks_for_consent_naming_the_expert_with_a_deadline(clock):
    session = new_session(clock, Phase.AWAITING_WELCOME)
    actions = session.handle(ev.MessageReceived(WELCOME))
    assert actions == [
        act.AskConsent(tier=1, expert=EXPERT, recorded=True, retention_days=90, deadline=1060.0)
    ]
    assert session.phase is Phase.ASKING_VIEW
    assert session.granted == 0


def test_allow_shows_the_watermark_before_anything_is_sent(clock):
    session = new_session(clock, Phase.ASKING_VIEW)
    actions = session.handle(ev.ConsentAnswered(1, True))
    assert actions == [act.ShowWatermark(EXPERT)]
    assert session.granted == 0


def test_sharing_starts_only_when_the_watermark_is_shown(clock):
    session = new_session(clock, Phase.STARTING)
    actions = session.handle(ev.WatermarkShown())
    assert kinds(actions) == [act.Send, act.StartScreenShare, act.ShowControlPanel]
    assert sent(actions) == [Consent(tier=1, granted=True)]
    assert session.phase is Phase.SHARING
    assert session.granted == 1


def test_acks_and_refresh_reach_the_screen_share(clock):
    session = new_session(clock, Phase.SHARING)
    assert session.handle(ev.MessageReceived(FrameAck(seq=3))) == [act.AcknowledgeFrame(3)]
    assert session.handle(ev.MessageReceived(Refresh())) == [act.RequestKeyframe()]


# Refusals and denials


def test_deny_sends_refusal_and_end_and_never_shares(clock):
    session = new_session(clock, Phase.ASKING_VIEW)
    actions = session.handle(ev.ConsentAnswered(1, False))
    assert sent(actions) == [Consent(tier=1, granted=False), End(reason="consent_denied")]
    assert not starts_sharing(actions)
    assert actions[-1] == act.Finish(Notice.CONSENT_DENIED)
    assert session.phase is Phase.ENDED


def test_consent_times_out_as_a_denial(clock):
    session = new_session(clock, Phase.ASKING_VIEW)
    clock.now += 59.9
    session.handle(ev.MessageReceived(Heartbeat()))
    assert session.handle(ev.Tick(clock.now)) == [act.Send(Heartbeat())]
    clock.now += 0.1
    actions = session.handle(ev.Tick(clock.now))
    assert actions[0] == act.DismissConsent(1)
    assert sent(actions) == [Consent(tier=1, granted=False), End(reason="consent_denied")]
    assert actions[-1] == act.Finish(Notice.CONSENT_DENIED)


def test_watermark_failure_means_sharing_never_starts(clock):
    session = new_session(clock, Phase.STARTING)
    actions = session.handle(ev.WatermarkFailed("not exposed"))
    assert not starts_sharing(actions)
    assert act.HideWatermark() in actions
    assert sent(actions) == [Consent(tier=1, granted=False), End(reason="watermark_unavailable")]
    assert actions[-1] == act.Finish(Notice.WATERMARK_FAILED)
    assert session.granted == 0


@pytest.mark.parametrize(
    ("code", "notice"), [("invalid_number", Notice.INVALID_NUMBER), ("rate_limited", Notice.RATE_LIMITED)]
)
def test_refused_numbers_go_back_to_number_entry(clock, code, notice):
    session = new_session(clock, Phase.AWAITING_WELCOME)
    actions = session.handle(ev.MessageReceived(Error(code=code, message="no", retry_after=30)))
    assert actions == [act.CloseConnection(1000), act.ShowNumberEntry(notice, 30)]
    assert session.phase is Phase.IDLE
    assert session.handle(ev.ConnectionLost("closed")) == []
    assert kinds(session.handle(ev.JoinRequested("987654321"))) == [act.ShowConnecting, act.OpenConnection]


@pytest.mark.parametrize(
    ("failure", "notice"),
    [
        (ev.ConnectFailure.UNREACHABLE, Notice.UNREACHABLE),
        (ev.ConnectFailure.CERTIFICATE, Notice.CERTIFICATE),
    ],
)
def test_connect_failures_go_back_to_number_entry(clock, failure, notice):
    session = new_session(clock, Phase.CONNECTING)
    assert session.handle(ev.ConnectFailed(failure, "x")) == [act.ShowNumberEntry(notice)]
    assert session.phase is Phase.IDLE


def test_unsupported_version_ends_with_a_version_notice(clock):
    session = new_session(clock, Phase.AWAITING_WELCOME)
    actions = session.handle(ev.MessageReceived(Error(code="unsupported_version", message="v")))
    assert actions[-1] == act.Finish(Notice.VERSION)


def test_welcome_of_another_version_is_not_trusted(clock):
    session = new_session(clock, Phase.AWAITING_WELCOME)
    actions = session.handle(ev.MessageReceived(Welcome(2, "s", EXPERT, True, 90)))
    assert not any(isinstance(a, act.AskConsent) for a in actions)
    assert actions[-1] == act.Finish(Notice.VERSION)


def test_connection_lost_before_welcome_allows_a_retry(clock):
    session = new_session(clock, Phase.AWAITING_WELCOME)
    assert session.handle(ev.ConnectionLost("reset")) == [act.ShowNumberEntry(Notice.CONNECTION_LOST)]
    assert session.phase is Phase.IDLE


def test_malformed_message_before_welcome_allows_a_retry(clock):
    session = new_session(clock, Phase.AWAITING_WELCOME)
    actions = session.handle(ev.ProtocolViolation("not JSON"))
    assert act.ShowNumberEntry(Notice.PROTOCOL_ERROR) in actions
    assert act.CloseConnection(4000) in actions


# Hostile or confused servers


@pytest.mark.parametrize("phase", [Phase.AWAITING_WELCOME, Phase.ASKING_VIEW, Phase.STARTING])
@pytest.mark.parametrize("message", [FrameAck(seq=1), Refresh(), TierRequest(tier=2), TierRequest(tier=3)])
def test_requests_before_consent_are_refused_and_logged(clock, phase, message):
    session = new_session(clock, phase)
    actions = session.handle(ev.MessageReceived(message))
    assert kinds(actions) == [act.LogRefusal]
    assert session.phase is phase
    assert session.granted == 0


def test_admin_rights_are_refused_while_control_is_not_granted(clock):
    session = new_session(clock, Phase.SHARING)
    actions = session.handle(ev.MessageReceived(TierRequest(tier=3)))
    assert sent(actions) == [Consent(tier=3, granted=False)]
    assert session.granted == 1


def test_second_welcome_is_refused(clock):
    session = new_session(clock, Phase.SHARING)
    assert kinds(session.handle(ev.MessageReceived(WELCOME))) == [act.LogRefusal]
    assert session.phase is Phase.SHARING


def test_server_sent_screen_info_is_refused(clock):
    session = new_session(clock, Phase.SHARING)
    assert kinds(session.handle(ev.MessageReceived(ScreenInfo(monitors=())))) == [act.LogRefusal]


def test_malformed_message_while_sharing_stops_sharing_first(clock):
    session = new_session(clock, Phase.SHARING)
    actions = session.handle(ev.ProtocolViolation("garbage"))
    assert actions[0] == act.StopScreenShare()
    assert act.CloseConnection(4000) in actions
    assert actions[-1] == act.Finish(Notice.PROTOCOL_ERROR)


def test_messages_after_the_end_are_refused(clock):
    session = new_session(clock, Phase.ENDED)
    for message in (WELCOME, FrameAck(seq=1), Refresh(), TierRequest(tier=2), End(reason="x")):
        assert kinds(session.handle(ev.MessageReceived(message))) == [act.LogRefusal]


# Ending


def test_customer_ends_while_sharing_stops_everything_before_saying_goodbye(clock):
    session = new_session(clock, Phase.SHARING)
    actions = session.handle(ev.EndRequested())
    assert kinds(actions) == [
        act.StopScreenShare,
        act.HideWatermark,
        act.Send,
        act.CloseConnection,
        act.Finish,
    ]
    assert sent(actions) == [End(reason="customer_ended")]
    assert actions[-1] == act.Finish(Notice.ENDED_BY_CUSTOMER)
    assert session.granted == 0


@pytest.mark.parametrize(
    ("by", "notice"), [("expert", Notice.ENDED_BY_EXPERT), ("server", Notice.ENDED_BY_SERVER)]
)
def test_server_end_while_sharing(clock, by, notice):
    session = new_session(clock, Phase.SHARING)
    actions = session.handle(ev.MessageReceived(End(reason="bye", by=by)))
    assert actions[:2] == [act.StopScreenShare(), act.HideWatermark()]
    assert actions[-1] == act.Finish(notice)


def test_expert_ending_during_consent_closes_the_dialog(clock):
    session = new_session(clock, Phase.ASKING_VIEW)
    actions = session.handle(ev.MessageReceived(End(reason="expert_ended", by="expert")))
    assert actions[0] == act.DismissConsent(1)
    assert actions[-1] == act.Finish(Notice.ENDED_BY_EXPERT)


def test_connection_lost_while_sharing(clock):
    session = new_session(clock, Phase.SHARING)
    actions = session.handle(ev.ConnectionLost("reset"))
    assert actions == [act.StopScreenShare(), act.HideWatermark(), act.Finish(Notice.CONNECTION_LOST)]


def test_capture_failure_ends_the_session(clock):
    session = new_session(clock, Phase.SHARING)
    actions = session.handle(ev.ShareFailed("X server gone"))
    assert actions[0] == act.StopScreenShare()
    assert actions[-1] == act.Finish(Notice.SHARE_FAILED)


def test_cancel_at_number_entry_finishes_without_connecting(clock):
    session = new_session(clock)
    assert session.handle(ev.EndRequested()) == [act.Finish(Notice.ENDED_BY_CUSTOMER)]


def test_everything_after_the_end_is_quiet(clock):
    session = new_session(clock, Phase.ENDED)
    for event in (
        ev.EndRequested(),
        ev.ConnectionLost("x"),
        ev.ConsentAnswered(1, True),
        ev.WatermarkShown(),
        ev.Tick(clock.now + 1000),
    ):
        assert session.handle(event) == []
    assert session.granted == 0


# Events the table does not allow


ILLEGAL = [
    (Phase.IDLE, ev.Connected()),
    (Phase.IDLE, ev.ConsentAnswered(1, True)),
    (Phase.IDLE, ev.WatermarkShown()),
    (Phase.CONNECTING, ev.JoinRequested("123456789")),
    (Phase.CONNECTING, ev.ConsentAnswered(1, True)),
    (Phase.AWAITING_WELCOME, ev.ConsentAnswered(1, True)),
    (Phase.AWAITING_WELCOME, ev.WatermarkShown()),
    (Phase.AWAITING_WELCOME, ev.Connected()),
    (Phase.ASKING_VIEW, ev.WatermarkShown()),
    (Phase.ASKING_VIEW, ev.JoinRequested("123456789")),
    (Phase.STARTING, ev.ConsentAnswered(1, True)),
    (Phase.SHARING, ev.ConsentAnswered(1, True)),
    (Phase.SHARING, ev.WatermarkShown()),
    (Phase.SHARING, ev.JoinRequested("123456789")),
    (Phase.ENDED, ev.JoinRequested("123456789")),
    (Phase.ENDED, ev.Connected()),
]


@pytest.mark.parametrize(("phase", "event"), ILLEGAL, ids=lambda x: getattr(x, "value", type(x).__name__))
def test_events_outside_the_table_raise_and_change_nothing(clock, phase, event):
    session = new_session(clock, phase)
    granted = session.granted
    with pytest.raises(IllegalEvent):
        session.handle(event)
    assert session.phase is phase
    assert session.granted == granted


def test_consent_for_an_unasked_tier_is_illegal(clock):
    session = new_session(clock, Phase.ASKING_VIEW)
    with pytest.raises(IllegalEvent):
        session.handle(ev.ConsentAnswered(2, True))
    assert session.phase is Phase.ASKING_VIEW


# Chat


def test_chat_from_the_expert_is_shown_once_joined(clock):
    message = Chat(text="<b>Hallo</b>", by="expert", at="2026-11-24T17:00:00Z")
    for phase in (Phase.ASKING_VIEW, Phase.STARTING, Phase.SHARING):
        session = new_session(clock, phase)
        assert session.handle(ev.MessageReceived(message)) == [act.ShowChat(message)]
    session = new_session(clock, Phase.AWAITING_WELCOME)
    assert kinds(session.handle(ev.MessageReceived(message))) == [act.LogRefusal]


def test_the_customers_chat_is_sent_and_shown_trimmed(clock):
    session = new_session(clock, Phase.SHARING)
    actions = session.handle(ev.ChatSent("  Der Drucker geht nicht.  "))
    assert actions == [
        act.Send(Chat(text="Der Drucker geht nicht.")),
        act.ShowChat(Chat(text="Der Drucker geht nicht.", by="customer")),
    ]


@pytest.mark.parametrize("text", ["", "   ", "x" * 2001])
def test_empty_or_overlong_chat_is_illegal(clock, text):
    session = new_session(clock, Phase.SHARING)
    with pytest.raises(IllegalEvent):
        session.handle(ev.ChatSent(text))
