"""A scripted customer for the browser tests: a websockets client that follows docs/protocol.md.

Playwright's sync API owns the test's main thread, so the customer runs on its own asyncio loop
in a background thread; every public method blocks until its step is done (or times out).
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import numpy as np
import simplejpeg
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from protocol import PROTOCOL_VERSION, decode_message, encode_frame, encode_message
from protocol.frames import FLAG_KEYFRAME, Encoding, Frame, Tile
from protocol.limits import HEARTBEAT_INTERVAL_S
from protocol.messages import (
    Chat,
    Consent,
    Control,
    End,
    Heartbeat,
    Hello,
    Holder,
    Key,
    Message,
    Monitor,
    PointerButton,
    PointerMove,
    Resume,
    Resumed,
    ScreenInfo,
    SessionDescriptorMessage,
    Text,
    TierRevoke,
    Welcome,
    Wheel,
)

T = TypeVar("T")
STEP_TIMEOUT_S = 20.0
INPUT_TYPES = (PointerMove, PointerButton, Wheel, Key, Text)


class ScriptedCustomer:
    """One customer connection to `/ws/customer`, driven step by step from the test thread."""

    def __init__(self, url: str, ca_pem: bytes) -> None:
        self._url = url
        self._ssl = ssl.create_default_context(cadata=ca_pem.decode("ascii"))
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="scripted-customer", daemon=True)
        self._thread.start()
        self._ws: ClientConnection | None = None
        self._reader: asyncio.Task[None] | None = None
        self._beating: asyncio.Task[None] | None = None
        self._changed = threading.Condition()
        self.received: list[Message] = []
        self.descriptor: SessionDescriptorMessage | None = None
        self.close_code: int | None = None
        self.closed = False

    # --- steps ------------------------------------------------------------------------------

    def join(self, number: str, client: str = "scripted/1.0") -> Welcome:
        """Connect, send `hello` with `number` and return the server's `welcome`."""
        return self._run(self._join(number, client))

    def drop(self) -> None:
        """Lose the connection without a closing handshake, as a Wi-Fi gap does."""

        async def step() -> None:
            assert self._ws is not None, "join() first"
            self._ws.transport.abort()
            if self._reader is not None:
                await self._reader

        self._run(step())

    def resume(self, welcome: Welcome) -> Resumed:
        """Reconnect with the token from `welcome` and return the server's `resumed`."""
        return self._run(self._resume(welcome))

    def send(self, message: Message) -> None:
        self._run(self._send(encode_message(message)))

    def grant_view(self) -> None:
        self.send(Consent(tier=1, granted=True))

    def send_screen_info(self, monitors: list[Monitor]) -> None:
        self.send(ScreenInfo(monitors=tuple(monitors)))

    def send_frame(self, frame: Frame) -> None:
        self._run(self._send(encode_frame(frame)))

    # --- remote control and chat (docs/protocol.md, "Remote control (tier 2)", "Chat") ------

    def grant_control(self) -> None:
        """Answer the pending `tier_request {tier: 2}` with a grant, then hand control to the
        expert with `control {holder: expert}`, as the customer client does."""
        self.send(Consent(tier=2, granted=True))
        self.send(Control(holder="expert"))

    def refuse_control(self) -> None:
        self.send(Consent(tier=2, granted=False))

    def take_control(self, holder: Holder = "customer") -> None:
        """The person at the machine used their mouse (customer) or it rested again (expert)."""
        self.send(Control(holder=holder))

    def revoke(self, tier: int) -> None:
        self.send(TierRevoke(tier=tier))

    def chat(self, text: str) -> None:
        self.send(Chat(text=text))

    def mark(self) -> int:
        """The number of messages received so far: pass it to `since` to see what came after."""
        with self._changed:
            return len(self.received)

    def since(self, mark: int) -> list[Message]:
        with self._changed:
            return list(self.received[mark:])

    def inputs_since(self, mark: int) -> list[Message]:
        """The input messages received after `mark`, in order."""
        return [m for m in self.since(mark) if isinstance(m, INPUT_TYPES)]

    def wait_inputs(self, since: int, done: Callable[[list[Message]], bool]) -> list[Message]:
        """The input messages after `since`, once `done` finds them complete (within 10 s)."""
        deadline = time.monotonic() + 10.0
        with self._changed:
            while True:
                inputs = self.inputs_since(since)
                if done(inputs):
                    return inputs
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"input after {since} incomplete within 10 s: {inputs!r}")
                self._changed.wait(remaining)

    def wait_for_count(
        self, predicate: Callable[[Message], bool], count: int, since: int = 0
    ) -> list[Message]:
        """Wait until `count` messages after `since` match `predicate`; returns all that match."""
        deadline = time.monotonic() + 10.0
        with self._changed:
            while True:
                matching = [m for m in self.received[since:] if predicate(m)]
                if len(matching) >= count:
                    return matching
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    got = self.received[since:]
                    raise AssertionError(f"{len(matching)} of {count} messages; got {got!r}")
                self._changed.wait(remaining)

    def end(self, reason: str = "customer_ended") -> None:
        """Send `end` and close with 1000, as the customer client does."""

        async def step() -> None:
            assert self._ws is not None
            await self._ws.send(encode_message(End(reason=reason)))
            await self._ws.close(1000)

        self._run(step())

    def wait_for(
        self, predicate: Callable[[Message], bool], timeout: float = 10.0, since: int = 0
    ) -> Message:
        """The first message received (so far or within `timeout`, after `since`) that matches."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for message in self.received[since:]:
                    if predicate(message):
                        return message
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"no matching message within {timeout} s; got {self.received!r}")
                self._changed.wait(remaining)

    def wait_for_equal(self, expected: Message, since: int = 0) -> Message:
        """The first message after `since` equal to `expected` (within 10 s)."""
        return self.wait_for(lambda m: m == expected, since=since)

    def wait_closed(self, timeout: float = 10.0) -> int | None:
        deadline = time.monotonic() + timeout
        with self._changed:
            while not self.closed:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"the connection is still open after {timeout} s")
                self._changed.wait(remaining)
            return self.close_code

    def stop(self) -> None:
        """Close the connection (if open) and the loop; safe to call twice."""
        if not self._loop.is_closed():
            if self._loop.is_running():
                self._run(self._shutdown())
                self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=STEP_TIMEOUT_S)
            self._loop.close()

    # --- the loop's side --------------------------------------------------------------------

    def _run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(STEP_TIMEOUT_S)

    async def _join(self, number: str, client: str) -> Welcome:
        self._ws = await connect(self._url, ssl=self._ssl, max_size=16 * 1024 * 1024, open_timeout=10)
        await self._ws.send(encode_message(Hello(protocol=PROTOCOL_VERSION, number=number, client=client)))
        answer = decode_message(await asyncio.wait_for(self._ws.recv(), 10))
        if isinstance(answer, SessionDescriptorMessage):
            self.descriptor = answer
            answer = decode_message(await asyncio.wait_for(self._ws.recv(), 10))
        if not isinstance(answer, Welcome):
            raise AssertionError(f"expected welcome, got {answer!r}")
        self._reader = asyncio.create_task(self._read(self._ws))
        self._beating = asyncio.create_task(self._heartbeats(self._ws))
        return answer

    async def _heartbeats(self, ws: ClientConnection) -> None:
        """A live customer sends `heartbeat` every few seconds, or the server takes it for gone."""
        with contextlib.suppress(ConnectionClosed):
            while True:
                await asyncio.sleep(HEARTBEAT_INTERVAL_S)
                await ws.send(encode_message(Heartbeat()))

    async def _resume(self, welcome: Welcome) -> Resumed:
        self._ws = await connect(self._url, ssl=self._ssl, max_size=16 * 1024 * 1024, open_timeout=10)
        resume = Resume(protocol=PROTOCOL_VERSION, session_id=welcome.session_id, token=welcome.resume_token)
        await self._ws.send(encode_message(resume))
        answer = decode_message(await asyncio.wait_for(self._ws.recv(), 10))
        if not isinstance(answer, Resumed):
            raise AssertionError(f"expected resumed, got {answer!r}")
        self.closed = False
        self._reader = asyncio.create_task(self._read(self._ws))
        self._beating = asyncio.create_task(self._heartbeats(self._ws))
        return answer

    async def _send(self, data: str | bytes) -> None:
        assert self._ws is not None, "join() first"
        await self._ws.send(data)

    async def _read(self, ws: ClientConnection) -> None:
        try:
            async for data in ws:
                if isinstance(data, str):
                    message = decode_message(data)
                    with self._changed:
                        self.received.append(message)
                        self._changed.notify_all()
        except ConnectionClosed:
            pass
        finally:
            with self._changed:
                self.close_code = ws.close_code
                self.closed = True
                self._changed.notify_all()

    async def _shutdown(self) -> None:
        if self._beating is not None:
            self._beating.cancel()
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            await self._reader


# --- pictures of known colours ---------------------------------------------------------------

JPEG_COLOUR = (200, 40, 120)


def jpeg_tile(x: int, y: int, width: int, height: int, colour: tuple[int, int, int] = JPEG_COLOUR) -> Tile:
    image = np.empty((height, width, 3), dtype=np.uint8)
    image[:, :] = colour
    data = simplejpeg.encode_jpeg(image, quality=95, colorspace="RGB", colorsubsampling="444")
    return Tile(x, y, width, height, Encoding.JPEG, data)


def pattern_rgb(width: int, height: int, salt: int = 0) -> bytes:
    """Every pixel different, so a shifted or swapped channel shows in an exact comparison."""
    ys, xs = np.mgrid[0:height, 0:width]
    image = np.stack(
        [(xs * 7 + salt) % 256, (ys * 13 + 40) % 256, (xs * 3 + ys * 5 + 90 + salt) % 256], axis=-1
    ).astype(np.uint8)
    return image.tobytes()


def zlib_tile(x: int, y: int, width: int, height: int, rgb: bytes) -> Tile:
    assert len(rgb) == width * height * 3
    return Tile(x, y, width, height, Encoding.ZLIB_RGB, zlib.compress(rgb))


def desktop_tile(width: int, height: int, accent: tuple[int, int, int] = (15, 92, 99)) -> Tile:
    """A whole-monitor JPEG that looks like a desktop: a gradient, a taskbar and two windows.

    Only for the eye (screenshots) and for a picture of the right size; tests of pixels use
    `pattern_rgb`.
    """
    ys, xs = np.mgrid[0:height, 0:width]
    image = np.empty((height, width, 3), dtype=np.uint8)
    image[..., 0] = 40 + (xs * 40 // max(width, 1))
    image[..., 1] = 70 + (ys * 50 // max(height, 1))
    image[..., 2] = 110 + (xs * 30 // max(width, 1)) + (ys * 30 // max(height, 1))
    bar = max(height // 24, 12)
    image[height - bar :, :] = (32, 36, 44)
    image[height - bar + 3 : height - 3, 6 : 6 + bar] = accent

    def window(x: int, y: int, w: int, h: int, lines: int) -> None:
        image[y : y + h, x : x + w] = (250, 250, 250)
        image[y : y + max(h // 12, 10), x : x + w] = accent
        for i in range(lines):
            top = y + max(h // 12, 10) + 16 + i * 22
            if top + 8 < y + h:
                image[top : top + 8, x + 16 : x + 16 + (w - 32) * (7 + (i * 5) % 4) // 10] = (190, 196, 204)

    window(width // 10, height // 8, width // 2, height // 2, 12)
    window(width * 5 // 12, height // 3, width * 2 // 5, height * 2 // 5, 8)
    data = simplejpeg.encode_jpeg(image, quality=80, colorspace="RGB", colorsubsampling="420")
    return Tile(0, 0, width, height, Encoding.JPEG, data)


def frame(
    seq: int,
    width: int,
    height: int,
    tiles: list[Tile],
    *,
    keyframe: bool,
    monitor: int = 0,
    origin: tuple[int, int] = (0, 0),
) -> Frame:
    return Frame(
        seq=seq,
        captured_ms=int(time.time() * 1000),
        monitor=monitor,
        monitor_x=origin[0],
        monitor_y=origin[1],
        monitor_width=width,
        monitor_height=height,
        flags=FLAG_KEYFRAME if keyframe else 0,
        tiles=tuple(tiles),
    )
