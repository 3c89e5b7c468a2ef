"""The session core verifies who is asking before any consent dialog, and asks who called whom."""

import pytest

from client.core import actions as act
from client.core import events as ev
from client.core.caller_check import CallerCheck
from client.core.notice import Notice
from client.core.phase import Phase
from client.core.session import CustomerSession, IllegalEvent
from protocol.messages import Consent, End, Expert, Heartbeat, TierRequest, Welcome
from tests.support.descriptors import NOW, Organisation, tampered

WELCOME = Welcome(1, "s1", Expert("Anna Berger", "Beispiel GmbH"), recorded=True, retention_days=90)
ORG = Organisation()
CALLER = CallerCheck("Beispiel GmbH", "+49 30 1234567")


def joined(key=ORG.public_key, caller=None, clock=lambda: 100.0):
    session = CustomerSession(
        clock,
        client_name="fernhilfe/test",
        consent_timeout_s=60,
        identity_key=key,
        caller_check=caller,
        wall_clock=lambda: NOW + 1.0,
    )
    session.handle(ev.JoinRequested("482190337"))
    session.handle(ev.Connected())
    return session


def welcome(session, descriptor):
    actions = [] if descriptor is None else session.handle(ev.MessageReceived(descriptor))
    return actions + session.handle(ev.MessageReceived(WELCOME))


def test_a_verified_descriptor_reaches_the_consent_dialog():
    session = joined()
    actions = welcome(session, ORG.message())
    (ask,) = [a for a in actions if isinstance(a, act.AskConsent)]
    assert ask.identity is not None and ask.identity.descriptor.organisation == "Beispiel GmbH"
    assert session.phase is Phase.ASKING_VIEW


@pytest.mark.parametrize(
    ("descriptor", "notice"),
    [
        (None, Notice.IDENTITY_MISSING),
        (tampered(ORG.message()), Notice.IDENTITY_INVALID),
        (Organisation().message(), Notice.IDENTITY_INVALID),
        (ORG.message(issued_at=NOW - 7200), Notice.IDENTITY_EXPIRED),
        (ORG.message(session_id="s0"), Notice.IDENTITY_OTHER_SESSION),
    ],
    ids=["missing", "tampered", "wrong key", "expired", "replayed"],
)
def test_with_an_embedded_key_a_bad_descriptor_ends_before_any_dialog(descriptor, notice):
    session = joined()
    actions = welcome(session, descriptor)
    assert not any(isinstance(a, act.AskConsent | act.AskWhoCalled) for a in actions)
    assert [a.message for a in actions if isinstance(a, act.Send)] == [End(reason="identity_unverified")]
    assert actions[-1] == act.Finish(notice)
    assert session.phase is Phase.ENDED


def test_without_a_key_the_dialog_is_shown_unverified():
    session = joined(key=None)
    actions = welcome(session, ORG.message())
    (ask,) = [a for a in actions if isinstance(a, act.AskConsent)]
    assert ask.identity is None


def test_a_second_descriptor_is_refused_and_the_first_one_counts():
    session = joined()
    session.handle(ev.MessageReceived(ORG.message()))
    refused = session.handle(ev.MessageReceived(ORG.message(session_id="s0")))
    assert kinds_of(refused) == [act.LogRefusal]
    assert any(isinstance(a, act.AskConsent) for a in session.handle(ev.MessageReceived(WELCOME)))


def kinds_of(actions):
    return [type(a) for a in actions]


def test_control_is_refused_when_the_organisation_does_not_allow_it():
    session = joined()
    welcome(session, ORG.message(tiers=(1,)))
    session.handle(ev.ConsentAnswered(1, True))
    session.handle(ev.WatermarkShown())
    actions = session.handle(ev.MessageReceived(TierRequest(tier=2)))
    assert not any(isinstance(a, act.AskConsent) for a in actions)
    assert [a.message for a in actions if isinstance(a, act.Send)] == [Consent(tier=2, granted=False)]


def test_the_control_dialog_names_the_verified_identity_too():
    session = joined()
    welcome(session, ORG.message())
    session.handle(ev.ConsentAnswered(1, True))
    session.handle(ev.WatermarkShown())
    (ask,) = [
        a for a in session.handle(ev.MessageReceived(TierRequest(tier=2))) if isinstance(a, act.AskConsent)
    ]
    assert ask.tier == 2 and ask.identity is not None


def test_the_caller_question_comes_first_and_i_called_leads_to_consent():
    session = joined(caller=CALLER)
    actions = welcome(session, ORG.message())
    assert actions == [act.AskWhoCalled("Beispiel GmbH", "+49 30 1234567")]
    with pytest.raises(IllegalEvent):
        session.handle(ev.ConsentAnswered(1, True))
    assert kinds_of(session.handle(ev.CallerAnswered(called_themselves=True))) == [act.AskConsent]


def test_they_called_me_warns_and_ends_unless_the_customer_continues():
    session = joined(caller=CALLER)
    welcome(session, ORG.message())
    assert session.handle(ev.CallerAnswered(called_themselves=False)) == [
        act.WarnCalledByThem("Beispiel GmbH", "+49 30 1234567")
    ]
    actions = session.handle(ev.CallerWarningAnswered(proceed=False))
    assert actions[0] == act.DismissCallerCheck()
    assert End(reason="customer_ended") in [a.message for a in actions if isinstance(a, act.Send)]
    assert actions[-1] == act.Finish(Notice.CALLED_BY_THEM)


def test_after_the_warning_an_explicit_continue_asks_for_consent():
    session = joined(caller=CALLER)
    welcome(session, ORG.message())
    session.handle(ev.CallerAnswered(called_themselves=False))
    assert kinds_of(session.handle(ev.CallerWarningAnswered(proceed=True))) == [act.AskConsent]


def test_an_unanswered_caller_question_times_out_as_a_denial():
    now = [100.0]
    session = joined(caller=CALLER, clock=lambda: now[0])
    welcome(session, ORG.message())
    now[0] += 61
    session.handle(ev.MessageReceived(Heartbeat()))
    actions = session.handle(ev.Tick(now[0]))
    assert actions[0] == act.DismissCallerCheck()
    assert Consent(tier=1, granted=False) in [a.message for a in actions if isinstance(a, act.Send)]
    assert actions[-1] == act.Finish(Notice.CONSENT_DENIED)
