"""The recorder: takes log entries and frames from the event loop and records them on one worker
thread, so relaying never waits for decoding, encryption or the disk.

Entries are written in the order the core produced them. Frames are bounded: when the worker
falls more than `MAX_QUEUED_FRAMES` behind, further frames are dropped and the session's image
waits for the next keyframe, instead of memory growing without limit.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from protocol.frames import Frame
from server.core.journal import ControlEntry, Entry
from server.recording.deferred_canvas import DeferredCanvas
from server.recording.png import encode_png
from server.recording.records import RecordWriter, Screenshot
from server.recording.screen import BadTile, ScreenRecorder, Shot
from server.recording.vault import Vault

log = logging.getLogger("fernhilfe.server")

MAX_QUEUED_FRAMES = 8
DEFAULT_INTERVAL_SECONDS = 10.0


@dataclass(frozen=True)
class _EntryJob:
    session_id: str
    entry: Entry


@dataclass(frozen=True)
class _FrameJob:
    session_id: str
    at: float
    frame: Frame


@dataclass(frozen=True)
class _LostFrames:
    session_id: str


@dataclass(frozen=True)
class _ContinueJob:
    session_id: str
    sharing: bool


@dataclass(frozen=True)
class _TickJob:
    now: float


_Job = _EntryJob | _FrameJob | _LostFrames | _ContinueJob | _TickJob | None


@dataclass
class _Live:
    writer: RecordWriter
    screen: ScreenRecorder


class Recorder:
    """Records every recorded session of a server process; `close()` drains it on shutdown."""

    def __init__(self, vault: Vault, interval: float = DEFAULT_INTERVAL_SECONDS) -> None:
        self.vault = vault
        """Where the recordings are (the hub reads receipts from it)."""
        self._interval = interval
        self._jobs: queue.Queue[_Job] = queue.Queue()
        self._frames_queued = 0
        self._tick_queued = False
        self._lock = threading.Lock()
        self._live: dict[str, _Live] = {}
        self._failed: set[str] = set()
        self._thread = threading.Thread(target=self._work, name="recorder", daemon=True)
        self._thread.start()

    # -- the event loop's side ---------------------------------------------------------------

    def record(self, session_id: str, entry: Entry) -> None:
        self._jobs.put(_EntryJob(session_id, entry))

    def frame(self, session_id: str, at: float, frame: Frame) -> bool:
        """Queue a frame to record; False if it was dropped (the worker is behind), after which the
        session's picture waits for a keyframe."""
        with self._lock:
            behind = self._frames_queued >= MAX_QUEUED_FRAMES
            if not behind:
                self._frames_queued += 1
        self._jobs.put(_LostFrames(session_id) if behind else _FrameJob(session_id, at, frame))
        return not behind

    def continue_session(self, session_id: str, sharing: bool) -> None:
        """A session restored after a restart records on into the file it began; `sharing`: its
        screen was shared, so screenshots go on once frames come again."""
        self._jobs.put(_ContinueJob(session_id, sharing))

    def tick(self, now: float) -> None:
        with self._lock:
            if self._tick_queued:
                return
            self._tick_queued = True
        self._jobs.put(_TickJob(now))

    def close(self) -> None:
        """Record what is queued, close every recording, stop the thread (blocks: call off the loop)."""
        self._jobs.put(None)
        self._thread.join()

    # -- the worker thread -------------------------------------------------------------------

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            self._guarded(job)
        for session_id in list(self._live):
            self._finish(session_id)

    def _guarded(self, job: _EntryJob | _FrameJob | _LostFrames | _ContinueJob | _TickJob) -> None:
        """Run one job; a failure costs that session its recording, never the worker or the session."""
        match job:
            case _EntryJob(session_id, entry):
                self._safely(session_id, lambda: self._entry(session_id, entry))
            case _FrameJob(session_id, at, frame):
                with self._lock:
                    self._frames_queued -= 1
                self._safely(session_id, lambda: self._frame(session_id, at, frame))
            case _ContinueJob(session_id, sharing):
                self._safely(session_id, lambda: self._continue(session_id, sharing))
            case _LostFrames(session_id):
                if session_id in self._live:
                    self._live[session_id].screen.invalidate()
            case _TickJob(now):
                with self._lock:
                    self._tick_queued = False
                for session_id, live in list(self._live.items()):
                    self._safely(session_id, partial(self._tick, live, now))

    def _safely(self, session_id: str, step: Callable[[], None]) -> None:
        if session_id in self._failed:
            return
        try:
            step()
        except BadTile as exc:
            log.warning("session %s: frame not recorded (%s); waiting for a keyframe", session_id, exc)
        except Exception:
            log.exception("session %s: recording failed; the rest of it is not recorded", session_id)
            self._failed.add(session_id)
            self._finish(session_id)

    def _entry(self, session_id: str, entry: Entry) -> None:
        live = self._live.get(session_id)
        if live is None:
            writer = self.vault.open(session_id, entry.at)
            live = self._live[session_id] = _Live(writer, self._screen())
        live.writer.append(entry)
        if isinstance(entry, ControlEntry):
            if entry.tier == 1 and entry.event == "tier_granted":
                live.screen.start()
            elif entry.tier == 1 and entry.event == "tier_revoked":
                live.screen.stop()
            elif entry.event == "session_ended":
                self._finish(session_id)

    def _screen(self) -> ScreenRecorder:
        """A session's screenshots, composed only when one may be due (DeferredCanvas)."""
        return ScreenRecorder(self._interval, canvas=DeferredCanvas)

    def _continue(self, session_id: str, sharing: bool) -> None:
        live = self._live[session_id] = _Live(self.vault.reopen(session_id), self._screen())
        if sharing:
            live.screen.start()

    def _frame(self, session_id: str, at: float, frame: Frame) -> None:
        live = self._live.get(session_id)
        if live is not None:
            self._keep(live, live.screen.frame(frame, at))

    def _tick(self, live: _Live, now: float) -> None:
        self._keep(live, live.screen.tick(now))

    def _keep(self, live: _Live, shot: Shot | None) -> None:
        if shot is not None:
            height, width, _ = shot.pixels.shape
            live.writer.append(Screenshot(shot.at, shot.monitor, width, height, encode_png(shot.pixels)))

    def _finish(self, session_id: str) -> None:
        live = self._live.pop(session_id, None)
        if live is not None:
            live.writer.close()
