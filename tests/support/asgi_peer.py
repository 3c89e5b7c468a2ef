"""A WebSocket peer that talks to the real server application in-process, through ASGI.

The server's own FastAPI app (routes, `server.web.sockets`, the hub, the broker, the store) runs
on the test's event loop, as uvicorn would run it, without TLS or TCP in between: fast enough to
hand it 100,000s of fuzzed inputs. Each input is handed over only when the server asks for the
next message, and `deliver` returns once the server has taken it in and asks again, so the caller
knows exactly which inputs reached the server before it closed the connection.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Message = MutableMapping[str, Any]
AsgiApp = Callable[
    [Message, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]], Awaitable[None]
]

SETTLE_ROUNDS = 4
"""Loop turns given to the server's writer task after each input (it sends the replies)."""


class AsgiPeer:
    """One WebSocket connection to `path` of `app`, from `address`."""

    def __init__(self, app: AsgiApp, path: str, address: str = "127.0.0.1") -> None:
        self.texts: list[str] = []
        self.binaries: list[bytes] = []
        self.close_code: int | None = None
        self.failure: BaseException | None = None
        self._inbox: asyncio.Queue[Message] = asyncio.Queue()
        self._asking = asyncio.Event()
        scope: Message = {
            "type": "websocket",
            "asgi": {"version": "3.0"},
            "scheme": "wss",
            "path": path,
            "raw_path": path.encode("ascii"),
            "query_string": b"",
            "headers": [(b"host", b"fuzz.test")],
            "client": (address, 40000),
            "server": ("fuzz.test", 443),
            "subprotocols": [],
        }
        self._inbox.put_nowait({"type": "websocket.connect"})
        self._task = asyncio.create_task(self._run(app, scope))

    @property
    def closed(self) -> bool:
        return self.close_code is not None or self._task.done()

    async def deliver(self, data: str | bytes) -> bool:
        """Hand the server one message; False if it had closed the connection before taking it."""
        if not await self._ready():
            return False
        key = "text" if isinstance(data, str) else "bytes"
        self._asking.clear()
        self._inbox.put_nowait({"type": "websocket.receive", key: data})
        await self._ready()
        for _ in range(SETTLE_ROUNDS):
            await asyncio.sleep(0)
        return True

    async def disconnect(self, code: int = 1006) -> None:
        """The peer goes away (1006: without a closing handshake); wait until the server is done."""
        self._inbox.put_nowait({"type": "websocket.disconnect", "code": code})
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(self._task), 5)

    async def _ready(self) -> bool:
        """Wait until the server asks for the next message (True) or is done or closed (False)."""
        asking = asyncio.ensure_future(self._asking.wait())
        await asyncio.wait({asking, self._task}, return_when=asyncio.FIRST_COMPLETED)
        asking.cancel()
        return self._asking.is_set() and self.close_code is None

    async def _run(self, app: AsgiApp, scope: Message) -> None:
        try:
            await app(scope, self._receive, self._send)
        except Exception as exc:  # the server failed on this connection: the fuzzer's crash
            self.failure = exc

    async def _receive(self) -> Message:
        if self.close_code is not None:
            return {"type": "websocket.disconnect", "code": self.close_code}
        self._asking.set()
        message = await self._inbox.get()
        self._asking.clear()
        return message

    async def _send(self, message: Message) -> None:
        if message["type"] == "websocket.send":
            if message.get("text") is not None:
                self.texts.append(message["text"])
            else:
                self.binaries.append(message["bytes"])
        elif message["type"] == "websocket.close":
            self.close_code = int(message.get("code", 1000))
