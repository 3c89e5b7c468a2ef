"""Everything the real server refuses on its WebSockets, with the error and close code it uses."""

import asyncio

from protocol.messages import Auth, CustomerJoined, Error, Hello
from tests.support.fixtures import ANNA
from tests.support.server_process import add_expert, login
from tests.support.server_process import open_session_async as open_session

from .peers import expert_for, hello, open_socket, receive_welcome, send, until_closed


def run(scenario):
    asyncio.run(asyncio.wait_for(scenario, 60))


async def refused(socket):
    """(error code, retry_after, close code) of a socket the server refuses."""
    async with socket:
        closing = await until_closed(socket)
    assert len(closing.messages) == 1, closing.messages
    error = closing.messages[0]
    assert isinstance(error, Error)
    return error.code, error.retry_after, closing.code


def wrong_number(right):
    return "000000000" if right != "000000000" else "000000001"


def test_guessed_numbers_are_refused_then_rate_limited(server):
    async def scenario():
        ticket = await open_session(server, ANNA.username, ANNA.password)
        for _ in range(5):
            code, _, close = await refused(await hello(server, wrong_number(ticket.number)))
            assert (code, close) == ("invalid_number", 4004)
        code, retry_after, close = await refused(await hello(server, ticket.number))
        assert (code, close) == ("rate_limited", 4029)
        assert 1 <= retry_after <= 60

    run(scenario())


def test_a_used_number_is_refused(server):
    async def scenario():
        ticket = await open_session(server, ANNA.username, ANNA.password)
        async with await hello(server, ticket.number) as first:
            await receive_welcome(first)
            assert await refused(await hello(server, ticket.number)) == ("invalid_number", 0, 4004)

    run(scenario())


def test_the_number_of_an_ended_session_is_refused(server):
    async def scenario():
        ticket = await open_session(server, ANNA.username, ANNA.password)
        async with expert_for(server, ticket) as expert:
            await expert.end()
        assert await refused(await hello(server, ticket.number)) == ("invalid_number", 0, 4004)

    run(scenario())


def test_unsupported_protocol_version(server):
    async def scenario():
        ticket = await open_session(server, ANNA.username, ANNA.password)
        socket = await open_socket(server, "/ws/customer")
        await send(socket, Hello(protocol=2, number=ticket.number, client="future/9"))
        assert await refused(socket) == ("unsupported_version", 0, 4001)

    run(scenario())


def test_malformed_message(server):
    async def scenario():
        socket = await open_socket(server, "/ws/customer")
        await socket.send('{"type": "hello", "protocol": 1}')
        assert await refused(socket) == ("bad_message", 0, 4000)

    run(scenario())


def test_oversized_text_message(server):
    async def scenario():
        socket = await open_socket(server, "/ws/customer")
        await socket.send('{"type":"hello","client":"' + "x" * 70_000 + '"}')
        assert await refused(socket) == ("bad_message", 0, 1009)

    run(scenario())


def test_oversized_binary_message(server):
    async def scenario():
        ticket = await open_session(server, ANNA.username, ANNA.password)
        async with expert_for(server, ticket) as expert:
            socket = await hello(server, ticket.number)
            await receive_welcome(socket)
            await socket.send(bytes(16 * 1024 * 1024 + 1))
            assert await refused(socket) == ("bad_message", 0, 1009)
            await expert.wait_for_message(CustomerJoined)

    run(scenario())


def test_expert_with_a_forged_token(server):
    async def scenario():
        ticket = await open_session(server, ANNA.username, ANNA.password)
        socket = await open_socket(server, "/ws/expert")
        await send(socket, Auth(protocol=1, token="forged", session_id=ticket.session_id))
        assert await refused(socket) == ("unauthorized", 0, 4003)

    run(scenario())


def test_expert_for_another_experts_session(server):
    add_expert(server.data_dir, "ben", "another good password", "Ben Ober", "Andere AG")

    async def scenario():
        ticket = await open_session(server, ANNA.username, ANNA.password)
        ben = await asyncio.to_thread(login, server, "ben", "another good password")
        socket = await open_socket(server, "/ws/expert")
        await send(socket, Auth(protocol=1, token=ben, session_id=ticket.session_id))
        assert await refused(socket) == ("unauthorized", 0, 4003)

    run(scenario())


def test_expert_for_an_ended_session(server):
    async def scenario():
        ticket = await open_session(server, ANNA.username, ANNA.password)
        async with expert_for(server, ticket) as expert:
            await expert.end()
        socket = await open_socket(server, "/ws/expert")
        await send(socket, Auth(protocol=1, token=ticket.token, session_id=ticket.session_id))
        assert await refused(socket) == ("session_ended", 0, 4010)

    run(scenario())


def test_binary_on_the_expert_endpoint(server):
    async def scenario():
        ticket = await open_session(server, ANNA.username, ANNA.password)
        expert = expert_for(server, ticket)
        await expert.connect()
        await expert.send_raw(b"FHF1")
        assert await expert.wait_closed() == 4000
        error = expert.messages[-1]
        assert isinstance(error, Error) and error.code == "not_allowed"
        await expert.close()

    run(scenario())


def test_a_customer_joins_while_sixty_addresses_from_thirty_networks_guess(server):
    async def guess(source):
        socket = await open_socket(server, "/ws/customer", source)
        await send(socket, Hello(protocol=1, number="000000001", client="guesser/1"))
        return await refused(socket)

    async def scenario():
        ticket = await open_session(server, ANNA.username, ANNA.password)
        sources = [f"127.{net}.0.{host}" for net in range(1, 31) for host in (1, 2)]
        answers = await asyncio.gather(*(guess(source) for source in sources))
        assert {code for code, _, _ in answers} == {"invalid_number"}
        async with await hello(server, ticket.number) as customer:
            assert (await receive_welcome(customer)).TYPE == "welcome"

    run(scenario())
