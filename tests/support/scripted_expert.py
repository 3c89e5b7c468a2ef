"""A scripted expert console that speaks docs/protocol.md over a real WSS connection.

It authenticates, records everything the server sends (with the wall-clock time it arrived),
decodes binary frames with `protocol.decode_frame` and acknowledges each one, like the browser
console does after drawing. Tests wait on what it has seen instead of sleeping::

    context = ssl_context(server.ca_path)
    async with ScriptedExpert(server.ws_url, context, ticket.token, ticket.session_id) as expert:
        await expert.wait_for_message(TierStatus, lambda m: m.tier == 1 and m.state == "granted")
        frames = await expert.wait_for_frames(3)
        await expert.request_tier(2)
        await expert.wait_for_tier(2, "granted")
        await expert.wait_for_control("expert")
        await expert.send_input(PointerMove(monitor=0, x=10, y=20))
        await expert.chat("Ich klicke jetzt auf Start.")
        reply = await expert.wait_for_chat(lambda chat: chat.by == "customer")
        mark = expert.mark()
        await expert.release_tier(2)
        await expert.wait_for_tier(2, "revoked", since=mark)
        await expert.end()

`mark()` and `since=` let a test wait for the *next* matching message, e.g. the second revoke.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import TypeVar

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from protocol import PROTOCOL_VERSION, Frame, ProtocolError, decode_frame, decode_message, encode_message
from protocol.limits import MAX_BINARY_MESSAGE_BYTES
from protocol.messages import (
    Auth,
    Chat,
    Control,
    End,
    Error,
    FrameAck,
    Holder,
    Key,
    Message,
    PointerButton,
    PointerMove,
    Refresh,
    SelectMonitor,
    SessionInfo,
    Text,
    TierRelease,
    TierRequest,
    TierState,
    TierStatus,
    Wheel,
)

M = TypeVar("M", bound=Message)
InputMessage = PointerMove | PointerButton | Wheel | Key | Text
"""What a console sends while tier 2 is granted."""
DEFAULT_TIMEOUT = 15.0


@dataclass(frozen=True)
class Received:
    """One message from the server as it arrived (`data`), decoded; `at` is its arrival in Unix seconds."""

    at: float
    data: str | bytes
    message: Message | None = None
    frame: Frame | None = None


class ScriptedExpert:
    """Connect with `async with` (or `connect()`/`close()`); everything received is in `received`.

    With `on_frame` given, each frame goes to it instead of into `received` (a long stream would
    fill memory), before it is acknowledged, as the console draws a frame before acknowledging it.
    """

    def __init__(
        self,
        ws_url: str,
        ssl_context: ssl.SSLContext,
        token: str,
        session_id: str,
        *,
        ack_frames: bool = True,
        on_frame: Callable[[Received], None] | None = None,
    ) -> None:
        self.url = ws_url.rstrip("/") + "/ws/expert"
        self._ssl = ssl_context
        self.token = token
        self.session_id = session_id
        self.ack_frames = ack_frames
        self.on_frame = on_frame
        self.received: list[Received] = []
        self.close_code: int | None = None
        self.close_reason = ""
        self.protocol_errors: list[str] = []
        self._socket: ClientConnection | None = None
        self._reader: asyncio.Task[None] | None = None
        self._finished = False
        self._changed = asyncio.Condition()

    @property
    def messages(self) -> list[Message]:
        return [r.message for r in self.received if r.message is not None]

    @property
    def frames(self) -> list[Frame]:
        return [r.frame for r in self.received if r.frame is not None]

    @property
    def chats(self) -> list[Chat]:
        """Every chat message received (the customer's, as the server relayed them)."""
        return [m for m in self.messages if isinstance(m, Chat)]

    @property
    def holder(self) -> Holder | None:
        """Who holds mouse and keyboard according to the last `control` received (None before one)."""
        controls = [m for m in self.messages if isinstance(m, Control)]
        return controls[-1].holder if controls else None

    def mark(self) -> int:
        """The number of items received so far: pass it as `since` to wait only for what comes next."""
        return len(self.received)

    @property
    def closed(self) -> bool:
        """The connection is over (whoever closed it) and nothing more will be received."""
        return self._finished

    async def connect(self, timeout: float = DEFAULT_TIMEOUT) -> SessionInfo | None:
        """Open the socket, send `auth`, and wait for the `session` answer (None if refused instead)."""
        self._socket = await connect(
            self.url, ssl=self._ssl, max_size=MAX_BINARY_MESSAGE_BYTES, compression=None, open_timeout=timeout
        )
        await self.send(Auth(protocol=PROTOCOL_VERSION, token=self.token, session_id=self.session_id))
        self._reader = asyncio.create_task(self._read())
        first = await self.wait_for(lambda r: r.message is not None, timeout)
        return first.message if isinstance(first.message, SessionInfo) else None

    async def send(self, message: Message) -> None:
        assert self._socket is not None, "connect() first"
        await self._socket.send(encode_message(message))

    async def send_raw(self, data: str | bytes) -> None:
        """Send anything, e.g. to see how the server refuses a console that breaks the protocol."""
        assert self._socket is not None, "connect() first"
        await self._socket.send(data)

    async def request_tier(self, tier: int) -> None:
        await self.send(TierRequest(tier=tier))

    async def release_tier(self, tier: int) -> None:
        """Give a tier back (`tier_release`); the customer answers with `tier_revoke`."""
        await self.send(TierRelease(tier=tier))

    async def send_input(self, message: InputMessage) -> None:
        """Send one input message (relayed only while tier 2 is granted)."""
        await self.send(message)

    async def select_monitor(self, monitor: int) -> None:
        await self.send(SelectMonitor(monitor=monitor))

    async def chat(self, text: str) -> None:
        """Send a chat message; the server fills in `by` and `at`."""
        await self.send(Chat(text=text))

    async def refresh(self) -> None:
        await self.send(Refresh())

    async def ack(self, seq: int) -> None:
        """Acknowledge a frame by hand (when constructed with `ack_frames=False`)."""
        await self.send(FrameAck(seq=seq))

    async def end(self, reason: str = "expert_ended", timeout: float = DEFAULT_TIMEOUT) -> int | None:
        """Send `end`, close with 1000 as the protocol says, and return the close code seen."""
        await self.send(End(reason=reason, by="expert"))
        return await self.close(timeout)

    async def close(self, timeout: float = DEFAULT_TIMEOUT) -> int | None:
        """Close with 1000 (if still open) and wait for the reader; returns the server's close code."""
        if self._socket is not None:
            with contextlib.suppress(ConnectionClosed):
                await asyncio.wait_for(self._socket.close(1000), timeout)
        if self._reader is not None:
            await asyncio.wait_for(asyncio.shield(self._reader), timeout)
        return self.close_code

    async def wait_for(
        self, predicate: Callable[[Received], bool], timeout: float = DEFAULT_TIMEOUT, since: int = 0
    ) -> Received:
        """The first received item (from index `since`) matching `predicate`; TimeoutError if none comes."""
        async with asyncio.timeout(timeout), self._changed:
            while True:
                for item in self.received[since:]:
                    if predicate(item):
                        return item
                if self.closed:
                    raise ConnectionError(f"closed ({self.close_code}) before a match; got {self.messages}")
                await self._changed.wait()

    async def wait_for_message(
        self,
        kind: type[M],
        where: Callable[[M], bool] = lambda _: True,
        timeout: float = DEFAULT_TIMEOUT,
        *,
        since: int = 0,
    ) -> M:
        """The first message of type `kind` (from index `since`) for which `where` holds."""
        item = await self.wait_for(lambda r: isinstance(r.message, kind) and where(r.message), timeout, since)
        assert isinstance(item.message, kind)
        return item.message

    async def wait_for_tier(
        self, tier: int, state: TierState, timeout: float = DEFAULT_TIMEOUT, *, since: int = 0
    ) -> TierStatus:
        """The `tier_state` that reports `tier` in `state`."""
        return await self.wait_for_message(
            TierStatus, lambda m: m.tier == tier and m.state == state, timeout, since=since
        )

    async def wait_for_control(
        self, holder: Holder, timeout: float = DEFAULT_TIMEOUT, *, since: int = 0
    ) -> Control:
        """The `control` message saying `holder` holds mouse and keyboard."""
        return await self.wait_for_message(Control, lambda m: m.holder == holder, timeout, since=since)

    async def wait_for_chat(
        self,
        where: Callable[[Chat], bool] = lambda _: True,
        timeout: float = DEFAULT_TIMEOUT,
        *,
        since: int = 0,
    ) -> Chat:
        """The first chat message for which `where` holds, e.g. `lambda c: c.text == "Danke"`."""
        return await self.wait_for_message(Chat, where, timeout, since=since)

    async def wait_for_frames(self, count: int, timeout: float = DEFAULT_TIMEOUT) -> list[Frame]:
        """Wait until at least `count` frames arrived; returns all frames so far."""
        await self.wait_for(lambda _: len(self.frames) >= count, timeout)
        return self.frames

    async def wait_closed(self, timeout: float = DEFAULT_TIMEOUT) -> int | None:
        """Wait until the server closes the connection; returns its close code."""
        assert self._reader is not None, "connect() first"
        await asyncio.wait_for(asyncio.shield(self._reader), timeout)
        return self.close_code

    async def _read(self) -> None:
        assert self._socket is not None
        try:
            async for data in self._socket:
                await self._record(data)
        except ConnectionClosed:
            pass
        finally:
            close = self._socket.protocol.close_rcvd
            self.close_code = close.code if close is not None else None
            self.close_reason = close.reason if close is not None else ""
            self._finished = True
            async with self._changed:
                self._changed.notify_all()

    async def _record(self, data: str | bytes) -> None:
        now = time.time()
        try:
            if isinstance(data, str):
                item = Received(now, data, message=decode_message(data))
            else:
                item = Received(now, data, frame=decode_frame(data))
        except ProtocolError as exc:
            self.protocol_errors.append(str(exc))
            await self.send(Error(code=exc.code.value, message=str(exc)))
            assert self._socket is not None
            await self._socket.close(4000)
            return
        if item.frame is not None and self.on_frame is not None:
            self.on_frame(item)
        else:
            async with self._changed:
                self.received.append(item)
                self._changed.notify_all()
        if item.frame is not None and self.ack_frames:
            await self.ack(item.frame.seq)

    async def __aenter__(self) -> ScriptedExpert:
        await self.connect()
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        await self.close()
