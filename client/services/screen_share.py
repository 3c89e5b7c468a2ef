"""Screen share: captures, diffs and encodes the screen and hands frames to the connection.

The app starts it only when the customer has granted viewing and the watermark is visible, and
stops it when viewing ends. Flow control: at most `FRAME_WINDOW` frames may be unacknowledged;
then nothing is captured until an acknowledgement arrives, and the next capture shows the screen
as it is then (the latest frame wins; nothing queues behind a slow link).

Threading: the public methods run on the asyncio event-loop thread. Capture, diff and encoding
run on one dedicated worker thread that owns the capture object, so the event loop never waits
behind a frame.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor

from client.core.tiles import Pixels, all_rects, changed_grid, choose_encoding, dirty_rects
from client.platform.capture import MonitorGeometry, ScreenCapture
from client.services.tile_encoder import encode_tile
from protocol.frames import FLAG_KEYFRAME, Frame, encode_frame
from protocol.limits import FRAME_WINDOW
from protocol.messages import Monitor, ScreenInfo

log = logging.getLogger(__name__)

DEFAULT_INTERVAL_S = 0.05


class ScreenShare:
    """Shares one monitor at a time (the primary one first) with the expert."""

    def __init__(
        self,
        send_frame: Callable[[bytes], Awaitable[None]],
        send_screen_info: Callable[[ScreenInfo], Awaitable[None]],
        capture_factory: Callable[[], ScreenCapture],
        *,
        on_error: Callable[[str], None],
        interval: float = DEFAULT_INTERVAL_S,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._send_frame = send_frame
        self._send_screen_info = send_screen_info
        self._capture_factory = capture_factory
        self._on_error = on_error
        self._interval = interval
        self._clock = clock
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fernhilfe-capture")
        self._capture: ScreenCapture | None = None
        self._previous: Pixels | None = None
        self._monitors: list[MonitorGeometry] = []
        self._monitor = 0
        self._seq = 0
        self._unacknowledged: set[int] = set()
        self._keyframe_wanted = True
        self._wake = asyncio.Event()
        self._running = False
        self._task: asyncio.Task[None] | None = None

    @property
    def monitors(self) -> list[MonitorGeometry]:
        return list(self._monitors)

    async def start(self) -> None:
        """Open the capture, announce the monitors, then stream until `stop()`."""
        self._running = True
        loop = asyncio.get_running_loop()
        try:
            self._monitors = await loop.run_in_executor(self._executor, self._open)
        except Exception as exc:
            log.exception("screen capture could not start")
            self._fail(str(exc))
            return
        if self._stopped():
            return
        self._monitor = next((m.id for m in self._monitors if m.primary), 0)
        await self._send_screen_info(ScreenInfo(monitors=tuple(_to_protocol(m) for m in self._monitors)))
        if not self._stopped():
            self._task = asyncio.ensure_future(self._stream())

    async def stop(self) -> None:
        """After this returns nothing more is sent, even if a capture was in progress."""
        self._running = False
        self._wake.set()
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._executor, self._close)
        self._executor.shutdown(wait=False)

    def acknowledge(self, seq: int) -> None:
        """The expert drew frame `seq` (and so every earlier one)."""
        self._unacknowledged = {s for s in self._unacknowledged if s > seq}
        self._wake.set()

    def request_keyframe(self) -> None:
        self._keyframe_wanted = True
        self._wake.set()

    def select_monitor(self, monitor_id: int) -> None:
        if any(m.id == monitor_id for m in self._monitors):
            self._monitor = monitor_id
            self.request_keyframe()

    async def _stream(self) -> None:
        loop = asyncio.get_running_loop()
        while self._running:
            if len(self._unacknowledged) >= FRAME_WINDOW:
                self._wake.clear()
                await self._wake.wait()
                continue
            keyframe, self._keyframe_wanted = self._keyframe_wanted, False
            seq = self._seq + 1
            try:
                data = await loop.run_in_executor(self._executor, self._produce, self._monitor, keyframe, seq)
            except Exception as exc:
                log.exception("screen capture failed")
                self._fail(str(exc))
                return
            if self._stopped():
                return
            if data is not None:
                self._seq = seq
                self._unacknowledged.add(seq)
                await self._send_frame(data)
            self._wake.clear()
            try:
                await asyncio.wait_for(self._wake.wait(), self._interval)
                await asyncio.sleep(0)
            except TimeoutError:
                pass

    def _stopped(self) -> bool:
        """Checked after every await: `stop()` may have run meanwhile."""
        return not self._running

    def _fail(self, detail: str) -> None:
        self._running = False
        self._on_error(detail)

    # Worker thread only

    def _open(self) -> list[MonitorGeometry]:
        self._capture = self._capture_factory()
        return self._capture.monitors()

    def _close(self) -> None:
        if self._capture is not None:
            self._capture.close()
            self._capture = None

    def _produce(self, monitor_id: int, keyframe: bool, seq: int) -> bytes | None:
        assert self._capture is not None
        geometry = next(m for m in self._monitors if m.id == monitor_id)
        pixels = self._capture.grab(monitor_id).pixels
        height, width = pixels.shape[:2]
        previous = self._previous
        if keyframe or previous is None or previous.shape != pixels.shape:
            rects = all_rects(width, height)
            flags = FLAG_KEYFRAME
        else:
            rects = dirty_rects(changed_grid(previous, pixels), width, height)
            flags = 0
        self._previous = pixels
        if not rects:
            return None
        tiles = tuple(encode_tile(pixels, rect, choose_encoding(pixels, rect)) for rect in rects)
        frame = Frame(
            seq=seq,
            captured_ms=int(self._clock() * 1000),
            monitor=monitor_id,
            monitor_x=geometry.x,
            monitor_y=geometry.y,
            monitor_width=width,
            monitor_height=height,
            flags=flags,
            tiles=tiles,
        )
        return encode_frame(frame)


def _to_protocol(monitor: MonitorGeometry) -> Monitor:
    return Monitor(
        id=monitor.id,
        x=monitor.x,
        y=monitor.y,
        width=monitor.width,
        height=monitor.height,
        scale=monitor.scale,
        primary=monitor.primary,
    )
