"""The customer's receipt is noted from the core's actions: grants, refusals, revokes, holders, chat, end."""

from client.core import actions as act
from client.core.notice import Notice
from client.core.receipt_log import ReceiptLog
from protocol.messages import AdminExit, Chat, Consent, Control, End, Expert, TierRevoke

EXPERT = Expert("Anna Berger", "Beispiel GmbH")


def played(*steps):
    log = ReceiptLog()
    for at, action in enumerate(steps, start=100):
        log.note(action, float(at))
    return log


def test_nothing_asked_means_no_receipt():
    log = played(act.ShowConnecting(), act.Finish(Notice.INVALID_NUMBER))
    assert log.receipt("s1", EXPERT, None, recorded=True, retention_days=90) is None


def test_every_kind_of_event_lands_on_the_receipt_in_order():
    log = played(
        act.AskConsent(1, EXPERT, True, 90, 0.0),
        act.Send(Consent(tier=1, granted=True)),
        act.ShowChat(Chat(text="Hallo", by="expert", at="2025-11-24T16:20:00Z")),
        act.Send(Consent(tier=2, granted=True)),
        act.Send(Control(holder="expert")),
        act.Send(Control(holder="customer")),
        act.Send(Control(holder="expert")),
        act.Send(TierRevoke(tier=2)),
        act.Send(Consent(tier=2, granted=False)),
        act.RunAdminCommand(1, "apt-get install -y gimp"),
        act.Send(AdminExit(id=1, status=0)),
        act.RunAdminCommand(2, "sleep 100"),
        act.ShowAdminExit(2, None),
        act.RunAdminCommand(3, "true"),
        act.ShowChat(Chat(text="Danke", by="customer")),
        act.Send(End(reason="customer_ended")),
        act.Finish(Notice.ENDED_BY_CUSTOMER),
    )
    receipt = log.receipt("s1", EXPERT, None, recorded=True, retention_days=90)
    assert receipt is not None
    assert [(t.tier, t.change) for t in receipt.tiers] == [
        (1, "granted"),
        (2, "granted"),
        (2, "revoked"),
        (2, "denied"),
    ]
    assert [(h.holder, h.revoked) for h in receipt.holders] == [
        ("expert", False),
        ("customer", False),
        ("expert", False),
        ("customer", True),
    ]
    assert receipt.control_taken_back
    assert [(c.by, c.text) for c in receipt.chat] == [("expert", "Hallo"), ("customer", "Danke")]
    assert receipt.chat[0].at == 1764001200.0
    assert (receipt.started_at, receipt.ended_at) == (100.0, 116.0)
    assert (receipt.ended_by, receipt.end_reason, receipt.verified) == ("customer", "customer_ended", False)
    assert receipt.deletion_at == 100.0 + 90 * 86400
    assert [(a.command, a.outcome) for a in receipt.admin_commands] == [
        ("apt-get install -y gimp", "0"),
        ("sleep 100", "stopped"),
        ("true", ""),
    ]


def test_a_revoke_alone_is_not_taking_control_back():
    log = played(
        act.AskConsent(1, EXPERT, False, 0, 0.0),
        act.Send(Consent(tier=1, granted=True)),
        act.Send(Consent(tier=2, granted=True)),
        act.Send(Control(holder="expert")),
        act.Send(TierRevoke(tier=2)),
        act.Finish(Notice.ENDED_BY_EXPERT),
    )
    receipt = log.receipt("s1", EXPERT, None, recorded=False, retention_days=0)
    assert receipt is not None and not receipt.control_taken_back
    assert receipt.ended_by == "expert" and receipt.deletion_at is None
