"""A scripted support server for client tests: real TLS WebSockets, scripted by the test.

It is deliberately not the real server: it can send what the real server never would
(input before consent, garbage, a second welcome) to try to break the client's invariants.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import ipaddress
import ssl
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from protocol import decode_frame, decode_message, encode_message
from protocol.frames import Frame
from protocol.limits import HEARTBEAT_INTERVAL_S
from protocol.messages import Heartbeat, Message


def make_ca_and_server_cert(directory: Path) -> tuple[Path, Path, Path]:
    """A throwaway CA and a certificate for 127.0.0.1 signed by it: (ca.pem, cert.pem, key.pem)."""
    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    paths = (directory / "ca.pem", directory / "cert.pem", directory / "key.pem")
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return paths


@dataclass
class PeerLog:
    messages: list[Message] = field(default_factory=list)
    """Everything the client sent but its heartbeats, which are counted in `heartbeats`."""
    frames: list[Frame] = field(default_factory=list)
    heartbeats: int = 0
    close_code: int | None = None


async def _heartbeats(connection: ServerConnection) -> None:
    """A live server sends `heartbeat` every few seconds; the client drops a silent one."""
    with contextlib.suppress(ConnectionClosed):
        while True:
            await asyncio.sleep(HEARTBEAT_INTERVAL_S)
            await connection.send(encode_message(Heartbeat()))


class ScriptedServer:
    """Accepts one customer at a time; the test reads `log` and calls `send`."""

    def __init__(self, directory: Path) -> None:
        self.ca_path, cert, key = make_ca_and_server_cert(directory)
        self._context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self._context.load_cert_chain(cert, key)
        self.log = PeerLog()
        self.connected = asyncio.Event()
        self._connection: ServerConnection | None = None
        self._server: Server | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        port = next(iter(self._server.sockets)).getsockname()[1]
        return f"wss://127.0.0.1:{port}"

    async def start(self) -> None:
        self._server = await serve(self._handle, "127.0.0.1", 0, ssl=self._context, compression=None)

    async def stop(self) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()

    async def send(self, message: Message | str | bytes) -> None:
        assert self._connection is not None
        await self._connection.send(message if isinstance(message, str | bytes) else encode_message(message))

    async def close(self, code: int = 1000) -> None:
        assert self._connection is not None
        await self._connection.close(code)

    async def _handle(self, connection: ServerConnection) -> None:
        self._connection = connection
        self.connected.set()
        beating = asyncio.create_task(_heartbeats(connection))
        try:
            async for data in connection:
                if isinstance(data, bytes):
                    self.log.frames.append(decode_frame(data))
                elif isinstance(message := decode_message(data), Heartbeat):
                    self.log.heartbeats += 1
                else:
                    self.log.messages.append(message)
        except ConnectionClosed:
            pass
        beating.cancel()
        self.log.close_code = connection.close_code
