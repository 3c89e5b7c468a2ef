"""The whole client (real widgets, real TLS WebSocket, real capture on Xvfb) against a scripted server."""

import asyncio
import contextlib

import pytest
from PySide6.QtCore import Qt
from websockets.exceptions import ConnectionClosed

from client.app import CustomerApp
from client.config import ClientConfig
from client.core.notice import Notice
from client.core.phase import Phase
from client.platform.capture import open_screen_capture
from client.transport import ServerTrust
from protocol.messages import (
    Chat,
    Consent,
    End,
    Error,
    Expert,
    FrameAck,
    Hello,
    ScreenInfo,
    TierRequest,
    Welcome,
)
from tests.client.peer import ScriptedServer
from tests.support.customer import consent_shown, start_customer, until, watermark_on_screen

pytestmark = pytest.mark.gui

WELCOME = Welcome(
    protocol=1,
    session_id="s1",
    expert=Expert("Anna Berger", "Beispiel GmbH"),
    recorded=True,
    retention_days=90,
)


async def allow_viewing(server, app, qtbot):
    """Welcome the client, click Allow in its consent dialog, wait for its first frame."""
    await server.send(WELCOME)
    await until(lambda: consent_shown(app))
    qtbot.mouseClick(app.consent_dialog.allow_button, Qt.MouseButton.LeftButton)
    await until(lambda: server.log.frames)


async def start_client(tmp_path, qtbot, number="482190337", consent_timeout_s=120.0):
    server = ScriptedServer(tmp_path)
    await server.start()
    app = start_customer(server.url, server.ca_path, qtbot, number, consent_timeout_s)
    await until(lambda: server.log.messages)
    return server, app


def test_nothing_is_shared_before_allow_and_frames_flow_after(loop, qtbot, tmp_path):
    async def scenario():
        server, app = await start_client(tmp_path, qtbot)
        assert server.log.messages[0] == Hello(protocol=1, number="482190337", client="fernhilfe/0.1.0")
        await server.send(WELCOME)
        await until(lambda: consent_shown(app))
        await server.send(FrameAck(seq=1))
        await server.send(TierRequest(tier=2))
        await asyncio.sleep(0.5)
        assert server.log.frames == []
        assert server.log.messages[1:] == []
        assert not watermark_on_screen()

        qtbot.mouseClick(app.consent_dialog.allow_button, Qt.MouseButton.LeftButton)
        await until(lambda: server.log.frames)
        assert server.log.messages[1] == Consent(tier=1, granted=True)
        assert isinstance(server.log.messages[2], ScreenInfo)
        assert server.log.frames[0].keyframe
        assert watermark_on_screen()
        assert app.control_panel is not None and app.control_panel.isVisible()

        qtbot.mouseClick(app.control_panel.end_button, Qt.MouseButton.LeftButton)
        await until(lambda: server.log.close_code is not None)
        assert server.log.messages[-1] == End(reason="customer_ended", by="customer")
        assert app.finished.is_set()
        assert app.final_notice is Notice.ENDED_BY_CUSTOMER
        await app.shutdown()
        await until(lambda: not watermark_on_screen())
        await server.stop()

    loop.run_until_complete(scenario())


def test_deny_sends_no_pixel(loop, qtbot, tmp_path):
    async def scenario():
        server, app = await start_client(tmp_path, qtbot)
        await server.send(WELCOME)
        await until(lambda: consent_shown(app))
        qtbot.mouseClick(app.consent_dialog.deny_button, Qt.MouseButton.LeftButton)
        await until(lambda: server.log.close_code is not None)
        assert server.log.messages[1:] == [Consent(tier=1, granted=False), End(reason="consent_denied")]
        assert server.log.frames == []
        assert app.final_notice is Notice.CONSENT_DENIED
        assert app.notice_box is not None and app.notice_box.isVisible()
        app.notice_box.accept()
        await until(app.finished.is_set)
        await app.shutdown()
        await server.stop()

    loop.run_until_complete(scenario())


def test_a_wrong_number_is_explained_and_can_be_retyped(loop, qtbot, tmp_path):
    async def scenario():
        server, app = await start_client(tmp_path, qtbot)
        await server.send(Error(code="invalid_number", message="no such session"))
        await server.close(4004)
        dialog = app.number_dialog
        await until(dialog.error_label.isVisible)
        assert "wrong or has expired" in dialog.error_label.text()
        assert dialog.number_edit.isEnabled()
        assert app.session.phase is Phase.IDLE
        await asyncio.sleep(0.2)
        assert app.session.phase is Phase.IDLE
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        await until(app.finished.is_set)
        await app.shutdown()
        await server.stop()

    loop.run_until_complete(scenario())


def test_expert_ending_stops_sharing_and_tells_the_customer(loop, qtbot, tmp_path):
    async def scenario():
        server, app = await start_client(tmp_path, qtbot)
        await allow_viewing(server, app, qtbot)
        await server.send(End(reason="expert_ended", by="expert"))
        await until(lambda: app.notice_box is not None)
        frames = len(server.log.frames)
        assert "Anna Berger ended the session" in app.notice_box.text()
        with contextlib.suppress(ConnectionClosed):
            await server.send(FrameAck(seq=1))
        await asyncio.sleep(0.3)
        assert len(server.log.frames) == frames
        app.notice_box.accept()
        await until(app.finished.is_set)
        await app.shutdown()
        await server.stop()

    loop.run_until_complete(scenario())


def test_garbage_from_the_server_ends_the_session_safely(loop, qtbot, tmp_path):
    async def scenario():
        server, app = await start_client(tmp_path, qtbot)
        await allow_viewing(server, app, qtbot)
        await server.send('{"type":"tier_request","tier":99}')
        await until(lambda: server.log.close_code is not None)
        assert server.log.close_code == 4000
        assert app.final_notice is Notice.PROTOCOL_ERROR
        assert app.watermarks is not None and app.watermarks.marks == []
        app.notice_box.accept()
        await until(app.finished.is_set)
        await app.shutdown()
        await server.stop()

    loop.run_until_complete(scenario())


def test_a_server_with_another_certificate_is_refused(loop, qtbot, tmp_path):
    async def scenario():
        server = ScriptedServer(tmp_path)
        await server.start()
        (tmp_path / "other").mkdir()
        other = ScriptedServer(tmp_path / "other")
        config = ClientConfig("Beispiel GmbH", ServerTrust(server.url, other.ca_path.read_bytes()), "")
        app = CustomerApp(config, capture_factory=open_screen_capture)
        app.start()
        qtbot.keyClicks(app.number_dialog.number_edit, "482190337")
        qtbot.mouseClick(app.number_dialog.connect_button, Qt.MouseButton.LeftButton)
        await until(app.number_dialog.error_label.isVisible)
        assert "identity" in app.number_dialog.error_label.text()
        assert server.log.messages == []
        app.number_dialog.reject()
        await until(app.finished.is_set)
        await app.shutdown()
        await server.stop()

    loop.run_until_complete(scenario())


def test_an_unreachable_server_is_explained_and_the_number_kept(loop, qtbot, tmp_path):
    async def scenario():
        server = ScriptedServer(tmp_path)
        await server.start()
        url = server.url
        await server.stop()
        app = start_customer(url, server.ca_path, qtbot, "482 190 337")
        await until(app.number_dialog.error_label.isVisible)
        assert "cannot be reached" in app.number_dialog.error_label.text()
        assert app.number_dialog.number_edit.text() == "482 190 337"
        assert app.number_dialog.connect_button.isEnabled()
        app.number_dialog.reject()
        await until(app.finished.is_set)
        await app.shutdown()

    loop.run_until_complete(scenario())


def test_an_oversized_message_from_the_server_ends_the_session(loop, qtbot, tmp_path):
    async def scenario():
        server, app = await start_client(tmp_path, qtbot)
        await allow_viewing(server, app, qtbot)
        with contextlib.suppress(ConnectionClosed):
            await server.send('{"type":"end","reason":"' + "x" * 70_000 + '"}')
        await until(lambda: app.final_notice is not None)
        assert app.final_notice is Notice.CONNECTION_LOST
        assert app.watermarks.marks == []
        app.notice_box.accept()
        await until(app.finished.is_set)
        await app.shutdown()
        await server.stop()

    loop.run_until_complete(scenario())


def test_a_binary_message_from_the_server_is_a_protocol_error(loop, qtbot, tmp_path):
    async def scenario():
        server, app = await start_client(tmp_path, qtbot)
        await server.send(WELCOME)
        await until(lambda: consent_shown(app))
        await server.send(b"FHF1 frames never come from the server")
        await until(lambda: server.log.close_code is not None)
        assert server.log.close_code == 4000
        assert server.log.frames == []
        assert app.final_notice is Notice.PROTOCOL_ERROR
        assert not app.consent_dialog.isVisible()
        app.notice_box.accept()
        await until(app.finished.is_set)
        await app.shutdown()
        await server.stop()

    loop.run_until_complete(scenario())


def test_an_unanswered_consent_dialog_denies_when_its_time_is_up(loop, qtbot, tmp_path):
    async def scenario():
        server, app = await start_client(tmp_path, qtbot, consent_timeout_s=1.5)
        await server.send(WELCOME)
        await until(lambda: consent_shown(app))
        assert "denied in 1 s" in app.consent_dialog.countdown_label.text()
        await until(lambda: server.log.close_code is not None)
        assert server.log.messages[1:] == [Consent(tier=1, granted=False), End(reason="consent_denied")]
        assert server.log.frames == []
        assert not app.consent_dialog.isVisible()
        assert app.final_notice is Notice.CONSENT_DENIED
        app.notice_box.accept()
        await until(app.finished.is_set)
        await app.shutdown()
        await server.stop()

    loop.run_until_complete(scenario())


def test_chat_flows_both_ways_and_markup_stays_text(loop, qtbot, tmp_path):
    async def scenario():
        server, app = await start_client(tmp_path, qtbot)
        await server.send(WELCOME)
        await until(lambda: consent_shown(app))
        await server.send(Chat(text="<b>Guten Tag</b>", by="expert", at="2026-11-24T17:00:00Z"))
        qtbot.mouseClick(app.consent_dialog.allow_button, Qt.MouseButton.LeftButton)
        await until(lambda: app.control_panel is not None)
        chat = app.control_panel.chat
        assert chat.is_open, "the expert's message opens the chat by itself"
        assert chat.bubbles[0].meta_label.text().startswith("Anna Berger · ")
        assert chat.bubbles[0].text_label.text() == "<b>Guten Tag</b>"
        qtbot.keyClicks(chat.input, "Mein Drucker druckt nicht.")
        qtbot.keyClick(chat.input, Qt.Key.Key_Return)
        await until(lambda: Chat(text="Mein Drucker druckt nicht.") in server.log.messages)
        assert chat.bubbles[-1].own
        assert chat.bubbles[-1].text_label.text() == "Mein Drucker druckt nicht."
        app.control_panel.end_button.click()
        await until(app.finished.is_set)
        await app.shutdown()
        await server.stop()

    loop.run_until_complete(scenario())
