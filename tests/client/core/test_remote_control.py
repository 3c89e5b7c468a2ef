"""Remote control inside a sharing session: consent, yield, resume, revoke — and every way input
must not get through."""

import pytest

from client.core import actions as act
from client.core import events as ev
from client.core.actions import InputMessage
from client.core.notice import Notice
from client.core.phase import Phase
from client.core.session import IllegalEvent
from protocol.messages import (
    Consent,
    Control,
    End,
    Heartbeat,
    Key,
    PointerButton,
    PointerMove,
    SelectMonitor,
    Text,
    TierRelease,
    TierRequest,
    TierRevoke,
    Wheel,
)
from tests.client.core.test_session import EXPERT, FakeClock, kinds, new_session, sent

INPUTS: list[InputMessage] = [
    PointerMove(monitor=0, x=10, y=10),
    PointerButton(monitor=0, x=10, y=10, button="left", down=True),
    Wheel(monitor=0, x=1, y=1, dx=0, dy=2),
    Key(code="KeyA", down=True),
    Text(text="ä"),
]


@pytest.fixture
def clock():
    return FakeClock()


def injected(actions):
    return [a.message for a in actions if isinstance(a, act.InjectInput)]


def controlled_session(clock):
    session = new_session(clock, Phase.SHARING)
    session.handle(ev.MessageReceived(TierRequest(tier=2)))
    session.handle(ev.ConsentAnswered(2, True))
    assert session.granted == 2
    return session


def test_a_control_request_asks_the_customer_naming_the_expert(clock):
    session = new_session(clock, Phase.SHARING)
    actions = session.handle(ev.MessageReceived(TierRequest(tier=2)))
    assert actions == [
        act.AskConsent(tier=2, expert=EXPERT, recorded=True, retention_days=90, deadline=1060.0)
    ]
    assert session.granted == 1


def test_allowing_control_starts_input_and_tells_who_holds_it(clock):
    session = new_session(clock, Phase.SHARING)
    session.handle(ev.MessageReceived(TierRequest(tier=2)))
    actions = session.handle(ev.ConsentAnswered(2, True))
    assert kinds(actions) == [act.Send, act.StartRemoteInput, act.Send, act.ShowControlState]
    assert sent(actions) == [Consent(tier=2, granted=True), Control(holder="expert")]
    assert session.expert_holds_control


def test_denying_control_keeps_view_only(clock):
    session = new_session(clock, Phase.SHARING)
    session.handle(ev.MessageReceived(TierRequest(tier=2)))
    actions = session.handle(ev.ConsentAnswered(2, False))
    assert sent(actions) == [Consent(tier=2, granted=False)]
    assert session.granted == 1
    assert session.phase is Phase.SHARING


def test_an_unanswered_control_request_times_out_as_a_denial(clock):
    session = new_session(clock, Phase.SHARING)
    session.handle(ev.MessageReceived(TierRequest(tier=2)))
    clock.now += 60
    session.handle(ev.MessageReceived(Heartbeat()))
    actions = session.handle(ev.Tick(clock.now))
    assert actions[0] == act.DismissConsent(2)
    assert sent(actions) == [Consent(tier=2, granted=False), Heartbeat()]
    assert session.granted == 1


def test_a_second_request_while_one_is_open_is_refused(clock):
    session = new_session(clock, Phase.SHARING)
    session.handle(ev.MessageReceived(TierRequest(tier=2)))
    assert kinds(session.handle(ev.MessageReceived(TierRequest(tier=2)))) == [act.LogRefusal]


@pytest.mark.parametrize("message", INPUTS, ids=lambda m: m.TYPE)
def test_input_with_control_granted_is_injected(clock, message):
    session = controlled_session(clock)
    assert injected(session.handle(ev.MessageReceived(message))) == [message]


@pytest.mark.parametrize("message", INPUTS, ids=lambda m: m.TYPE)
def test_input_before_consent_is_never_injected(clock, message):
    session = new_session(clock, Phase.SHARING)
    assert kinds(session.handle(ev.MessageReceived(message))) == [act.LogRefusal]
    session.handle(ev.MessageReceived(TierRequest(tier=2)))
    assert kinds(session.handle(ev.MessageReceived(message))) == [act.LogRefusal]


@pytest.mark.parametrize("phase", [Phase.AWAITING_WELCOME, Phase.ASKING_VIEW, Phase.STARTING, Phase.ENDED])
@pytest.mark.parametrize("message", INPUTS, ids=lambda m: m.TYPE)
def test_input_outside_sharing_is_never_injected(clock, phase, message):
    session = new_session(clock, phase)
    assert kinds(session.handle(ev.MessageReceived(message))) == [act.LogRefusal]


def test_the_customer_moving_the_mouse_yields_at_once_and_control_resumes_after_the_rest(clock):
    session = controlled_session(clock)
    actions = session.handle(ev.LocalInput(clock.now))
    assert kinds(actions) == [act.YieldInput, act.Send, act.ShowControlState]
    assert sent(actions) == [Control(holder="customer")]
    for message in INPUTS:
        assert injected(session.handle(ev.MessageReceived(message))) == []
    clock.now += 1.0
    assert session.handle(ev.LocalInput(clock.now)) == []
    clock.now += 1.4
    assert session.handle(ev.Tick(clock.now)) == []
    clock.now += 0.1
    actions = session.handle(ev.Tick(clock.now))
    assert kinds(actions) == [act.ResumeInput, act.Send, act.ShowControlState]
    assert sent(actions) == [Control(holder="expert")]
    assert injected(session.handle(ev.MessageReceived(INPUTS[0]))) == [INPUTS[0]]


def test_local_input_without_control_changes_nothing(clock):
    session = new_session(clock, Phase.SHARING)
    assert session.handle(ev.LocalInput(clock.now)) == []


def test_view_only_stops_input_and_tells_the_server(clock):
    session = controlled_session(clock)
    actions = session.handle(ev.RevokeRequested(2))
    assert kinds(actions) == [act.StopRemoteInput, act.Send, act.ShowControlState]
    assert sent(actions) == [TierRevoke(tier=2)]
    assert session.granted == 1
    assert kinds(session.handle(ev.MessageReceived(INPUTS[0]))) == [act.LogRefusal]


def test_the_expert_releasing_control_is_answered_with_a_revoke(clock):
    session = controlled_session(clock)
    actions = session.handle(ev.MessageReceived(TierRelease(tier=2)))
    assert sent(actions) == [TierRevoke(tier=2)]
    assert act.StopRemoteInput() in actions
    assert session.granted == 1


def test_releasing_without_a_grant_is_refused(clock):
    session = new_session(clock, Phase.SHARING)
    assert kinds(session.handle(ev.MessageReceived(TierRelease(tier=2)))) == [act.LogRefusal]
    assert kinds(session.handle(ev.MessageReceived(TierRelease(tier=1)))) == [act.LogRefusal]


def test_absurd_input_rates_are_cut(clock):
    session = controlled_session(clock)
    results = [injected(session.handle(ev.MessageReceived(INPUTS[0]))) for _ in range(300)]
    assert sum(1 for r in results if r) == 250
    clock.now += 1.0
    assert injected(session.handle(ev.MessageReceived(INPUTS[0]))) == [INPUTS[0]]


def test_ending_stops_input_before_anything_else(clock):
    session = controlled_session(clock)
    actions = session.handle(ev.MessageReceived(End(reason="x", by="expert")))
    assert actions[:2] == [act.StopRemoteInput(), act.StopScreenShare()]
    assert actions[-1] == act.Finish(Notice.ENDED_BY_EXPERT)
    assert session.granted == 0


def test_revoking_view_ends_the_session(clock):
    session = controlled_session(clock)
    actions = session.handle(ev.RevokeRequested(1))
    assert actions[0] == act.StopRemoteInput()
    assert sent(actions)[-1] == End(reason="customer_ended")


def test_consent_for_control_without_a_request_is_illegal(clock):
    session = new_session(clock, Phase.SHARING)
    with pytest.raises(IllegalEvent):
        session.handle(ev.ConsentAnswered(2, True))
    assert session.granted == 1


def test_monitor_selection_reaches_the_screen_share(clock):
    session = new_session(clock, Phase.SHARING)
    assert session.handle(ev.MessageReceived(SelectMonitor(monitor=1))) == [act.SelectMonitor(1)]
