"""The support server restarts while the real client on Xvfb shares the screen and the expert holds
control: after SIGTERM, and after SIGKILL and a new start, the customer is told in plain words
that the server is away, nothing is captured or injected meanwhile, and the session resumes with
view and control; the console attaches again and sees the screen."""

import asyncio

import pytest

from client.core.phase import Phase
from protocol.messages import PointerMove
from tests.support.customer import consent_shown, start_customer, until
from tests.support.desktop import move_pointer_as_setup, pointer_position
from tests.support.fixtures import ANNA
from tests.support.scripted_expert import ScriptedExpert
from tests.support.server_process import open_session_async, ssl_context

from .test_reconnect import allow, finish, reconnecting, watermark_text

pytestmark = pytest.mark.e2e

RESTART_S = 45.0
"""Long enough for a stop and a start on a loaded machine, within the 60 s resume window."""


async def controlling(server, qtbot):
    ticket = await open_session_async(server, ANNA.username, ANNA.password)
    expert = ScriptedExpert(server.ws_url, ssl_context(server.ca_path), ticket.token, ticket.session_id)
    await expert.connect()
    app = start_customer(server.ws_url, server.ca_path, qtbot, ticket.number)
    await until(lambda: consent_shown(app))
    await allow(app, qtbot, 1)
    await expert.wait_for_frames(1)
    await expert.request_tier(2)
    await allow(app, qtbot, 2)
    await expert.wait_for_control("expert")
    return ticket, expert, app


async def back_with_view_and_control(server, ticket, app):
    """The session resumed on the restarted server: a new console sees a keyframe and controls."""
    await until(lambda: app.session.phase is Phase.SHARING, timeout=RESTART_S)
    console = ScriptedExpert(server.ws_url, ssl_context(server.ca_path), ticket.token, ticket.session_id)
    await console.connect()
    await console.wait_for(lambda r: r.frame is not None and r.frame.keyframe)
    await until(lambda: watermark_text(app).startswith("Controlling:"))
    await console.wait_for_control("expert")
    await console.send_input(PointerMove(monitor=0, x=640, y=480))
    await until(lambda: pointer_position() == (640, 480))
    return console


def test_a_graceful_restart_says_so_and_the_session_resumes(loop, qtbot, server):
    async def scenario():
        move_pointer_as_setup(300, 300)
        ticket, expert, app = await controlling(server, qtbot)
        await asyncio.to_thread(server.stop)
        await until(lambda: reconnecting(app))
        assert "restarting" in app.control_panel.status_label.text()
        assert app._share is None
        assert await expert.wait_closed() == 1001
        await asyncio.to_thread(server.start)
        console = await back_with_view_and_control(server, ticket, app)
        await finish(console, app)

    loop.run_until_complete(scenario())


def test_after_a_crash_and_a_new_start_the_customer_is_told_and_the_session_resumes(loop, qtbot, server):
    async def scenario():
        move_pointer_as_setup(300, 300)
        ticket, expert, app = await controlling(server, qtbot)
        server.kill()
        await until(lambda: reconnecting(app))
        await until(lambda: "cannot be reached" in app.control_panel.status_label.text())
        assert app._share is None
        await expert.wait_closed()
        await asyncio.to_thread(server.start)
        console = await back_with_view_and_control(server, ticket, app)
        await finish(console, app)

    loop.run_until_complete(scenario())
