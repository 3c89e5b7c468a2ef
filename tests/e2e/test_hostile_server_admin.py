"""A hostile server tries to make the real client run a command as administrator without consent.

The server is a scripted test peer (real TLS WebSocket); the client is the real one on Xvfb with
the real helper, started as root by `sudo -n` in place of pkexec. Each command would create a
marker file; none may appear — until the customer really grants tier 3, which proves the same
command would have run.
"""

import asyncio
import dataclasses

import pytest
from PySide6.QtCore import Qt

from protocol.messages import (
    AdminCommand,
    AdminRefused,
    AdminUnavailable,
    Consent,
    Control,
    Message,
    TierRelease,
    TierRequest,
    TierRevoke,
)
from tests.client.peer import ScriptedServer
from tests.e2e.test_admin_rights import DISMISSING_LAUNCHER, ROOT_LAUNCHER
from tests.e2e.test_hostile_server import WELCOME
from tests.support.customer import consent_shown, start_customer, until

pytestmark = pytest.mark.e2e


def test_admin_commands_without_consent_never_run(loop, qtbot, tmp_path, caplog):
    marker = tmp_path / "pwned"
    proof = tmp_path / "granted"
    ids = iter(range(1, 1000))

    async def attack(server):
        command_id = next(ids)
        await server.send(AdminCommand(id=command_id, command=f"touch '{marker}'"))
        await until(lambda: AdminRefused(id=command_id, reason="not_granted") in server.log.messages)
        await asyncio.sleep(0.2)
        assert not marker.exists()

    async def answered(server, message: Message):
        await until(lambda: message in server.log.messages, timeout=30)

    async def ask_admin(server, app):
        await server.send(TierRequest(tier=3))
        await until(lambda: app.consent_dialog.tier == 3 and consent_shown(app))

    async def scenario():
        server = ScriptedServer(tmp_path)
        await server.start()
        app = start_customer(server.url, server.ca_path, qtbot, "482190337", elevation_launcher=ROOT_LAUNCHER)
        await until(lambda: server.log.messages)
        await server.send(WELCOME)
        await until(lambda: consent_shown(app))
        await server.send(AdminCommand(id=next(ids), command=f"touch '{marker}'"))
        await asyncio.sleep(0.3)
        assert not marker.exists(), "before any consent"

        app.consent_dialog.allow_button.click()
        await until(lambda: server.log.frames)
        await attack(server)  # view only
        await server.send(TierRequest(tier=3))
        await answered(server, Consent(tier=3, granted=False))
        await attack(server)  # admin asked without control

        await server.send(TierRequest(tier=2))
        await until(lambda: app.consent_dialog.tier == 2 and consent_shown(app))
        qtbot.mouseClick(app.consent_dialog.allow_button, Qt.MouseButton.LeftButton)
        await answered(server, Control(holder="expert"))
        await attack(server)  # control only

        await ask_admin(server, app)
        await attack(server)  # while the admin dialog is open
        qtbot.mouseClick(app.consent_dialog.deny_button, Qt.MouseButton.LeftButton)
        await answered(server, Consent(tier=3, granted=False))
        await attack(server)  # after the customer denied

        app.config = dataclasses.replace(app.config, elevation_launcher=DISMISSING_LAUNCHER)
        await ask_admin(server, app)
        qtbot.mouseClick(app.consent_dialog.allow_button, Qt.MouseButton.LeftButton)
        await answered(server, AdminUnavailable(reason="dismissed"))
        await attack(server)  # after the operating system's prompt was dismissed

        app.config = dataclasses.replace(app.config, elevation_launcher=ROOT_LAUNCHER)
        await ask_admin(server, app)
        qtbot.mouseClick(app.consent_dialog.allow_button, Qt.MouseButton.LeftButton)
        await answered(server, Consent(tier=3, granted=True))
        await server.send(AdminCommand(id=next(ids), command=f"touch '{proof}'"))
        await until(proof.exists)

        qtbot.mouseClick(app.control_panel.admin.drop_button, Qt.MouseButton.LeftButton)
        await answered(server, TierRevoke(tier=3))
        await attack(server)  # after the customer took the rights back

        await ask_admin(server, app)
        qtbot.mouseClick(app.consent_dialog.allow_button, Qt.MouseButton.LeftButton)
        revokes = server.log.messages.count(TierRevoke(tier=3))
        await until(lambda: server.log.messages.count(Consent(tier=3, granted=True)) == 2, timeout=30)
        await server.send(TierRelease(tier=3))
        await until(lambda: server.log.messages.count(TierRevoke(tier=3)) == revokes + 1)
        await attack(server)  # after the expert gave the rights back

        refusals = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
        assert sum("refused administrator command" in text for text in refusals) >= 8
        app.control_panel.end_button.click()
        await until(app.finished.is_set)
        await app.shutdown()
        await server.stop()

    loop.run_until_complete(scenario())
