"""Administrator rights (tier 3) inside a controlled session: consent, the operating system's
prompt, commands — and every way a command must not run."""

import pytest

from client.core import actions as act
from client.core import events as ev
from client.core.admin import TRUNCATED_NOTICE
from client.core.phase import Phase
from protocol import limits
from protocol.messages import (
    AdminCommand,
    AdminExit,
    AdminOutput,
    AdminRefused,
    AdminUnavailable,
    Consent,
    Control,
    End,
    Heartbeat,
    TierRelease,
    TierRequest,
    TierRevoke,
)
from tests.client.core.test_remote_control import controlled_session
from tests.client.core.test_session import EXPERT, FakeClock, kinds, new_session, sent

COMMAND = AdminCommand(id=1, command="id -u")


@pytest.fixture
def clock():
    return FakeClock()


def runs(actions):
    return [a for a in actions if isinstance(a, act.RunAdminCommand)]


def asked_admin(clock):
    session = controlled_session(clock)
    session.handle(ev.MessageReceived(TierRequest(tier=3)))
    return session


def elevating(clock):
    session = asked_admin(clock)
    session.handle(ev.ConsentAnswered(3, True))
    return session


def admin_session(clock):
    session = elevating(clock)
    session.handle(ev.AdminHelperReady())
    assert session.granted == 3
    return session


def test_an_admin_request_asks_the_customer_naming_the_expert(clock):
    session = controlled_session(clock)
    actions = session.handle(ev.MessageReceived(TierRequest(tier=3)))
    assert actions == [
        act.AskConsent(tier=3, expert=EXPERT, recorded=True, retention_days=90, deadline=1060.0)
    ]
    assert session.granted == 2


def test_allowing_opens_the_operating_system_prompt_before_anything_is_granted(clock):
    session = asked_admin(clock)
    actions = session.handle(ev.ConsentAnswered(3, True))
    assert actions == [act.StartAdminHelper()]
    assert sent(actions) == []
    assert session.granted == 2


def test_the_helper_being_ready_grants_tier_3_and_tells_the_customer(clock):
    session = elevating(clock)
    actions = session.handle(ev.AdminHelperReady())
    assert actions == [act.Send(Consent(tier=3, granted=True)), act.ShowAdminState(active=True)]
    assert session.granted == 3


def test_denying_admin_keeps_control(clock):
    session = asked_admin(clock)
    actions = session.handle(ev.ConsentAnswered(3, False))
    assert actions == [act.Send(Consent(tier=3, granted=False))]
    assert session.granted == 2


def test_an_unanswered_admin_request_times_out_as_a_denial(clock):
    session = asked_admin(clock)
    clock.now += 59
    session.handle(ev.MessageReceived(Heartbeat()))
    assert session.handle(ev.Tick(clock.now)) == [act.Send(Heartbeat())]
    clock.now += 1
    actions = session.handle(ev.Tick(clock.now))
    assert kinds(actions) == [act.DismissConsent, act.Send]
    assert sent(actions) == [Consent(tier=3, granted=False)]


def test_a_dismissed_prompt_is_a_denial_and_the_expert_is_told(clock):
    session = elevating(clock)
    actions = session.handle(ev.AdminHelperFailed(dismissed=True, detail="exit 126"))
    assert sent(actions) == [AdminUnavailable(reason="dismissed"), Consent(tier=3, granted=False)]
    assert act.ShowAdminUnavailable(dismissed=True) in actions
    assert act.StopAdminHelper() in actions
    assert session.granted == 2 and session.phase is Phase.SHARING


def test_a_prompt_left_open_too_long_stops_the_launch(clock):
    session = elevating(clock)
    clock.now += 60
    session.handle(ev.MessageReceived(Heartbeat()))
    actions = session.handle(ev.Tick(clock.now))
    assert sent(actions) == [AdminUnavailable(reason="failed"), Consent(tier=3, granted=False), Heartbeat()]
    assert actions[0] == act.StopAdminHelper()


def test_a_command_is_shown_before_it_runs(clock):
    session = admin_session(clock)
    actions = session.handle(ev.MessageReceived(COMMAND))
    assert actions == [act.ShowAdminCommand(1, "id -u"), act.RunAdminCommand(1, "id -u")]


def test_output_and_exit_go_to_the_expert_and_the_customer(clock):
    session = admin_session(clock)
    session.handle(ev.MessageReceived(COMMAND))
    out = session.handle(ev.AdminOutputRead(1, "stdout", "0\n"))
    assert out == [
        act.Send(AdminOutput(id=1, stream="stdout", data="0\n")),
        act.ShowAdminOutput(1, "stdout", "0\n"),
    ]
    end = session.handle(ev.AdminCommandExited(1, 0))
    assert end == [act.Send(AdminExit(id=1, status=0)), act.ShowAdminExit(1, 0)]
    assert runs(session.handle(ev.MessageReceived(AdminCommand(id=2, command="true"))))


def test_long_output_is_split_and_cut_off(clock):
    session = admin_session(clock)
    session.handle(ev.MessageReceived(COMMAND))
    piece = "x" * (limits.MAX_ADMIN_OUTPUT_CHARS * 2 + 1)
    messages = sent(session.handle(ev.AdminOutputRead(1, "stdout", piece)))
    assert [len(m.data) for m in messages] == [limits.MAX_ADMIN_OUTPUT_CHARS] * 2 + [1]
    total = len(piece)
    while total < limits.MAX_ADMIN_OUTPUT_PER_COMMAND:
        session.handle(ev.AdminOutputRead(1, "stdout", piece))
        total += len(piece)
    assert sent(session.handle(ev.AdminOutputRead(1, "stdout", "more"))) == []
    session2 = admin_session(FakeClock())
    session2.handle(ev.MessageReceived(COMMAND))
    big = "y" * (limits.MAX_ADMIN_OUTPUT_PER_COMMAND + 5)
    last = sent(session2.handle(ev.AdminOutputRead(1, "stdout", big)))
    assert last[-1] == AdminOutput(id=1, stream="stderr", data=TRUNCATED_NOTICE)
    assert sum(len(m.data) for m in last[:-1]) == limits.MAX_ADMIN_OUTPUT_PER_COMMAND


def test_a_second_command_while_one_runs_is_refused(clock):
    session = admin_session(clock)
    session.handle(ev.MessageReceived(COMMAND))
    actions = session.handle(ev.MessageReceived(AdminCommand(id=2, command="reboot")))
    assert sent(actions) == [AdminRefused(id=2, reason="busy")]
    assert not runs(actions)


def test_no_command_starts_while_the_customer_holds_control(clock):
    session = admin_session(clock)
    session.handle(ev.LocalInput(clock.now))
    actions = session.handle(ev.MessageReceived(COMMAND))
    assert sent(actions) == [AdminRefused(id=1, reason="customer_holds_control")]
    assert not runs(actions)
    clock.now += 2
    assert Control(holder="expert") in sent(session.handle(ev.Tick(clock.now)))
    assert runs(session.handle(ev.MessageReceived(COMMAND)))


@pytest.mark.parametrize(
    "reach",
    ["sharing", "controlled", "asking", "elevating", "dismissed", "denied", "revoked", "released", "lost"],
)
def test_a_command_without_tier_3_never_runs(clock, reach):
    if reach == "sharing":
        session = new_session(clock, Phase.SHARING)
    elif reach == "controlled":
        session = controlled_session(clock)
    elif reach == "asking":
        session = asked_admin(clock)
    elif reach == "elevating":
        session = elevating(clock)
    elif reach == "dismissed":
        session = elevating(clock)
        session.handle(ev.AdminHelperFailed(dismissed=True, detail="126"))
    elif reach == "denied":
        session = asked_admin(clock)
        session.handle(ev.ConsentAnswered(3, False))
    elif reach == "revoked":
        session = admin_session(clock)
        session.handle(ev.RevokeRequested(3))
    elif reach == "released":
        session = admin_session(clock)
        session.handle(ev.MessageReceived(TierRelease(tier=3)))
    else:
        session = admin_session(clock)
        session.handle(ev.AdminHelperLost("gone"))
    actions = session.handle(ev.MessageReceived(COMMAND))
    assert not runs(actions)
    assert kinds(actions) == [act.LogRefusal, act.Send]
    assert sent(actions) == [AdminRefused(id=1, reason="not_granted")]


def test_an_admin_request_without_control_is_refused(clock):
    session = new_session(clock, Phase.SHARING)
    actions = session.handle(ev.MessageReceived(TierRequest(tier=3)))
    assert kinds(actions) == [act.LogRefusal, act.Send]
    assert sent(actions) == [Consent(tier=3, granted=False)]


def test_dropping_admin_stops_the_helper_first_and_keeps_control(clock):
    session = admin_session(clock)
    session.handle(ev.MessageReceived(COMMAND))
    actions = session.handle(ev.RevokeRequested(3))
    assert actions[0] == act.StopAdminHelper()
    assert act.ShowAdminExit(1, None) in actions
    assert sent(actions) == [TierRevoke(tier=3)]
    assert session.granted == 2
    assert sent(session.handle(ev.AdminOutputRead(1, "stdout", "late"))) == []
    assert sent(session.handle(ev.AdminCommandExited(1, 0))) == []


def test_the_expert_releasing_admin_is_answered_with_a_revoke(clock):
    session = admin_session(clock)
    actions = session.handle(ev.MessageReceived(TierRelease(tier=3)))
    assert actions[0] == act.StopAdminHelper()
    assert sent(actions) == [TierRevoke(tier=3)]


@pytest.mark.parametrize(
    "drop", [ev.RevokeRequested(2), ev.MessageReceived(TierRelease(tier=2))], ids=["view_only", "released"]
)
def test_dropping_control_drops_admin_with_it(clock, drop):
    session = admin_session(clock)
    actions = session.handle(drop)
    assert actions[0] == act.StopAdminHelper()
    assert sent(actions) == [TierRevoke(tier=2)]
    assert session.granted == 1


def test_dropping_control_while_the_prompt_is_open_stops_the_launch(clock):
    session = elevating(clock)
    actions = session.handle(ev.RevokeRequested(2))
    assert actions[0] == act.StopAdminHelper()
    assert sent(actions) == [TierRevoke(tier=2)]
    assert sent(session.handle(ev.AdminHelperReady())) == []
    assert session.granted == 1


def test_a_helper_ready_too_late_is_stopped_and_grants_nothing(clock):
    session = asked_admin(clock)
    session.handle(ev.ConsentAnswered(3, False))
    assert session.handle(ev.AdminHelperReady()) == [act.StopAdminHelper()]
    assert session.granted == 2


@pytest.mark.parametrize(
    "ending",
    [ev.EndRequested(), ev.ConnectionLost("reset"), ev.MessageReceived(End(reason="x", by="expert"))],
    ids=["customer", "lost", "expert"],
)
def test_ending_the_session_stops_the_helper_before_anything_else(clock, ending):
    session = admin_session(clock)
    actions = session.handle(ending)
    assert actions[0] == act.StopAdminHelper()
    assert session.phase is Phase.ENDED
    assert session.handle(ev.AdminHelperReady()) == []


def test_admin_consent_is_never_remembered(clock):
    session = admin_session(clock)
    session.handle(ev.RevokeRequested(3))
    actions = session.handle(ev.MessageReceived(TierRequest(tier=3)))
    assert kinds(actions) == [act.AskConsent]
    session.handle(ev.ConsentAnswered(3, True))
    assert session.granted == 2, "a new grant needs the operating system's prompt again"
