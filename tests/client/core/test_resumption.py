"""A dropped connection after `welcome`: nothing shared or injected until the server resumes the
session with the one-time token; tiers 1 and 2 come back, a pending consent is asked again."""

import pytest

from client.core import actions as act
from client.core import events as ev
from client.core.caller_check import CallerCheck
from client.core.notice import Notice
from client.core.phase import Phase
from client.core.session import CustomerSession
from protocol.messages import (
    Chat,
    Consent,
    Control,
    End,
    Error,
    Expert,
    FrameAck,
    Heartbeat,
    PointerMove,
    Resume,
    Resumed,
    TierRequest,
    TierRevoke,
    Welcome,
)

EXPERT = Expert("Anna Berger", "Beispiel GmbH")
WELCOME = Welcome(1, "s1", EXPERT, recorded=True, retention_days=90, resume_token="token-1")


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return FakeClock()


def session_in(clock, phase, control=False):
    session = CustomerSession(clock, client_name="fernhilfe/test", consent_timeout_s=60)
    steps: list[ev.Event] = [ev.JoinRequested("123456789"), ev.Connected(), ev.MessageReceived(WELCOME)]
    if phase in (Phase.STARTING, Phase.SHARING):
        steps.append(ev.ConsentAnswered(1, True))
    if phase is Phase.SHARING:
        steps.append(ev.WatermarkShown())
    if control:
        steps += [ev.MessageReceived(TierRequest(tier=2)), ev.ConsentAnswered(2, True)]
    for step in steps:
        session.handle(step)
    assert session.phase is phase
    return session


def sent(actions):
    return [a.message for a in actions if isinstance(a, act.Send)]


def kinds(actions):
    return [type(a) for a in actions]


def reconnect(session, clock):
    """Drive the drop to the point where a new connection is open and `resume` was sent."""
    attempt = session.handle(ev.Tick(clock.now))
    assert kinds(attempt) == [act.OpenConnection]
    return session.handle(ev.Connected())


def test_a_drop_while_controlling_stops_sharing_and_input_first_and_keeps_the_watermark(clock):
    session = session_in(clock, Phase.SHARING, control=True)
    actions = session.handle(ev.ConnectionLost("reset"))
    assert kinds(actions) == [
        act.StopRemoteInput,
        act.StopScreenShare,
        act.ConnectionInterrupted,
        act.ShowReconnecting,
    ]
    assert actions[-1] == act.ShowReconnecting(deadline=1060.0)
    assert session.phase is Phase.RECONNECTING


@pytest.mark.parametrize(
    "message",
    [PointerMove(monitor=0, x=1, y=1), FrameAck(seq=1), TierRequest(tier=2), Welcome(**WELCOME.__dict__)],
)
def test_nothing_the_server_sends_is_acted_on_before_resumed(clock, message):
    session = session_in(clock, Phase.SHARING, control=True)
    session.handle(ev.ConnectionLost("cut"))
    reconnect(session, clock)
    actions = session.handle(ev.MessageReceived(message))
    assert kinds(actions) == [act.LogRefusal]


def test_local_input_and_stale_reports_during_the_gap_do_nothing(clock):
    session = session_in(clock, Phase.SHARING, control=True)
    session.handle(ev.ConnectionLost("cut"))
    for event in (ev.LocalInput(clock.now), ev.ShareFailed("stopped"), ev.WatermarkShown()):
        assert session.handle(event) == []


def test_resume_sends_the_token_and_carries_on_with_tiers_1_and_2(clock):
    session = session_in(clock, Phase.SHARING, control=True)
    session.handle(ev.ConnectionLost("cut"))
    clock.now += 5
    assert sent(reconnect(session, clock)) == [Resume(protocol=1, session_id="s1", token="token-1")]
    actions = session.handle(ev.MessageReceived(Resumed(resume_token="token-2")))
    assert kinds(actions)[:3] == [act.ShowReconnected, act.StartScreenShare, act.StartRemoteInput]
    assert sent(actions) == [Control(holder="expert")]
    assert session.phase is Phase.SHARING and session.granted == 2
    assert session.resume_token == "token-2"
    injected = session.handle(ev.MessageReceived(PointerMove(monitor=0, x=1, y=1)))
    assert kinds(injected) == [act.InjectInput]


def test_a_drop_during_the_consent_dialog_closes_it_and_asks_again_after_the_resume(clock):
    session = session_in(clock, Phase.ASKING_VIEW)
    actions = session.handle(ev.ConnectionLost("cut"))
    assert actions[0] == act.DismissConsent(1)
    assert not any(isinstance(a, act.StartScreenShare) for a in actions)
    reconnect(session, clock)
    resumed = session.handle(ev.MessageReceived(Resumed(resume_token="token-2")))
    assert [type(a) for a in resumed] == [act.ShowReconnected, act.AskConsent]
    assert session.phase is Phase.ASKING_VIEW


def test_a_drop_while_the_watermark_is_coming_up_hides_it_and_asks_again(clock):
    session = session_in(clock, Phase.STARTING)
    actions = session.handle(ev.ConnectionLost("cut"))
    assert actions[0] == act.HideWatermark()
    reconnect(session, clock)
    resumed = session.handle(ev.MessageReceived(Resumed(resume_token="token-2")))
    assert act.AskConsent in kinds(resumed)


def test_a_pending_control_request_is_withdrawn_by_the_drop(clock):
    session = session_in(clock, Phase.SHARING)
    session.handle(ev.MessageReceived(TierRequest(tier=2)))
    actions = session.handle(ev.ConnectionLost("cut"))
    assert actions[0] == act.DismissConsent(2)
    reconnect(session, clock)
    resumed = session.handle(ev.MessageReceived(Resumed(resume_token="token-2")))
    assert act.StartRemoteInput not in kinds(resumed)


def test_chat_and_view_only_while_away_are_sent_after_the_resume(clock):
    session = session_in(clock, Phase.SHARING, control=True)
    session.handle(ev.ConnectionLost("cut"))
    assert sent(session.handle(ev.ChatSent("Bin gleich zurück"))) == []
    assert sent(session.handle(ev.RevokeRequested(2))) == []
    reconnect(session, clock)
    resumed = session.handle(ev.MessageReceived(Resumed(resume_token="token-2")))
    assert sent(resumed) == [Chat(text="Bin gleich zurück"), TierRevoke(tier=2)]
    assert act.StartRemoteInput not in kinds(resumed)
    assert session.granted == 1


def test_failed_attempts_retry_until_the_window_ends_then_the_session_ends(clock):
    session = session_in(clock, Phase.SHARING)
    session.handle(ev.ConnectionLost("cut"))
    attempts = 0
    while session.phase is Phase.RECONNECTING:
        actions = session.handle(ev.Tick(clock.now))
        if act.OpenConnection() in actions:
            attempts += 1
            session.handle(ev.ConnectFailed(ev.ConnectFailure.UNREACHABLE, "refused"))
        clock.now += 0.25
    assert 10 <= attempts <= 20
    assert clock.now == pytest.approx(1060.25)
    assert actions[-1] == act.Finish(Notice.RESUME_FAILED)
    assert act.HideWatermark() in actions and act.DropConnection() in actions


def test_a_refused_resume_ends_the_session_with_a_plain_notice(clock):
    session = session_in(clock, Phase.SHARING)
    session.handle(ev.ConnectionLost("cut"))
    reconnect(session, clock)
    refusal = Error(code="resume_refused", message="unknown or already used resume token")
    actions = session.handle(ev.MessageReceived(refusal))
    assert act.HideWatermark() in actions and actions[-1] == act.Finish(Notice.RESUME_FAILED)


def test_a_certificate_failure_on_reconnect_ends_the_session(clock):
    session = session_in(clock, Phase.SHARING)
    session.handle(ev.ConnectionLost("cut"))
    session.handle(ev.Tick(clock.now))
    actions = session.handle(ev.ConnectFailed(ev.ConnectFailure.CERTIFICATE, "pin mismatch"))
    assert actions[-1] == act.Finish(Notice.CERTIFICATE)


def test_a_silent_server_is_dropped_after_10_seconds_and_the_session_reconnects(clock):
    session = session_in(clock, Phase.SHARING, control=True)
    beats = []
    for _ in range(int(10 / 0.25) + 1):
        clock.now += 0.25
        actions = session.handle(ev.Tick(clock.now))
        beats += sent(actions)
        if session.phase is Phase.RECONNECTING:
            break
    assert session.phase is Phase.RECONNECTING
    assert 3 <= len(beats) <= 4 and set(beats) == {Heartbeat()}
    assert actions[0] == act.DropConnection()
    assert act.StopRemoteInput() in actions and act.StopScreenShare() in actions


def test_ending_while_reconnecting_ends_at_once(clock):
    session = session_in(clock, Phase.SHARING)
    session.handle(ev.ConnectionLost("cut"))
    actions = session.handle(ev.EndRequested())
    assert actions[-1] == act.Finish(Notice.ENDED_BY_CUSTOMER)
    assert act.HideWatermark() in actions


def test_the_server_ending_the_session_during_the_resume_is_respected(clock):
    session = session_in(clock, Phase.SHARING)
    session.handle(ev.ConnectionLost("cut"))
    reconnect(session, clock)
    actions = session.handle(ev.MessageReceived(End(reason="expert_ended", by="expert")))
    assert actions[-1] == act.Finish(Notice.ENDED_BY_EXPERT)


def test_a_server_without_resume_tokens_ends_the_session_on_a_drop(clock):
    session = CustomerSession(clock, client_name="fernhilfe/test")
    old = Welcome(1, "s1", EXPERT, recorded=True, retention_days=90)
    for step in (ev.JoinRequested("123456789"), ev.Connected(), ev.MessageReceived(old)):
        session.handle(step)
    actions = session.handle(ev.ConnectionLost("cut"))
    assert actions[-1] == act.Finish(Notice.CONNECTION_LOST)
    assert Consent not in [type(m) for m in sent(actions)]


def test_a_server_that_closes_for_a_restart_is_named_and_a_server_that_cannot_be_reached_too(clock):
    session = session_in(clock, Phase.SHARING)
    actions = session.handle(ev.ConnectionLost("closed (1001): server_restart", server_restarting=True))
    assert actions[-1] == act.ShowReconnecting(1060.0, act.LinkTrouble.SERVER_RESTARTING)
    assert kinds(session.handle(ev.Tick(clock.now))) == [act.OpenConnection]
    assert session.handle(ev.ConnectFailed(ev.ConnectFailure.UNREACHABLE, "refused")) == []

    dropped = session_in(clock, Phase.SHARING)
    dropped.handle(ev.ConnectionLost("reset"))
    dropped.handle(ev.Tick(clock.now))
    told = dropped.handle(ev.ConnectFailed(ev.ConnectFailure.UNREACHABLE, "refused"))
    assert told == [act.ShowReconnecting(1060.0, act.LinkTrouble.SERVER_UNREACHABLE)]
    clock.now += 1
    dropped.handle(ev.Tick(clock.now))
    assert dropped.handle(ev.ConnectFailed(ev.ConnectFailure.UNREACHABLE, "refused")) == [], "told once"


CALLER = CallerCheck("Beispiel GmbH", "+49 30 1234567")


@pytest.mark.parametrize(
    ("phase", "steps", "dismissed", "asked_again"),
    [
        (Phase.ASKING_CALLER, [], act.DismissCallerCheck, act.AskWhoCalled),
        (Phase.WARNING_CALLER, [ev.CallerAnswered(False)], act.DismissCallerCheck, act.AskWhoCalled),
        (Phase.ASKING_VIEW, [ev.CallerAnswered(True)], act.DismissConsent, act.AskWhoCalled),
        (
            Phase.STARTING,
            [ev.CallerAnswered(True), ev.ConsentAnswered(1, True)],
            act.HideWatermark,
            act.AskWhoCalled,
        ),
        (
            Phase.SHARING,
            [ev.CallerAnswered(True), ev.ConsentAnswered(1, True), ev.WatermarkShown()],
            act.StopScreenShare,
            act.StartScreenShare,
        ),
    ],
)
def test_a_cut_in_every_phase_after_welcome_stops_what_is_open_and_resumes_there(
    clock, phase, steps, dismissed, asked_again
):
    session = CustomerSession(clock, client_name="fernhilfe/test", consent_timeout_s=60, caller_check=CALLER)
    for step in [ev.JoinRequested("123456789"), ev.Connected(), ev.MessageReceived(WELCOME), *steps]:
        session.handle(step)
    assert session.phase is phase
    lost = session.handle(ev.ConnectionLost("cut"))
    assert dismissed in kinds(lost) and session.phase is Phase.RECONNECTING
    assert [a for a in lost if isinstance(a, act.Send | act.InjectInput | act.StartScreenShare)] == []
    assert sent(reconnect(session, clock)) == [Resume(protocol=1, session_id="s1", token="token-1")]
    back = session.handle(ev.MessageReceived(Resumed(resume_token="token-2")))
    assert asked_again in kinds(back) and session.resume_token == "token-2"
