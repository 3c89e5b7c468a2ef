"""The watermark on the customer's screen follows every change of tier and holder at once: the
real client on Xvfb and the real server, read back from the screen with mss."""

import asyncio

import pytest
from PySide6.QtCore import Qt

from client.core.watermark_state import WatermarkMode, WatermarkState
from protocol.messages import Control, TierStatus
from tests.e2e.test_admin_rights import ROOT_LAUNCHER, grant_admin
from tests.e2e.test_view_session import attach_expert
from tests.support.customer import consent_shown, start_customer, until, watermark_on_screen, watermark_shows
from tests.support.desktop import move_pointer_as_setup
from tests.support.x_devices import real_motion

pytestmark = pytest.mark.e2e


def shown(mode):
    return lambda: watermark_shows(WatermarkState(mode, "Anna Berger", "Beispiel GmbH"))


def test_viewing_controlling_customer_has_control_admin_and_back(loop, qtbot, server):
    async def scenario():
        move_pointer_as_setup(5, 5)
        ticket, expert = await attach_expert(server)
        app = start_customer(
            server.ws_url, server.ca_path, qtbot, ticket.number, elevation_launcher=ROOT_LAUNCHER
        )
        await until(lambda: consent_shown(app))
        qtbot.mouseClick(app.consent_dialog.allow_button, Qt.MouseButton.LeftButton)
        await until(shown(WatermarkMode.VIEWING))
        # The screen changes before the grant reaches the server; control is asked for after it.
        await expert.wait_for_message(TierStatus, lambda m: m.tier == 1 and m.state == "granted")

        await expert.request_tier(2)
        await until(lambda: app.consent_dialog.tier == 2 and consent_shown(app))
        assert shown(WatermarkMode.VIEWING)()
        qtbot.mouseClick(app.consent_dialog.allow_button, Qt.MouseButton.LeftButton)
        await until(shown(WatermarkMode.CONTROLLING))

        mark = expert.mark()
        await asyncio.to_thread(real_motion, 7, 3)
        await expert.wait_for_message(Control, lambda m: m.holder == "customer", since=mark)
        await until(shown(WatermarkMode.CUSTOMER_HAS_CONTROL))
        await expert.wait_for_message(Control, lambda m: m.holder == "expert", since=mark)
        await until(shown(WatermarkMode.CONTROLLING))

        mark = await grant_admin(expert, app, qtbot)
        await expert.wait_for_tier(3, "granted", since=mark, timeout=30)
        await until(shown(WatermarkMode.ADMIN))
        qtbot.mouseClick(app.control_panel.admin.drop_button, Qt.MouseButton.LeftButton)
        await expert.wait_for_tier(3, "revoked", since=mark)
        await until(shown(WatermarkMode.CONTROLLING))

        qtbot.mouseClick(app.control_panel.view_only_button, Qt.MouseButton.LeftButton)
        await expert.wait_for_message(TierStatus, lambda m: m.tier == 2 and m.state == "revoked")
        await until(shown(WatermarkMode.VIEWING))

        app.control_panel.end_button.click()
        await until(app.finished.is_set)
        await app.shutdown()
        await until(lambda: not watermark_on_screen())
        await expert.close()

    loop.run_until_complete(scenario())
