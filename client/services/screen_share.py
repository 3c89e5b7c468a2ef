"""Screen share: captures one monitor, sends what changed, and keeps to the flow-control window.

The app starts it only when the customer has granted tier 1 (view) and stops it when the grant is
revoked or the session ends. `stop()` is the consent boundary: once it has returned, nothing more
is ever sent, even if a capture was still running on the worker thread.

Flow control (docs/protocol.md, "Flow control"): client/core/flow_window.py sizes the window of
frames sent and not yet acknowledged from the round-trip time and throughput that the acks show,
and picks the JPEG quality from that throughput. Acknowledgements are cumulative: `frame_ack` n
acknowledges every frame up to n. While the window is full nothing is captured; when an ack frees
it, the screen is captured as it is then, so the latest picture wins and nothing queues behind a
slow link. Captures are at least `interval`
seconds apart (at most 60 a second by default) and happen only when the change watch
(client/platform/capture/change_watch.py: XDamage on X11, else polling) says the screen may have
changed, or at least once a second; a capture that finds nothing changed sends nothing. An idle
desktop thus costs no grabs, and a change goes out as soon as the window allows. The first frame, the first
after `request_keyframe()` (the server's `refresh`) and the first of a newly selected monitor are
keyframes; a capture already running when the request arrives may still go out as a delta first.
Monitors are read when the capture opens. If the shared one changes size (the customer picked
another resolution or turned the screen), the monitors are read again: where the capture already
reports the new size (the Wayland portal's restarts its stream), a new `screen_info` goes out and a
keyframe at the new size follows, so sharing goes on; else sharing ends with an error.

Threading: every public method runs on the asyncio event-loop thread, and only that thread sends.
Opening the capture, grabbing, diffing, encoding and closing (client/services/capture_session.py)
run on one dedicated worker thread that owns the `ScreenCapture` (mss objects must stay on one
thread); with `in_worker_process` that thread only forwards them to a worker process
(client/services/capture_process.py), so the heavy work shares neither the interpreter nor the
loop that handles input and yield. `stop()` kills that process.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import Future, ThreadPoolExecutor

from client.core.flow_window import FlowWindow
from client.platform.capture.base import CaptureError, MonitorGeometry, MonitorsChanged, ScreenCapture
from client.platform.capture.change_watch import ChangeWatch, open_change_watch
from client.services.capture_process import CaptureProcess, CaptureSpec
from client.services.capture_session import CaptureSession, FrameSource, unix_ms
from protocol.limits import MAX_MONITORS
from protocol.messages import Monitor, ScreenInfo

_log = logging.getLogger(__name__)

DEFAULT_INTERVAL_S = 1 / 60
WATCH_WAIT_S = 0.1
"""How long one wait for a change blocks the worker; keeps `stop()` and keyframe requests prompt."""
SAFETY_GRAB_WAITS = 10
"""After this many waits without a change report (about a second), grab anyway."""
CLOSE_WAIT_S = 2.0
"""How long `stop()` waits for the worker to close the capture before returning anyway."""
_MIN_SCALE, _MAX_SCALE = 0.5, 8.0


class ScreenShare:
    """Shares one monitor at a time (the primary first) with the expert.

    `send_frame` gets each encoded binary frame and `send_screen_info` the monitor list; both are
    awaited on the event loop. `capture_factory` is called once, on the worker thread (or, with
    `in_worker_process`, in the worker process: then it, `clock` and `change_watch_factory` must
    pickle). `clock` gives Unix milliseconds and is called where the capture runs. `on_error`
    hears, on the event-loop thread, why sharing ended on its own (capture or send failed); it is
    never called after `stop()`.
    A `ScreenShare` is used once: `start()`, then `stop()`.
    """

    def __init__(
        self,
        send_frame: Callable[[bytes], Awaitable[None]],
        send_screen_info: Callable[[ScreenInfo], Awaitable[None]],
        capture_factory: Callable[[], ScreenCapture],
        *,
        interval: float = DEFAULT_INTERVAL_S,
        clock: Callable[[], int] = unix_ms,
        on_error: Callable[[str], None] | None = None,
        change_watch_factory: Callable[[ScreenCapture], ChangeWatch] = open_change_watch,
        in_worker_process: bool = False,
    ) -> None:
        if interval < 0:
            raise ValueError("interval must not be negative")
        self._send_frame = send_frame
        self._send_screen_info = send_screen_info
        self._source: FrameSource
        if in_worker_process:
            spec = CaptureSpec(capture_factory, change_watch_factory, clock, WATCH_WAIT_S, SAFETY_GRAB_WAITS)
            self._source = CaptureProcess(spec)
        else:
            self._source = CaptureSession(
                capture_factory,
                change_watch_factory,
                clock,
                watch_wait_s=WATCH_WAIT_S,
                safety_grab_waits=SAFETY_GRAB_WAITS,
            )
        self._interval = interval
        self._on_error = on_error
        # Event-loop thread only.
        self._started = False
        self._stopped = False
        self._task: asyncio.Task[None] | None = None
        self._ready = asyncio.Event()
        self._window_freed = asyncio.Event()
        self._executor: ThreadPoolExecutor | None = None
        self._released: Future[None] | None = None
        self._geometries: dict[int, MonitorGeometry] = {}
        self._monitors: tuple[Monitor, ...] = ()
        self._selected: int | None = None
        self._keyframe_wanted = True
        self._last_sent = 0
        self._flow = FlowWindow(interval)

    @property
    def monitors(self) -> tuple[Monitor, ...]:
        """The monitors announced in `screen_info` (physical pixels); empty until `start()` returns."""
        return self._monitors

    @property
    def selected_monitor(self) -> int | None:
        """The protocol id of the monitor being shared; None until `start()` has opened the capture."""
        return self._selected

    async def start(self) -> None:
        """Open the capture, send `screen_info`, then share in the background until `stop()`.

        Returns once `screen_info` is sent, or once starting failed (reported via `on_error`, not
        raised), or once `stop()` has run. After `stop()` it does nothing: a grant revoked before
        sharing began must not start it.
        """
        if self._started:
            raise RuntimeError("a ScreenShare can be started only once")
        self._started = True
        if self._stopped:
            return
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fernhilfe-capture")
        self._task = asyncio.create_task(self._run(), name="screen-share")
        await self._ready.wait()

    async def stop(self) -> None:
        """Stop sharing for good; idempotent. After it returns nothing more is ever sent.

        Also closes the capture on the worker thread, waiting at most `CLOSE_WAIT_S` for a grab
        still in flight to finish first.
        """
        self._stopped = True
        self._ready.set()
        task = self._task
        if task is not None:
            task.cancel()
            if task is not asyncio.current_task():
                await asyncio.wait({task})
        released = self._release_worker()
        if released is not None:
            _, pending = await asyncio.wait({asyncio.wrap_future(released)}, timeout=CLOSE_WAIT_S)
            if pending:
                _log.warning("the capture worker is still busy; it closes the capture when done")

    def acknowledge(self, seq: int) -> None:
        """The expert has drawn frame `seq` and every frame before it."""
        if seq > self._last_sent:
            _log.warning("ignoring frame_ack %d: the last frame sent is %d", seq, self._last_sent)
            return
        if self._flow.acknowledged(seq, time.monotonic()):
            self._window_freed.set()

    def request_keyframe(self) -> None:
        """The next frame covers the whole monitor (the server's `refresh`: a console attached)."""
        self._keyframe_wanted = True

    def select_monitor(self, monitor_id: int) -> None:
        """Share another monitor from the next frame on, starting with a keyframe of it."""
        if monitor_id not in self._geometries:
            raise ValueError(f"no monitor {monitor_id} is being offered")
        if monitor_id != self._selected:
            self._selected = monitor_id
            self._keyframe_wanted = True

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            geometries = await loop.run_in_executor(self._executor, self._source.open)
            self._offer(geometries)
            if self._stopped:
                return
            await self._send_screen_info(ScreenInfo(monitors=self._monitors))
            self._ready.set()
            await self._share(loop)
        except Exception as exc:
            self._report(exc)
        finally:
            self._ready.set()
            self._release_worker()

    async def _share(self, loop: asyncio.AbstractEventLoop) -> None:
        next_capture = loop.time()
        while True:
            while not self._flow.may_send():
                self._window_freed.clear()
                await self._window_freed.wait()
            delay = next_capture - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            next_capture = loop.time() + self._interval
            if self._selected is None:
                raise CaptureError("no monitor selected")
            monitor = self._geometries[self._selected]
            keyframe, self._keyframe_wanted = self._keyframe_wanted, False
            seq = self._last_sent + 1
            quality = self._flow.jpeg_quality
            try:
                data = await loop.run_in_executor(
                    self._executor, self._source.frame, monitor, keyframe, seq, quality
                )
            except MonitorsChanged as changed:
                await self._announce(changed.geometries)
                continue
            if data is None:
                continue
            if monitor.id != self._selected:
                # Captured just before the customer switched monitors: drop it. The worker already
                # diffs against it, so only a keyframe is safe next (select_monitor asked for one).
                self._keyframe_wanted = True
                continue
            if self._stopped:
                return
            self._last_sent = seq
            self._flow.sent(seq, len(data), time.monotonic())
            await self._send_frame(data)

    async def _announce(self, geometries: list[MonitorGeometry]) -> None:
        """The monitors changed: offer them anew, keep sharing the same one, start with a keyframe."""
        selected = self._selected
        self._offer(geometries)
        if selected in self._geometries:
            self._selected = selected
        self._keyframe_wanted = True
        _log.info("the shared monitors changed; announcing them again")
        if not self._stopped:
            await self._send_screen_info(ScreenInfo(monitors=self._monitors))

    def _offer(self, geometries: list[MonitorGeometry]) -> None:
        """Adopt the capture's monitors (at most the protocol's 16) and select the primary."""
        if not geometries:
            raise CaptureError("the display reports no monitors")
        if len(geometries) > MAX_MONITORS:
            _log.warning("offering only the first %d of %d monitors", MAX_MONITORS, len(geometries))
            geometries = geometries[:MAX_MONITORS]
        self._geometries = {g.id: g for g in geometries}
        self._monitors = tuple(
            Monitor(
                id=g.id,
                x=g.x,
                y=g.y,
                width=g.width,
                height=g.height,
                scale=min(max(g.scale, _MIN_SCALE), _MAX_SCALE),
                primary=g.primary,
            )
            for g in geometries
        )
        self._selected = next((g.id for g in geometries if g.primary), geometries[0].id)

    def _report(self, exc: Exception) -> None:
        _log.error("screen sharing ended: %s", exc, exc_info=exc)
        if self._stopped or self._on_error is None:
            return
        try:
            self._on_error(f"screen sharing ended: {str(exc) or type(exc).__name__}")
        except Exception:
            _log.exception("the screen-share error callback failed")

    def _release_worker(self) -> Future[None] | None:
        """Cut short what can be, queue closing the capture behind any grab in flight, and let
        the worker thread end."""
        if self._executor is not None and self._released is None:
            self._source.abort()
            self._released = self._executor.submit(self._source.close)
            self._executor.shutdown(wait=False)
        return self._released
