"""A scripted customer for the browser tests: a websockets client that follows docs/protocol.md.

Playwright's sync API owns the test's main thread, so the customer runs on its own asyncio loop
in a background thread; every public method blocks until its step is done (or times out).
"""

from __future__ import annotations

import asyncio
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
from protocol.messages import Consent, End, Hello, Message, Monitor, ScreenInfo, Welcome

T = TypeVar("T")
STEP_TIMEOUT_S = 20.0


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
        self._changed = threading.Condition()
        self.received: list[Message] = []
        self.close_code: int | None = None
        self.closed = False

    # --- steps ------------------------------------------------------------------------------

    def join(self, number: str, client: str = "scripted/1.0") -> Welcome:
        """Connect, send `hello` with `number` and return the server's `welcome`."""
        return self._run(self._join(number, client))

    def send(self, message: Message) -> None:
        self._run(self._send(encode_message(message)))

    def grant_view(self) -> None:
        self.send(Consent(tier=1, granted=True))

    def send_screen_info(self, monitors: list[Monitor]) -> None:
        self.send(ScreenInfo(monitors=tuple(monitors)))

    def send_frame(self, frame: Frame) -> None:
        self._run(self._send(encode_frame(frame)))

    def end(self, reason: str = "customer_ended") -> None:
        """Send `end` and close with 1000, as the customer client does."""

        async def step() -> None:
            assert self._ws is not None
            await self._ws.send(encode_message(End(reason=reason)))
            await self._ws.close(1000)

        self._run(step())

    def wait_for(self, predicate: Callable[[Message], bool], timeout: float = 10.0) -> Message:
        """The first message received (so far or within `timeout`) that matches `predicate`."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for message in self.received:
                    if predicate(message):
                        return message
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"no matching message within {timeout} s; got {self.received!r}")
                self._changed.wait(remaining)

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
        if not isinstance(answer, Welcome):
            raise AssertionError(f"expected welcome, got {answer!r}")
        self._reader = asyncio.create_task(self._read(self._ws))
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


def frame(seq: int, width: int, height: int, tiles: list[Tile], *, keyframe: bool, monitor: int = 0) -> Frame:
    return Frame(
        seq=seq,
        captured_ms=int(time.time() * 1000),
        monitor=monitor,
        monitor_x=0,
        monitor_y=0,
        monitor_width=width,
        monitor_height=height,
        flags=FLAG_KEYFRAME if keyframe else 0,
        tiles=tuple(tiles),
    )
