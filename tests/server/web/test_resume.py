"""Resume over the real server: a customer whose connection dropped continues with its one-time
token; the same token from another address, or a second time, is refused."""

import asyncio

from protocol.messages import Consent, CustomerLink, Error, Resume, Resumed, ScreenInfo, Welcome
from tests.support.fixtures import ANNA
from tests.support.server_process import open_session_async as open_session

from .peers import (
    SCREEN,
    Closing,
    expert_for,
    hello,
    make_frame,
    open_socket,
    receive,
    receive_welcome,
    send,
    send_frame,
    until_closed,
)


def run(coroutine):
    asyncio.run(coroutine)


async def resume(server, session_id, token, source=None):
    socket = await open_socket(server, "/ws/customer", source)
    await send(socket, Resume(protocol=1, session_id=session_id, token=token))
    return socket


def refusal(closing: Closing) -> tuple[list[str], int | None]:
    return [m.code for m in closing.messages if isinstance(m, Error)], closing.code


def test_a_dropped_customer_resumes_and_a_stolen_or_replayed_token_is_refused(server):
    async def scenario():
        ticket = await open_session(server, ANNA.username, ANNA.password)
        async with expert_for(server, ticket) as expert:
            customer = await hello(server, ticket.number)
            welcome = await receive_welcome(customer)
            assert isinstance(welcome, Welcome) and welcome.resume_token
            await send(customer, Consent(tier=1, granted=True))
            await send(customer, SCREEN)
            await expert.wait_for_message(ScreenInfo)
            customer.transport.abort()
            await expert.wait_for_message(CustomerLink, lambda m: m.state == "reconnecting")

            thief = await resume(server, ticket.session_id, welcome.resume_token, source="127.0.0.2")
            assert refusal(await until_closed(thief)) == (["resume_refused"], 4012)

            mark = expert.mark()
            back = await resume(server, ticket.session_id, welcome.resume_token)
            resumed = await receive(back)
            assert isinstance(resumed, Resumed) and resumed.resume_token != welcome.resume_token
            await expert.wait_for_message(CustomerLink, lambda m: m.state == "connected", since=mark)
            await send(back, SCREEN)
            await send_frame(back, make_frame(1))
            [frame] = await expert.wait_for_frames(1)
            assert frame.seq == 1

            replay = await resume(server, ticket.session_id, welcome.resume_token)
            assert refusal(await until_closed(replay)) == (["resume_refused"], 4012)
            await back.close()

    run(scenario())
