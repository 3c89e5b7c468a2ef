"""A session that survives the network: the real client on Xvfb reaches the real server through a
loopback fault proxy that cuts, resets, holds and slows the link. While the link is down nothing
is captured or injected and the watermark says so; the session resumes with tiers 1 and 2."""

import asyncio
import os
import signal

import pytest
from PySide6.QtCore import Qt

from client.core.phase import Phase
from protocol.messages import Control, CustomerLink, PointerMove, TierStatus
from tests.support.customer import consent_shown, start_customer, until
from tests.support.desktop import move_pointer_as_setup, pointer_position
from tests.support.fault_proxy import FaultProxy
from tests.support.fixtures import ANNA
from tests.support.scripted_expert import ScriptedExpert
from tests.support.server_process import open_session_async, ssl_context

pytestmark = pytest.mark.e2e

HEARTBEAT_WINDOW_S = 10.0 + 2.0
"""The silence limit plus a tick and some slack for a loaded machine."""


@pytest.fixture
def proxy(server):
    with FaultProxy(server.port) as running:
        yield running


async def joined(server, proxy, qtbot):
    """An expert attached directly, and the customer's client joined through the proxy."""
    ticket = await open_session_async(server, ANNA.username, ANNA.password)
    expert = ScriptedExpert(server.ws_url, ssl_context(server.ca_path), ticket.token, ticket.session_id)
    await expert.connect()
    app = start_customer(proxy.ws_url, server.ca_path, qtbot, ticket.number)
    await until(lambda: consent_shown(app))
    return expert, app


async def allow(app, qtbot, tier):
    await until(lambda: app.consent_dialog.tier == tier and consent_shown(app))
    qtbot.mouseClick(app.consent_dialog.allow_button, Qt.MouseButton.LeftButton)


def watermark_text(app):
    return app.watermarks.marks[0].text if app.watermarks is not None and app.watermarks.marks else ""


def reconnecting(app):
    return app.session.phase is Phase.RECONNECTING and "reconnecting" in watermark_text(app).lower()


async def finish(expert, app):
    app.control_panel.end_button.click()
    await until(app.finished.is_set)
    await app.shutdown()
    await expert.close()


def test_a_cut_while_controlling_resumes_view_and_control_and_nothing_crosses_the_gap(
    loop, qtbot, server, proxy
):
    async def scenario():
        move_pointer_as_setup(300, 300)
        expert, app = await joined(server, proxy, qtbot)
        await allow(app, qtbot, 1)
        await expert.wait_for_frames(1)
        await expert.request_tier(2)
        await allow(app, qtbot, 2)
        await expert.wait_for_control("expert")

        proxy.block()
        proxy.cut()
        await expert.wait_for_message(CustomerLink, lambda m: m.state == "reconnecting")
        await until(lambda: reconnecting(app))
        assert "reconnecting" in app.control_panel.status_label.text().lower()
        frames, forwarded = len(expert.frames), proxy.forwarded
        await expert.send_input(PointerMove(monitor=0, x=900, y=700))
        await asyncio.sleep(1.0)
        assert pointer_position() == (300, 300), "input crossed the gap"
        assert len(expert.frames) == frames and proxy.forwarded == forwarded, "a frame crossed the gap"
        assert app._share is None

        mark = expert.mark()
        proxy.unblock()
        await expert.wait_for_message(CustomerLink, lambda m: m.state == "connected", since=mark)
        await expert.wait_for_message(Control, lambda m: m.holder == "expert", since=mark)
        await expert.wait_for(lambda r: r.frame is not None and r.frame.keyframe, since=mark)
        revoked = [r.message for r in expert.received[mark:] if isinstance(r.message, TierStatus)]
        assert revoked == [], "a tier was lost by the resume"
        assert watermark_text(app).startswith("Controlling:")
        await expert.send_input(PointerMove(monitor=0, x=640, y=480))
        await until(lambda: pointer_position() == (640, 480))
        await finish(expert, app)

    loop.run_until_complete(scenario())


def test_a_reset_during_the_consent_dialog_asks_again_once_the_session_resumed(loop, qtbot, server, proxy):
    async def scenario():
        expert, app = await joined(server, proxy, qtbot)
        first = app.consent_dialog
        proxy.reset()
        await until(lambda: not first.isVisible())
        await until(lambda: app.consent_dialog is not first and consent_shown(app))
        assert expert.frames == []
        await allow(app, qtbot, 1)
        [frame] = await expert.wait_for_frames(1)
        assert frame.keyframe
        await finish(expert, app)

    loop.run_until_complete(scenario())


def test_a_half_open_link_at_1_mbit_is_noticed_by_the_heartbeat_and_resumed(loop, qtbot, server, proxy):
    async def scenario():
        proxy.rate_bytes_per_s = 125_000
        expert, app = await joined(server, proxy, qtbot)
        await allow(app, qtbot, 1)
        await expert.wait_for_frames(1)
        proxy.hold()
        await until(lambda: reconnecting(app), timeout=HEARTBEAT_WINDOW_S)
        await expert.wait_for_message(CustomerLink, lambda m: m.state == "reconnecting")
        mark = expert.mark()
        proxy.release()
        await expert.wait_for_message(CustomerLink, lambda m: m.state == "connected", since=mark)
        await expert.wait_for(lambda r: r.frame is not None, since=mark)
        await until(lambda: watermark_text(app).startswith("Viewing:"))
        await finish(expert, app)

    loop.run_until_complete(scenario())


def test_a_paused_server_is_flagged_within_the_heartbeat_window(loop, qtbot, server, proxy):
    async def scenario():
        expert, app = await joined(server, proxy, qtbot)
        await allow(app, qtbot, 1)
        await expert.wait_for_frames(1)
        os.kill(server.process.pid, signal.SIGSTOP)
        try:
            await until(lambda: reconnecting(app), timeout=HEARTBEAT_WINDOW_S)
            assert app._share is None
        finally:
            os.kill(server.process.pid, signal.SIGCONT)
        await until(lambda: app.session.phase is Phase.SHARING, timeout=30)
        await until(lambda: watermark_text(app).startswith("Viewing:"))
        await finish(expert, app)

    loop.run_until_complete(scenario())
