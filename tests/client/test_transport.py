"""The client trusts exactly its one CA, checks the pin, and reports why a connection failed."""

import asyncio
import socket

import pytest

from client.transport import ConnectError, ServerTrust, Transport, ca_fingerprint, ssl_context_for
from tests.client.peer import ScriptedServer, make_ca_and_server_cert


def test_a_pin_that_does_not_match_the_ca_is_refused(tmp_path):
    ca_path, _, _ = make_ca_and_server_cert(tmp_path)
    with pytest.raises(ConnectError) as refused:
        ssl_context_for(ServerTrust("wss://127.0.0.1:1", ca_path.read_bytes(), pin="00" * 32))
    assert refused.value.certificate


def test_the_matching_pin_is_accepted_in_any_case(tmp_path):
    ca_path, _, _ = make_ca_and_server_cert(tmp_path)
    pin = ca_fingerprint(ca_path.read_bytes()).upper()
    context = ssl_context_for(ServerTrust("wss://127.0.0.1:1", ca_path.read_bytes(), pin=pin))
    assert len(context.get_ca_certs()) == 1


def test_garbage_instead_of_a_certificate_is_a_certificate_error():
    with pytest.raises(ConnectError) as refused:
        ssl_context_for(ServerTrust("wss://127.0.0.1:1", b"not a certificate"))
    assert refused.value.certificate


def test_no_server_listening_is_unreachable(tmp_path):
    ca_path, _, _ = make_ca_and_server_cert(tmp_path)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(ConnectError) as refused:
        asyncio.run(Transport.open(ServerTrust(f"wss://127.0.0.1:{port}", ca_path.read_bytes())))
    assert not refused.value.certificate


def test_a_server_signed_by_another_ca_is_a_certificate_error(tmp_path):
    async def scenario():
        server = ScriptedServer(tmp_path)
        await server.start()
        (tmp_path / "other").mkdir()
        other_ca, _, _ = make_ca_and_server_cert(tmp_path / "other")
        try:
            with pytest.raises(ConnectError) as refused:
                await Transport.open(ServerTrust(server.url, other_ca.read_bytes()))
            assert refused.value.certificate
            assert server.log.messages == []
        finally:
            await server.stop()

    asyncio.run(scenario())
