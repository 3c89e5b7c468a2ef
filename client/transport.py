"""The one outbound TLS WebSocket to the support server; the only module that imports websockets.

The client trusts exactly one certificate authority — the one it was built for, or `--ca` in
development — and no system CAs. It never listens on a port.
"""

from __future__ import annotations

import hashlib
import ssl
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from protocol import limits

if TYPE_CHECKING:
    from websockets.asyncio.client import ClientConnection
    from websockets.exceptions import ConnectionClosed

CONNECT_TIMEOUT_S = 15.0


class ConnectError(Exception):
    """The connection could not be opened; `certificate` tells a TLS trust failure apart."""

    def __init__(self, detail: str, *, certificate: bool) -> None:
        super().__init__(detail)
        self.certificate = certificate


class TransportClosed(Exception):
    """The connection is gone; `code` is the WebSocket close code when the server sent one."""

    def __init__(self, code: int | None, reason: str) -> None:
        super().__init__(f"closed ({code}): {reason}")
        self.code = code
        self.reason = reason


@dataclass(frozen=True)
class ServerTrust:
    """Where to connect and which CA to trust there."""

    url: str
    ca_pem: bytes
    pin: str | None = None
    """SHA-256 (hex) of the CA certificate in DER form; refused if the CA differs."""


def ca_fingerprint(ca_pem: bytes) -> str:
    """The pin of a CA certificate: SHA-256 over its DER encoding, lowercase hex."""
    return hashlib.sha256(ssl.PEM_cert_to_DER_cert(ca_pem.decode("ascii"))).hexdigest()


def ssl_context_for(trust: ServerTrust) -> ssl.SSLContext:
    """A client context that trusts only `trust.ca_pem`, after checking it against the pin."""
    try:
        fingerprint = ca_fingerprint(trust.ca_pem)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ConnectError(f"the CA certificate is unreadable: {exc}", certificate=True) from None
    if trust.pin is not None and fingerprint != trust.pin.lower():
        raise ConnectError(f"CA pin mismatch: {fingerprint} is not {trust.pin}", certificate=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_verify_locations(cadata=trust.ca_pem.decode("ascii"))
    return context


class Transport:
    """One WebSocket connection. All methods run on the asyncio event-loop thread."""

    def __init__(self, connection: ClientConnection) -> None:
        self._connection = connection

    @classmethod
    async def open(cls, trust: ServerTrust) -> Transport:
        """Connect to `trust.url` + `/ws/customer`; raises `ConnectError`.

        websockets is imported here, when the customer has typed a number, not with this module:
        the session-number dialog would wait for it.
        """
        from websockets.asyncio.client import connect
        from websockets.exceptions import InvalidHandshake, InvalidURI

        context = ssl_context_for(trust)
        url = trust.url.rstrip("/") + "/ws/customer"
        try:
            connection = await connect(
                url,
                ssl=context,
                compression=None,
                max_size=limits.MAX_TEXT_MESSAGE_BYTES,
                open_timeout=CONNECT_TIMEOUT_S,
                user_agent_header="Fernhilfe",
            )
        except ssl.SSLCertVerificationError as exc:
            raise ConnectError(str(exc), certificate=True) from None
        except (OSError, InvalidHandshake, InvalidURI, TimeoutError) as exc:
            raise ConnectError(str(exc) or type(exc).__name__, certificate=False) from None
        return cls(connection)

    async def send_text(self, text: str) -> None:
        await self._guard(self._connection.send(text))

    async def send_binary(self, data: bytes) -> None:
        await self._guard(self._connection.send(data))

    async def receive(self) -> str | bytes:
        """The next message; raises `TransportClosed` when the connection ends."""
        from websockets.exceptions import ConnectionClosed

        try:
            return await self._connection.recv()
        except ConnectionClosed as exc:
            raise _closed(exc) from None

    async def close(self, code: int = 1000) -> None:
        await self._connection.close(code)

    def abort(self) -> None:
        """Drop the connection at once, without a closing handshake (the peer is silent or gone)."""
        self._connection.transport.abort()

    async def _guard(self, operation: Awaitable[None]) -> None:
        from websockets.exceptions import ConnectionClosed

        try:
            await operation
        except ConnectionClosed as exc:
            raise _closed(exc) from None


def _closed(exc: ConnectionClosed) -> TransportClosed:
    frame = exc.rcvd
    return TransportClosed(frame.code if frame else None, frame.reason if frame else "connection lost")
