"""A whole view-only session: the real client (Xvfb, clicked like a person), the real server over
TLS, and a scripted expert console that follows docs/protocol.md."""

import asyncio

import pytest
from PySide6.QtCore import Qt

from client.core.notice import Notice
from protocol.frames import Frame
from protocol.messages import CustomerJoined, End, ScreenInfo, TierStatus
from server.recording.screen import Canvas
from tests.support.customer import (
    WATERMARK_RGB,
    consent_shown,
    start_customer,
    until,
    watermark_on_screen,
    watermark_point,
)
from tests.support.fixtures import ANNA
from tests.support.scripted_expert import ScriptedExpert
from tests.support.server_process import open_session_async, ssl_context

pytestmark = pytest.mark.e2e


def pixel_in_frame(frame: Frame, x: int, y: int) -> tuple[int, int, int]:
    """Decode a keyframe as the console would and read the pixel at (x, y)."""
    canvas = Canvas(frame.monitor, frame.monitor_width, frame.monitor_height)
    assert frame.keyframe and canvas.paint(frame)
    red, green, blue = (int(v) for v in canvas.pixels[y, x])
    return red, green, blue


def close_to(colour, expected, tolerance=12):
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=True))


async def attach_expert(server):
    ticket = await open_session_async(server, ANNA.username, ANNA.password)
    expert = ScriptedExpert(server.ws_url, ssl_context(server.ca_path), ticket.token, ticket.session_id)
    await expert.connect()
    return ticket, expert


def test_no_frame_before_allow_then_the_screen_with_its_watermark(loop, qtbot, server):
    async def scenario():
        ticket, expert = await attach_expert(server)
        app = start_customer(server.ws_url, server.ca_path, qtbot, ticket.session["number_display"])
        await until(lambda: consent_shown(app))
        dialog = app.consent_dialog
        texts = [label.text() for label in dialog.findChildren(type(dialog.recording_label))]
        assert "Anna Berger from Beispiel GmbH asks to see your screen." in texts
        await expert.wait_for_message(CustomerJoined)
        await asyncio.sleep(0.5)
        assert expert.frames == []
        assert not any(isinstance(r.message, ScreenInfo) for r in expert.received)
        assert not watermark_on_screen()

        qtbot.mouseClick(app.consent_dialog.allow_button, Qt.MouseButton.LeftButton)
        await expert.wait_for_message(TierStatus, lambda m: m.tier == 1 and m.state == "granted")
        info = await expert.wait_for_message(ScreenInfo)
        assert [(m.width, m.height) for m in info.monitors] == [(1920, 1080)]
        frames = await expert.wait_for_frames(1)
        assert frames[0].keyframe
        assert watermark_on_screen()
        assert close_to(pixel_in_frame(frames[0], *watermark_point()), WATERMARK_RGB)

        qtbot.mouseClick(app.control_panel.end_button, Qt.MouseButton.LeftButton)
        ended = await expert.wait_for_message(End)
        assert (ended.by, ended.reason) == ("customer", "customer_ended")
        await until(app.finished.is_set)
        await app.shutdown()
        await until(lambda: not watermark_on_screen())
        await expert.close()

    loop.run_until_complete(scenario())


def test_a_customer_end_says_sharing_stopped_then_the_message_closes_itself(loop, qtbot, server):
    async def scenario():
        ticket, expert = await attach_expert(server)
        app = start_customer(server.ws_url, server.ca_path, qtbot, ticket.number, closing_message_s=1.5)
        await until(lambda: consent_shown(app))
        qtbot.mouseClick(app.consent_dialog.allow_button, Qt.MouseButton.LeftButton)
        await expert.wait_for_frames(1)
        qtbot.mouseClick(app.control_panel.end_button, Qt.MouseButton.LeftButton)
        await expert.wait_for_message(End)
        await until(lambda: app.closing_message is not None and app.closing_message.isVisible())
        message = app.closing_message
        assert message.message_label.text() == "Session ended. Nobody sees your screen any more."
        assert message.fate_label.text() == "Fernhilfe stays on this computer for later sessions."
        assert not watermark_on_screen()
        assert not app.closed.is_set()
        await until(app.closed.is_set)
        assert not message.isVisible(), "it closed itself"
        await app.shutdown()
        await expert.close()

    loop.run_until_complete(scenario())


def test_deny_shares_nothing_and_ends_for_both(loop, qtbot, server):
    async def scenario():
        ticket, expert = await attach_expert(server)
        app = start_customer(server.ws_url, server.ca_path, qtbot, ticket.number)
        await until(lambda: consent_shown(app))
        qtbot.keyClick(app.consent_dialog, Qt.Key.Key_Escape)
        await expert.wait_for_message(TierStatus, lambda m: m.tier == 1 and m.state == "denied")
        ended = await expert.wait_for_message(End)
        assert ended.by == "customer"
        assert expert.frames == []
        assert app.final_notice is Notice.CONSENT_DENIED
        assert not watermark_on_screen()
        app.notice_box.accept()
        await until(app.finished.is_set)
        await app.shutdown()
        await expert.close()

    loop.run_until_complete(scenario())


def test_the_expert_ending_removes_the_watermark_and_tells_the_customer(loop, qtbot, server):
    async def scenario():
        ticket, expert = await attach_expert(server)
        app = start_customer(server.ws_url, server.ca_path, qtbot, ticket.number)
        await until(lambda: consent_shown(app))
        qtbot.mouseClick(app.consent_dialog.allow_button, Qt.MouseButton.LeftButton)
        await expert.wait_for_frames(1)
        assert watermark_on_screen()
        await expert.end()
        await until(lambda: app.notice_box is not None)
        assert app.final_notice is Notice.ENDED_BY_EXPERT
        assert "Anna Berger ended the session" in app.notice_box.text()
        await until(lambda: not watermark_on_screen())
        assert not app.control_panel.isVisible()
        app.notice_box.accept()
        await until(app.finished.is_set)
        await app.shutdown()

    loop.run_until_complete(scenario())


def test_a_used_number_is_refused(loop, qtbot, server):
    async def scenario():
        ticket, expert = await attach_expert(server)
        first = start_customer(server.ws_url, server.ca_path, qtbot, ticket.number)
        await until(lambda: consent_shown(first))
        second = start_customer(server.ws_url, server.ca_path, qtbot, ticket.number)
        await until(second.number_dialog.error_label.isVisible)
        assert "wrong or has expired" in second.number_dialog.error_label.text()
        second.number_dialog.reject()
        qtbot.mouseClick(first.consent_dialog.deny_button, Qt.MouseButton.LeftButton)
        first.notice_box.accept()
        for app in (first, second):
            await until(app.finished.is_set)
            await app.shutdown()
        await expert.close()

    loop.run_until_complete(scenario())


def test_guessed_numbers_are_refused_then_rate_limited(loop, qtbot, server):
    async def scenario():
        app = start_customer(server.ws_url, server.ca_path, qtbot, "123456789")
        dialog = app.number_dialog
        messages = []
        for attempt in range(6):
            await until(lambda: dialog.error_label.isVisible() and dialog.number_edit.isEnabled())
            messages.append(dialog.error_label.text())
            if attempt < 5:
                dialog.error_label.hide()
                dialog.number_edit.clear()
                qtbot.keyClicks(dialog.number_edit, f"1234567{attempt}9")
                qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
        assert all("wrong or has expired" in text for text in messages[:5])
        assert "Too many wrong numbers" in messages[5]
        dialog.reject()
        await until(app.finished.is_set)
        await app.shutdown()

    loop.run_until_complete(scenario())
