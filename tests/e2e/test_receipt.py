"""The customer's receipt matches the server's control log: a scripted session with every kind of
event (grant, chat both ways, control granted, taken back, resumed, administrator rights granted,
a command that exits and one stopped when the customer drops the rights, control released by the
expert, asked again and refused, Stop), the real client on Xvfb and the real server."""

import asyncio

import httpx
import pytest
from PySide6.QtCore import Qt

from client.core.organisation_key import parse_public_key
from protocol.messages import AdminCommand, Chat, Control, TierStatus
from protocol.receipt import receipt_to_json
from tests.e2e.test_admin_rights import ROOT_LAUNCHER, grant_admin, run, unique_sleep
from tests.e2e.test_view_session import attach_expert
from tests.support.customer import consent_shown, start_customer, until
from tests.support.desktop import move_pointer_as_setup
from tests.support.server_process import ssl_context
from tests.support.x_devices import real_motion

pytestmark = pytest.mark.e2e

CLOCK_SLACK_S = 2.0


async def server_receipt(server, ticket):
    """`GET /api/sessions/{id}/receipt`, once the server has it."""
    headers = {"Authorization": f"Bearer {ticket.token}"}
    async with httpx.AsyncClient(base_url=server.url, verify=ssl_context(server.ca_path)) as client:
        async with asyncio.timeout(15):
            while True:
                answer = await client.get(f"/api/sessions/{ticket.session_id}/receipt", headers=headers)
                if answer.status_code != 409:
                    answer.raise_for_status()
                    return answer.json()
                await asyncio.sleep(0.1)


async def allow(app, qtbot, tier):
    await until(lambda: app.consent_dialog.tier == tier and consent_shown(app))
    qtbot.mouseClick(app.consent_dialog.allow_button, Qt.MouseButton.LeftButton)


def seconds(stamp):
    from datetime import datetime

    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()


def test_the_receipt_lists_what_the_server_logged(loop, qtbot, server, tmp_path):
    documents = tmp_path / "Documents"

    async def scenario():
        move_pointer_as_setup(5, 5)
        ticket, expert = await attach_expert(server)
        key = parse_public_key(server.org_key)
        app = start_customer(
            server.ws_url,
            server.ca_path,
            qtbot,
            ticket.number,
            identity_key=key,
            receipt_dir=documents,
            elevation_launcher=ROOT_LAUNCHER,
        )
        await until(lambda: consent_shown(app))
        await allow(app, qtbot, 1)
        await expert.wait_for_message(TierStatus, lambda m: m.tier == 1 and m.state == "granted")

        await expert.chat("Guten Tag, ich sehe Ihren Bildschirm.")
        chat = app.control_panel.chat
        await until(lambda: "Guten Tag" in chat.text())
        chat.input.insert("Danke, <b>bitte</b> helfen Sie mir.")
        qtbot.keyClick(chat.input, Qt.Key.Key_Return)
        await expert.wait_for_message(Chat, lambda m: m.by == "customer")

        await expert.request_tier(2)
        await allow(app, qtbot, 2)
        mark = expert.mark()
        await expert.wait_for_message(Control, lambda m: m.holder == "expert", since=mark)
        await asyncio.to_thread(real_motion, 7, 3)
        await expert.wait_for_message(Control, lambda m: m.holder == "customer", since=mark)
        resumed = expert.mark()
        await expert.wait_for_message(Control, lambda m: m.holder == "expert", since=resumed)

        mark = await grant_admin(expert, app, qtbot)
        await expert.wait_for_tier(3, "granted", since=mark, timeout=30)
        assert (await run(expert, 1, "exit 3"))[1] == 3
        pause = unique_sleep()
        mark = expert.mark()
        await expert.send(AdminCommand(id=2, command=pause))
        await until(lambda: f"$ {pause}" in app.control_panel.admin.text())
        qtbot.mouseClick(app.control_panel.admin.drop_button, Qt.MouseButton.LeftButton)
        await expert.wait_for_tier(3, "revoked", since=mark)

        released = expert.mark()
        await expert.release_tier(2)
        await expert.wait_for_message(
            TierStatus, lambda m: m.tier == 2 and m.state == "revoked", since=released
        )
        await expert.request_tier(2)
        await until(lambda: app.consent_dialog.tier == 2 and consent_shown(app))
        qtbot.mouseClick(app.consent_dialog.deny_button, Qt.MouseButton.LeftButton)
        await expert.wait_for_message(TierStatus, lambda m: m.tier == 2 and m.state == "denied")

        qtbot.mouseClick(app.control_panel.end_button, Qt.MouseButton.LeftButton)
        await until(app.finished.is_set)
        dialog = app.receipts.dialog
        assert dialog is not None and dialog.isVisible()
        served = await server_receipt(server, ticket)
        assert app.receipts.receipt is not None
        mine = receipt_to_json(app.receipts.receipt)
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
        await until(app.receipts.closed.is_set)
        await app.shutdown()
        await expert.close()
        return ticket, served, mine, app.receipts.path, dialog.browser.toPlainText(), pause

    ticket, served, mine, path, shown, pause = loop.run_until_complete(scenario())

    assert [(t["tier"], t["change"]) for t in mine["tiers"]] == [
        (1, "granted"),
        (2, "granted"),
        (3, "granted"),
        (3, "revoked"),
        (2, "revoked"),
        (2, "denied"),
    ]
    assert [(h["holder"], h["revoked"]) for h in mine["holders"]] == [
        ("expert", False),
        ("customer", False),
        ("expert", False),
        ("customer", True),
    ]
    assert [(c["by"], c["text"]) for c in mine["chat"]] == [
        ("expert", "Guten Tag, ich sehe Ihren Bildschirm."),
        ("customer", "Danke, <b>bitte</b> helfen Sie mir."),
    ]
    assert mine["control_taken_back"] and mine["verified"] and mine["staff_id"] == "anna"
    assert [(a["command"], a["outcome"]) for a in mine["admin_commands"]] == [
        ("exit 3", "3"),
        (pause, "stopped"),
    ]
    for key in (
        "session_id",
        "organisation",
        "expert_name",
        "staff_id",
        "ended_by",
        "end_reason",
        "retention_days",
    ):
        assert mine[key] == served[key], key
    for key in ("tiers", "holders", "chat", "admin_commands"):
        assert [_without_time(e) for e in mine[key]] == [_without_time(e) for e in served[key]], key
        for own, logged in zip(mine[key], served[key], strict=True):
            assert abs(seconds(own["at"]) - seconds(logged["at"])) <= CLOCK_SLACK_S, (key, own, logged)
    for key in ("started_at", "ended_at", "deletion_at"):
        assert abs(seconds(mine[key]) - seconds(served[key])) <= CLOCK_SLACK_S, key
    assert (mine["ended_by"], mine["end_reason"]) == ("customer", "customer_ended")

    assert path is not None and path.parent == tmp_path / "Documents"
    html = path.read_text(encoding="utf-8")
    assert "Verified: Beispiel GmbH" in html and "Anna Berger" in html and ticket.session_id in html
    assert "Danke, &lt;b&gt;bitte&lt;/b&gt; helfen Sie mir." in html
    assert "Yes, you took control back" in html and "The recording is deleted on" in html
    assert "Danke, <b>bitte</b> helfen Sie mir." in shown and "Administrator commands" in shown
    assert "exit 3" in shown and pause in shown


def _without_time(entry):
    return {k: v for k, v in entry.items() if k != "at"}
