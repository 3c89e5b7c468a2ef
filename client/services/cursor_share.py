"""Cursor share: tells the expert where the customer's pointer is and what it looks like.

Capture draws no pointer into the frames, so it travels as `cursor_shape` and `cursor` messages
(docs/protocol.md, "Cursor"). The app starts a `CursorShare` together with the screen share,
when tier 1 is granted, and stops it together with it: `stop()` is the consent boundary, as for
frames. Once it has returned nothing more is sent, even if a reading is still in flight.

Threading: public methods run on the event-loop thread, which alone sends. The source is opened,
read and closed on one worker thread of its own, so waiting for the pointer never blocks the loop.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor

from client.core.cursor import CursorState, ShapeImage
from client.platform.cursor import CursorReading, CursorSource
from protocol.messages import Cursor, CursorShape, Monitor

_log = logging.getLogger(__name__)

READ_GAP_S = 1 / 60
"""One reading at most every 1/60 s: the pointer is told as smoothly as the screen, no faster."""
STILL_WAIT_S = 0.25
"""How long one wait for the pointer to move lasts: a pointer that moved without telling (a warp)
is seen this late at worst, and a still one costs four readings a second."""
RETELL_S = 0.5
"""A pointer that keeps still is handed to the loop this often (another monitor may be shared
now); otherwise only a reading that changed wakes the loop, so an idle desktop costs it nothing."""


class CursorShare:
    """Reads the pointer from `open_source()` and sends what changed for the `monitor()` shared.

    Used once: `start()`, then `stop()`. `monitor` returns the shared monitor, or None before
    the screen share has told it (`screen_info`): nothing is sent then, shapes included; the
    latest shape goes out first once the monitor is known.
    """

    def __init__(
        self,
        send: Callable[[Cursor | CursorShape], Awaitable[None]],
        open_source: Callable[[], CursorSource],
        monitor: Callable[[], Monitor | None],
    ) -> None:
        self._send = send
        self._open_source = open_source
        self._monitor = monitor
        self._state = CursorState()
        self._stopped = False
        self._task: asyncio.Task[None] | None = None
        self._executor: ThreadPoolExecutor | None = None
        self._waiting_shape: ShapeImage | None = None
        self._source: CursorSource | None = None  # worker thread only
        self._last_handed: tuple[int, int] | None = None  # worker thread only
        self._last_read = -READ_GAP_S  # worker thread only

    def start(self) -> None:
        """Begin reading in the background; does nothing after `stop()`."""
        if self._task is not None:
            raise RuntimeError("a CursorShare can be started only once")
        if self._stopped:
            return
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fernhilfe-cursor")
        self._task = asyncio.create_task(self._run(), name="cursor-share")

    async def stop(self) -> None:
        """Stop for good; idempotent. After it returns nothing more is ever sent."""
        self._stopped = True
        task = self._task
        if task is not None:
            task.cancel()
            if task is not asyncio.current_task():
                await asyncio.wait({task})
        if self._executor is not None:
            self._executor.submit(self._close)
            self._executor.shutdown(wait=False)
            self._executor = None

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(self._executor, self._open)
            while True:
                reading = await loop.run_in_executor(self._executor, self._read)
                for message in self._messages(reading):
                    if self._stopped:
                        return
                    await self._send(message)
        except asyncio.CancelledError:
            raise
        except Exception:
            _log.exception("the pointer is no longer shown to the expert")

    def _messages(self, reading: CursorReading) -> list[Cursor | CursorShape]:
        if reading.shape is not None:
            self._waiting_shape = reading.shape
        monitor = self._monitor()
        if monitor is None:
            return []
        messages: list[Cursor | CursorShape] = []
        image, self._waiting_shape = self._waiting_shape, None
        if image is not None and (shape := self._state.shape(image)) is not None:
            messages.append(shape)
        if cursor := self._state.position(reading.root_x, reading.root_y, monitor):
            messages.append(cursor)
        return messages

    # Worker thread only below.

    def _open(self) -> None:
        self._source = self._open_source()

    def _read(self) -> CursorReading:
        """The next reading that changed (or the same one after `RETELL_S`, or once stopped)."""
        deadline = time.monotonic() + RETELL_S
        while True:
            if self._source is None:
                raise RuntimeError("the pointer source is closed")
            if (gap := self._last_read + READ_GAP_S - time.monotonic()) > 0:
                time.sleep(gap)
            reading = self._source.read(max(0.0, min(STILL_WAIT_S, deadline - time.monotonic())))
            self._last_read = time.monotonic()
            position = (reading.root_x, reading.root_y)
            changed = reading.shape is not None or position != self._last_handed
            if changed or self._stopped or time.monotonic() >= deadline:
                self._last_handed = position
                return reading

    def _close(self) -> None:
        source, self._source = self._source, None
        if source is not None:
            source.close()
