"""Ctrl+Alt+End on the customer's own keyboard ends the whole session, whatever window has the
focus: the real client on Xvfb, the real server, a scripted expert."""

import asyncio

import pytest
from PySide6.QtCore import Qt

from client.core.notice import Notice
from protocol.messages import End, TierStatus
from tests.client.platform.stop_hotkey.test_x11 import STOP, keycodes
from tests.e2e.test_view_session import attach_expert
from tests.support.customer import consent_shown, start_customer, until, watermark_on_screen
from tests.support.desktop import RawTerminal, move_pointer_as_setup
from tests.support.x_devices import real_chord

pytestmark = pytest.mark.e2e


def test_the_stop_shortcut_ends_everything_while_another_window_has_the_focus(loop, qtbot, server, tmp_path):
    async def scenario():
        ticket, expert = await attach_expert(server)
        app = start_customer(server.ws_url, server.ca_path, qtbot, ticket.number)
        await until(lambda: consent_shown(app))
        qtbot.mouseClick(app.consent_dialog.allow_button, Qt.MouseButton.LeftButton)
        await expert.wait_for_message(TierStatus, lambda m: m.tier == 1 and m.state == "granted")
        await until(watermark_on_screen)
        assert app.control_panel.shortcut_label.text() == "Or press Ctrl+Alt+End anywhere to stop."
        assert app.control_panel.shortcut_label.isVisible()

        with RawTerminal(tmp_path / "keys.txt") as terminal:
            move_pointer_as_setup(*terminal.inside)
            await asyncio.to_thread(real_chord, *STOP)
            ended = await expert.wait_for_message(End)
            assert (ended.by, ended.reason) == ("customer", "customer_ended")
            await until(app.finished.is_set)
            assert app.final_notice is Notice.ENDED_BY_CUSTOMER
            (letter,) = keycodes("a")
            await asyncio.to_thread(real_chord, letter)
            await until(lambda: terminal.text() != "")
            assert terminal.text() == "a", "the combination must not reach the focused window"
        await app.shutdown()
        await until(lambda: not watermark_on_screen())
        await expert.close()

    loop.run_until_complete(scenario())
