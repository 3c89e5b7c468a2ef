"""A server restart while a session is live, over the real server process: after SIGTERM and after
SIGKILL the customer resumes with its token and the console attaches again; the saved state holds
no token; a waiting session ends; a customer who does not come back ends the session and its
recording after the window, so no session is left half-open."""

import asyncio
import json
import time

from protocol.errors import SERVER_RESTART
from protocol.limits import RESUME_WINDOW_S
from protocol.messages import Consent, CustomerLink, End, Resume, Resumed, ScreenInfo, SessionInfo
from server.core.journal import ControlEntry
from server.recording.vault import Vault
from tests.support.fixtures import ANNA
from tests.support.server_process import open_session_async as open_session

from .peers import (
    SCREEN,
    expert_for,
    hello,
    make_frame,
    open_socket,
    receive,
    receive_welcome,
    recorded,
    send,
    send_frame,
    session_state,
    until_closed,
)


async def joined_and_sharing(server):
    ticket = await open_session(server, ANNA.username, ANNA.password)
    expert = expert_for(server, ticket)
    await expert.connect()
    customer = await hello(server, ticket.number)
    welcome = await receive_welcome(customer)
    await send(customer, Consent(tier=1, granted=True))
    await send(customer, SCREEN)
    await send_frame(customer, make_frame(1))
    await expert.wait_for_frames(1)
    return ticket, expert, customer, welcome.resume_token


async def resumed_after_restart(server, ticket, token):
    """The customer resumes on the restarted server and the console attaches again; both see frames."""
    back = await open_socket(server, "/ws/customer")
    await send(back, Resume(protocol=1, session_id=ticket.session_id, token=token))
    assert isinstance(await receive(back), Resumed)
    async with expert_for(server, ticket) as console:
        assert isinstance(console.messages[0], SessionInfo) and console.messages[0].state == "active"
        await send(back, SCREEN)
        await console.wait_for_message(ScreenInfo)
        await send_frame(back, make_frame(1, shade=90))
        [frame] = await console.wait_for_frames(1)
        assert frame.keyframe
        await console.end()
    await until_closed(back)


def recorded_until_the_end(server, session_id, timeout=10.0):
    """The session's recorded control events, once its end is among them: the recorder writes on
    its own thread, so the last entries may land a moment after both sockets closed."""
    deadline = time.monotonic() + timeout
    while True:
        bodies = Vault(server.data_dir).read(session_id)
        events = [b.event for b in bodies if isinstance(b, ControlEntry)]
        if "session_ended" in events or time.monotonic() > deadline:
            return events
        time.sleep(0.1)


def test_after_sigterm_both_sides_are_closed_for_the_restart_and_the_session_resumes(server):
    async def before():
        ticket, expert, customer, token = await joined_and_sharing(server)
        waiting = await open_session(server, ANNA.username, ANNA.password)
        code = await asyncio.to_thread(server.stop)
        closing = await until_closed(customer)
        assert code == 0 and not any(isinstance(m, End) for m in closing.messages)
        assert (closing.code, closing.reason) == (1001, SERVER_RESTART)
        assert await expert.wait_closed() == 1001 and not any(isinstance(m, End) for m in expert.messages)
        return ticket, token, waiting

    ticket, token, waiting = asyncio.run(before())
    saved = (server.data_dir / "resume" / f"{ticket.session_id}.json").read_text()
    assert token not in saved and json.loads(saved)["state"] == "active"
    server.start()
    assert session_state(server, ticket)["state"] == "active"
    assert session_state(server, waiting)["state"] == "ended"
    asyncio.run(resumed_after_restart(server, ticket, token))
    events = recorded_until_the_end(server, ticket.session_id)
    assert events[-3:] == ["link_lost", "link_resumed", "session_ended"]
    assert events.count("session_ended") == 1
    assert not (server.data_dir / "resume" / f"{ticket.session_id}.json").exists()


async def killed_while_sharing(server):
    """SIGKILL while the customer shares; returns the ticket and the customer's resume token."""
    ticket, expert, customer, token = await joined_and_sharing(server)
    server.kill()
    await until_closed(customer)
    await expert.wait_closed()
    return ticket, token


def test_after_sigkill_the_session_resumes_on_the_restarted_server(server):
    ticket, token = asyncio.run(killed_while_sharing(server))
    server.start()
    asyncio.run(resumed_after_restart(server, ticket, token))
    assert session_state(server, ticket)["state"] == "ended"


def ended_log(bodies):
    return isinstance(bodies[-1], ControlEntry) and bodies[-1].event == "session_ended"


def test_a_customer_who_does_not_come_back_after_a_crash_ends_the_session_and_its_recording(server):
    ticket, _ = asyncio.run(killed_while_sharing(server))
    server.start()

    async def after():
        async with expert_for(server, ticket) as console:
            await console.wait_for_message(CustomerLink, lambda m: m.state == "reconnecting")
            ended = await console.wait_for_message(End, timeout=RESUME_WINDOW_S + 15)
            assert ended == End(reason="connection_lost", by="server")
        return await recorded(server.data_dir, ticket.session_id, ended_log)

    bodies = asyncio.run(after())
    assert bodies[-1] == ControlEntry(bodies[-1].at, "session_ended", "server", detail="connection_lost")
    record = session_state(server, ticket)
    assert (record["state"], record["outcome"]) == ("ended", "lost")
