"""SIGKILL in the middle of a recorded session: what was recorded until then survives, decrypts and
exports after a restart; the restarted server takes the session back (it waits for its customer to
resume), and once the expert ends it the receipt holds everything recorded before the kill."""

import asyncio
import subprocess
import sys

from protocol.messages import Chat, Consent, Control, TierRequest
from server.core.journal import ChatEntry, ControlEntry
from server.recording.records import Screenshot
from tests.server.recording.pictures import png_pixels
from tests.support.fixtures import ANNA
from tests.support.server_process import REPO_ROOT, ServerProcess, add_expert
from tests.support.server_process import open_session_async as open_session

from .peers import ScriptedCustomer, expert_for, make_frame, recorded
from .test_receipt_kept import receipt


def counts(bodies):
    """(screenshots, chat messages, holder changes) recorded so far."""
    return (
        sum(isinstance(b, Screenshot) for b in bodies),
        sum(isinstance(b, ChatEntry) for b in bodies),
        sum(isinstance(b, ControlEntry) and b.event == "holder_changed" for b in bodies),
    )


async def end_restored(server, ticket):
    async with expert_for(server, ticket) as expert:
        await expert.end()


def test_everything_recorded_before_a_sigkill_exports_after_the_restart(tmp_path):
    data = tmp_path / "data"
    add_expert(data, ANNA.username, ANNA.password, ANNA.name, ANNA.organisation)
    server = ServerProcess(data, screenshot_interval=0.5).start()

    async def scenario():
        ticket = await open_session(server, ANNA.username, ANNA.password)
        async with expert_for(server, ticket) as expert:
            customer = await ScriptedCustomer.sharing(server, ticket)
            await customer.send_frame(make_frame(1, shade=40))
            await expert.wait_for_frames(1)
            await customer.send(Chat(text="Bitte helfen Sie mir."))
            await expert.wait_for_chat()
            await expert.chat("Gern, einen Moment.")
            await customer.wait_for(Chat)
            await expert.request_tier(2)
            await customer.wait_for(TierRequest)
            await customer.send(Consent(tier=2, granted=True))
            await customer.send(Control(holder="expert"))
            await expert.wait_for_control("expert")
            await customer.send_frame(make_frame(2, shade=200))
            await expert.wait_for_frames(2)
            await recorded(data, ticket.session_id, lambda bodies: counts(bodies) == (2, 2, 1))
            server.kill()
            await expert.wait_closed()
            await customer.close()
        return ticket

    try:
        ticket = asyncio.run(asyncio.wait_for(scenario(), 60))
        server.restart()
        out = tmp_path / "evidence"
        command = [sys.executable, "-m", "server", "recording", "export", ticket.session_id]
        command += ["--data-dir", str(data), "--out", str(out), "--reason", "Kunde bittet um Nachweis"]
        result = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        asyncio.run(end_restored(server, ticket))
        answer = asyncio.run(receipt(server, ticket))
    finally:
        server.stop()
    shots = sorted((out / "screenshots").iterdir())
    assert [png_pixels(p.read_bytes())[0, 0].tolist() for p in shots] == [[40, 215, 128], [200, 55, 128]]
    chat = (out / "chat-log.txt").read_text(encoding="utf-8")
    assert "customer: Bitte helfen Sie mir." in chat and "expert: Gern, einen Moment." in chat
    control = (out / "control-log.txt").read_text(encoding="utf-8")
    assert "customer granted tier 2 (control mouse and keyboard)" in control
    assert "expert now holds mouse and keyboard" in control
    assert "stopped abruptly" in (out / "README.txt").read_text(encoding="utf-8")
    assert '"reason": "Kunde bittet um Nachweis"' in (data / "audit.log").read_text(encoding="utf-8")
    assert answer.status_code == 200, answer.text
    served = answer.json()
    assert (served["ended_by"], served["end_reason"]) == ("expert", "expert_ended")
    assert [c["text"] for c in served["chat"]] == ["Bitte helfen Sie mir.", "Gern, einen Moment."]
    assert [(t["tier"], t["change"]) for t in served["tiers"]] == [(1, "granted"), (2, "granted")]
