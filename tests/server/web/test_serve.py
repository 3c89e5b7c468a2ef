"""The listening socket the server runs on, with the event loop uvicorn runs it with."""

import asyncio
import socket

import pytest

from server.web.serve import bind_listener


def accepted_socket_option(host: str, level: int, option: int) -> int:
    async def scenario() -> int:
        listener = bind_listener(host, 0)
        accepted: asyncio.Future[asyncio.StreamWriter] = asyncio.get_running_loop().create_future()
        server = await asyncio.start_server(lambda _, writer: accepted.set_result(writer), sock=listener)
        async with server:
            _, writer = await asyncio.open_connection(*listener.getsockname()[:2])
            theirs = await asyncio.wait_for(accepted, 10)
            value: int = theirs.get_extra_info("socket").getsockopt(level, option)
            for each in (writer, theirs):
                each.close()
            return value

    return asyncio.run(scenario())


def test_accepted_connections_send_small_messages_at_once_without_nagle() -> None:
    assert accepted_socket_option("127.0.0.1", socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1


@pytest.mark.skipif(not socket.has_ipv6, reason="no IPv6 in this Python")
def test_accepted_ipv6_connections_send_small_messages_at_once_without_nagle() -> None:
    try:
        probe = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        probe.bind(("::1", 0))
        probe.close()
    except OSError:
        pytest.skip("no IPv6 loopback on this machine")
    assert accepted_socket_option("::1", socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
