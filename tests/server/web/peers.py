"""Customers over real WSS for the web tests: bare sockets speaking the protocol message by message,
and `ScriptedCustomer`, which keeps what it received so tests can wait on it."""

from __future__ import annotations

import asyncio
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import httpx
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from protocol import Encoding, Frame, Tile, decode_message, encode_frame, encode_message
from protocol.messages import (
    Consent,
    Heartbeat,
    Hello,
    Message,
    Monitor,
    ScreenInfo,
    SessionDescriptorMessage,
    Welcome,
)
from server.recording.records import Body
from server.recording.vault import Vault
from tests.support.scripted_expert import ScriptedExpert
from tests.support.server_process import ServerProcess, SessionTicket, ssl_context

M = TypeVar("M", bound=Message)
TIMEOUT = 15.0
SCREEN = ScreenInfo(monitors=(Monitor(id=0, x=0, y=0, width=64, height=48, scale=1.0, primary=True),))


def make_frame(seq: int, shade: int = 0) -> Frame:
    """A keyframe of a 64x48 monitor: one lossless tile of one colour."""
    pixels = zlib.compress(bytes([shade, 255 - shade, 128]) * (64 * 48))
    return Frame(
        seq, 1_700_000_000_000 + seq, 0, 0, 0, 64, 48, 1, (Tile(0, 0, 64, 48, Encoding.ZLIB_RGB, pixels),)
    )


@dataclass
class Closing:
    """What a peer saw until the server closed: the messages in order and the close code."""

    messages: list[Message] = field(default_factory=list)
    code: int | None = None
    reason: str = ""


def session_state(server: ServerProcess, ticket: SessionTicket) -> dict[str, object]:
    """The session as `GET /api/sessions/{id}` shows it to its expert."""
    with httpx.Client(base_url=server.url, verify=ssl_context(server.ca_path)) as client:
        response = client.get(
            f"/api/sessions/{ticket.session_id}", headers={"Authorization": f"Bearer {ticket.token}"}
        )
        return dict(response.json())


async def open_socket(server: ServerProcess, path: str, source: str | None = None) -> ClientConnection:
    """A WebSocket to `path`; `source` binds its local address (any of 127.0.0.0/8 reaches the server)."""
    return await connect(
        f"{server.ws_url}{path}",
        ssl=ssl_context(server.ca_path),
        max_size=32 * 1024 * 1024,
        compression=None,
        open_timeout=TIMEOUT,
        local_addr=(source, 0) if source else None,
    )


async def send(socket: ClientConnection, message: Message) -> None:
    await socket.send(encode_message(message))


async def receive(socket: ClientConnection) -> Message:
    """The next text message other than `heartbeat`, decoded; fails on binary or on close."""
    while True:
        data = await asyncio.wait_for(socket.recv(), TIMEOUT)
        assert isinstance(data, str), "expected a text message"
        message = decode_message(data)
        if not isinstance(message, Heartbeat):
            return message


async def receive_welcome(socket: ClientConnection) -> Welcome:
    """What a customer gets after a valid `hello`: the signed `session_descriptor`, then `welcome`."""
    descriptor = await receive(socket)
    assert isinstance(descriptor, SessionDescriptorMessage), descriptor
    welcome = await receive(socket)
    assert isinstance(welcome, Welcome), welcome
    return welcome


async def until_closed(socket: ClientConnection) -> Closing:
    """Read until the server closes; returns what came (but heartbeats) and the close code."""
    seen = Closing()
    try:
        async with asyncio.timeout(TIMEOUT):
            async for data in socket:
                assert isinstance(data, str)
                if not isinstance(message := decode_message(data), Heartbeat):
                    seen.messages.append(message)
    except ConnectionClosed:
        pass
    close = socket.protocol.close_rcvd
    if close is not None:
        seen.code, seen.reason = close.code, close.reason
    return seen


async def hello(server: ServerProcess, number: str) -> ClientConnection:
    """A customer socket that has sent `hello` with `number`."""
    socket = await open_socket(server, "/ws/customer")
    await send(socket, Hello(protocol=1, number=number, client="web-test/1"))
    return socket


async def sharing_customer(server: ServerProcess, ticket: SessionTicket) -> ClientConnection:
    """A customer that joined, granted tier 1 and sent screen_info."""
    socket = await hello(server, ticket.number)
    await receive_welcome(socket)
    await send(socket, Consent(tier=1, granted=True))
    await send(socket, SCREEN)
    return socket


def expert_for(server: ServerProcess, ticket: SessionTicket, *, ack_frames: bool = True) -> ScriptedExpert:
    return ScriptedExpert(
        server.ws_url, ssl_context(server.ca_path), ticket.token, ticket.session_id, ack_frames=ack_frames
    )


async def send_frame(socket: ClientConnection, frame: Frame) -> bytes:
    data = encode_frame(frame)
    await socket.send(data)
    return data


class ScriptedCustomer:
    """A customer that records everything the server sends, so tests wait on it instead of sleeping."""

    def __init__(self, socket: ClientConnection) -> None:
        self.socket = socket
        self.messages: list[Message] = []
        self._changed = asyncio.Condition()
        self._reader = asyncio.create_task(self._read())

    @classmethod
    async def sharing(cls, server: ServerProcess, ticket: SessionTicket) -> ScriptedCustomer:
        """Joined, granted tier 1 and sent `SCREEN`."""
        customer = cls(await hello(server, ticket.number))
        await customer.wait_for(Welcome)
        await customer.send(Consent(tier=1, granted=True))
        await customer.send(SCREEN)
        return customer

    async def send(self, message: Message) -> None:
        await send(self.socket, message)

    async def send_frame(self, frame: Frame) -> None:
        await send_frame(self.socket, frame)

    def mark(self) -> int:
        return len(self.messages)

    async def wait_for(
        self, kind: type[M], where: Callable[[M], bool] = lambda _: True, *, since: int = 0
    ) -> M:
        """The first message of type `kind` (from index `since`) for which `where` holds."""
        async with asyncio.timeout(TIMEOUT), self._changed:
            while True:
                for message in self.messages[since:]:
                    if isinstance(message, kind) and where(message):
                        return message
                if self._reader.done():
                    raise ConnectionError(f"closed before a match; got {self.messages}")
                await self._changed.wait()

    async def close(self) -> None:
        await self.socket.close()
        await self._reader

    async def _read(self) -> None:
        try:
            async for data in self.socket:
                assert isinstance(data, str), "the server sends the customer text only"
                async with self._changed:
                    self.messages.append(decode_message(data))
                    self._changed.notify_all()
        except ConnectionClosed:
            pass
        finally:
            async with self._changed:
                self._changed.notify_all()


async def recorded(
    data_dir: Path, session_id: str, until: Callable[[list[Body]], bool], timeout: float = TIMEOUT
) -> list[Body]:
    """The session's recording as soon as `until` holds for it (the server writes as things happen,
    on its recorder thread, so the disk is polled until then)."""
    vault = Vault(data_dir)
    async with asyncio.timeout(timeout):
        while True:
            if vault.path(session_id).exists():
                bodies = await asyncio.to_thread(lambda: list(vault.read(session_id)))
                if until(bodies):
                    return bodies
            await asyncio.sleep(0.02)
