"""The server keeps the receipt with the recording: a scripted session with every kind of event
(grants, a refusal, a revoke, a release, the customer taking control back, chat both ways,
administrator commands that exit, fail to start, are refused and are stopped), then a restart:
the expert still gets the receipt, and it says what the recorded control log says. After the
retention purge it is gone."""

import asyncio
import subprocess
import sys
from datetime import datetime

import httpx

from protocol.messages import (
    AdminCommand,
    AdminExit,
    AdminRefused,
    Chat,
    Consent,
    Control,
    End,
    TierRelease,
    TierRequest,
    TierRevoke,
    TierStatus,
)
from server.core.journal import ChatEntry, ControlEntry, SessionFacts
from tests.support.fixtures import ANNA
from tests.support.server_process import REPO_ROOT, ServerProcess, SessionTicket, add_expert, ssl_context
from tests.support.server_process import open_session_async as open_session

from .peers import ScriptedCustomer, expert_for, recorded


async def scripted_session(server: ServerProcess, ticket: SessionTicket) -> None:
    async with expert_for(server, ticket) as expert:
        customer = await ScriptedCustomer.sharing(server, ticket)
        await expert.wait_for_tier(1, "granted")
        await customer.send(Chat(text="Bitte helfen Sie mir."))
        await expert.wait_for_chat()
        await expert.chat("Gern, einen Moment.")
        await customer.wait_for(Chat)

        await expert.request_tier(2)
        await customer.wait_for(TierRequest, lambda m: m.tier == 2)
        await customer.send(Consent(tier=2, granted=True))
        for holder in ("expert", "customer", "expert"):
            mark = expert.mark()
            await customer.send(Control(holder=holder))
            await expert.wait_for_control(holder, since=mark)

        await expert.request_tier(3)
        await customer.wait_for(TierRequest, lambda m: m.tier == 3)
        await customer.send(Consent(tier=3, granted=True))
        await expert.wait_for_tier(3, "granted")
        for command_id, command, answer, seen in (
            (1, "id -u", AdminExit(id=1, status=0), AdminExit),
            (2, "no-such-program", AdminRefused(id=2, reason="failed"), AdminRefused),
            (3, "touch /x", AdminRefused(id=3, reason="customer_holds_control"), AdminRefused),
            (4, "sleep 600", TierRevoke(tier=3), TierStatus),
        ):
            mark, relayed = expert.mark(), customer.mark()
            await expert.send(AdminCommand(id=command_id, command=command))
            await customer.wait_for(AdminCommand, since=relayed)
            await customer.send(answer)
            await expert.wait_for_message(seen, since=mark)

        await expert.release_tier(2)
        await customer.wait_for(TierRelease)
        await customer.send(TierRevoke(tier=2))
        await expert.wait_for_tier(2, "revoked")
        mark = customer.mark()
        await expert.request_tier(2)
        await customer.wait_for(TierRequest, since=mark)
        await customer.send(Consent(tier=2, granted=False))
        await expert.wait_for_tier(2, "denied")
        await customer.send(End(reason="customer_ended"))
        await expert.wait_closed()
        await customer.close()


async def receipt(server: ServerProcess, ticket: SessionTicket) -> httpx.Response:
    headers = {"Authorization": f"Bearer {ticket.token}"}
    async with httpx.AsyncClient(base_url=server.url, verify=ssl_context(server.ca_path)) as client:
        return await client.get(f"/api/sessions/{ticket.session_id}/receipt", headers=headers)


def at(stamp: str) -> float:
    return datetime.fromisoformat(stamp).timestamp()


def whole(seconds: float) -> float:
    """A recorded time as the receipt writes it: whole seconds."""
    return float(int(seconds))


def test_after_a_restart_the_receipt_is_read_from_the_recording_until_it_is_purged(tmp_path):
    data = tmp_path / "data"
    add_expert(data, ANNA.username, ANNA.password, ANNA.name, ANNA.organisation)
    server = ServerProcess(data).start()
    try:
        ticket = asyncio.run(open_session(server, ANNA.username, ANNA.password))
        asyncio.run(asyncio.wait_for(scripted_session(server, ticket), 90))
        log = asyncio.run(
            recorded(data, ticket.session_id, lambda bodies: bodies[-1].event == "session_ended")
        )
        server.restart()
        answer = asyncio.run(receipt(server, ticket))
        assert answer.status_code == 200, answer.text
        served = answer.json()
        server.stop()
        command = [sys.executable, "-m", "server", "purge", "--data-dir", str(data), "--retention-days", "0"]
        subprocess.run(command, cwd=REPO_ROOT, capture_output=True, check=True)
        server.start()
        gone = asyncio.run(receipt(server, ticket))
    finally:
        server.stop()

    facts = log[0]
    control = [body for body in log if isinstance(body, ControlEntry)]
    assert isinstance(facts, SessionFacts) and facts.verified and len(facts.code) == 4
    assert (served["organisation"], served["expert_name"], served["staff_id"], served["verified"]) == (
        facts.organisation,
        facts.expert_name,
        facts.staff_id,
        True,
    )
    assert (served["ended_by"], served["end_reason"]) == ("customer", "customer_ended")
    assert at(served["started_at"]) == whole(control[0].at)
    assert at(served["ended_at"]) == whole(control[-1].at)
    tier_events = {"tier_granted": "granted", "tier_denied": "denied", "tier_revoked": "revoked"}
    assert [(t["tier"], t["change"]) for t in served["tiers"]] == [
        (e.tier, tier_events[e.event]) for e in control if e.event in tier_events
    ]
    assert [(t["tier"], t["change"]) for t in served["tiers"]] == [
        (1, "granted"),
        (2, "granted"),
        (3, "granted"),
        (3, "revoked"),
        (2, "revoked"),
        (2, "denied"),
    ]
    assert [(h["holder"], h["revoked"]) for h in served["holders"]] == [
        ("expert", False),
        ("customer", False),
        ("expert", False),
        ("customer", True),
    ]
    assert served["control_taken_back"]
    assert [(c["by"], c["text"]) for c in served["chat"]] == [
        (body.by, body.text) for body in log if isinstance(body, ChatEntry)
    ]
    assert [(a["command"], a["outcome"]) for a in served["admin_commands"]] == [
        ("id -u", "0"),
        ("no-such-program", "failed"),
        ("sleep 600", "stopped"),
    ]
    commands = [e for e in control if e.event == "admin_command"]
    assert [at(a["at"]) for a in served["admin_commands"]] == [whole(commands[i].at) for i in (0, 1, 3)]
    assert served["retention_days"] == 90 and at(served["deletion_at"]) == whole(control[0].at + 90 * 86400)

    assert (gone.status_code, gone.json()) == (410, {"detail": "no_recording"})
