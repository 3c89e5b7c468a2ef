"""The glue between sockets and the broker: feed it events, carry out its actions in order.

Each connection has an outbox drained by one writer task, so messages reach a socket in exactly the
order the broker produced them, and a slow console never blocks the customer's receive loop (the
flow-control window bounds how much can pile up for it).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import secrets
from dataclasses import dataclass

from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketDisconnected

from protocol.codec import encode_message
from protocol.messages import Expert, Heartbeat
from protocol.receipt import Receipt
from server.core.actions import (
    Action,
    CheckAuth,
    Checkpoint,
    Close,
    ConnId,
    Log,
    Persist,
    Record,
    RecordFrame,
    Relay,
    Send,
)
from server.core.broker import Broker
from server.core.clock import Clock
from server.core.events import Closed, Event, ExpertIdentified, Opened, RecordingLost, Role, Shutdown, Tick
from server.core.saved import Snapshot
from server.recording.receipts import read_receipt
from server.recording.recorder import Recorder
from server.recording.vault import NoRecording
from server.store.base import ExpertRecord, SessionRecord, Store
from server.store.saved_sessions import SavedSessions

log = logging.getLogger("fernhilfe.server")

TICK_SECONDS = 1.0
HEARTBEAT_SLICE = 50
_HEARTBEAT = encode_message(Heartbeat())
SHUTDOWN_GRACE_SECONDS = 5.0


@dataclass(frozen=True)
class _CloseRequest:
    code: int
    reason: str


_Item = str | bytes | _CloseRequest | None


class _Outbox:
    """Writes one socket's queued messages in order; stops after a close or when told to."""

    def __init__(self, websocket: WebSocket) -> None:
        self._websocket = websocket
        self._queue: asyncio.Queue[_Item] = asyncio.Queue()
        self.task = asyncio.create_task(self._drain())

    def put(self, item: _Item) -> None:
        self._queue.put_nowait(item)

    async def finish(self) -> None:
        """Let queued items go out (or fail), then stop the writer."""
        self._queue.put_nowait(None)
        await self.task

    async def _drain(self) -> None:
        with contextlib.suppress(WebSocketDisconnect, WebSocketDisconnected):
            while (item := await self._queue.get()) is not None:
                if isinstance(item, _CloseRequest):
                    await self._websocket.close(item.code, item.reason)
                    return
                if isinstance(item, str):
                    await self._websocket.send_text(item)
                else:
                    await self._websocket.send_bytes(item)


class Hub:
    """One per server process: the broker, the store, the recorder, and the outboxes of all open sockets."""

    def __init__(
        self,
        broker: Broker,
        store: Store,
        clock: Clock,
        recorder: Recorder | None = None,
        saved: SavedSessions | None = None,
    ) -> None:
        self._broker = broker
        self._store = store
        self._clock = clock
        self._recorder = recorder
        self._saved = saved
        self._ids = itertools.count(1)
        self._outboxes: dict[ConnId, _Outbox] = {}

    def create_session(self, expert: ExpertRecord, label: str = "") -> SessionRecord:
        """Open a waiting session for `expert` in the broker and record it with the expert's `label`."""
        session = self._broker.create_session(
            secrets.token_urlsafe(16),
            expert.username,
            Expert(name=expert.name, organisation=expert.organisation),
        )
        spec = session.spec
        record = SessionRecord(
            spec.session_id,
            expert.username,
            spec.number,
            "waiting",
            spec.created_at,
            spec.expires_at,
            label=label,
        )
        self._store.create_session(record)
        log.info("session %s created by %s", spec.session_id, expert.username)
        return record

    async def receipt(self, session_id: str) -> Receipt | None:
        """The session's receipt, read from its recording (None until the recording holds the end);
        raises `NoRecording` when there is none, or none any more. A session this process does not
        know ended in an earlier run: if its recording has no end, a crash cut it short."""
        if self._recorder is None:
            raise NoRecording(session_id)
        over = session_id not in self._broker.sessions
        return await asyncio.to_thread(read_receipt, self._recorder.vault, session_id, over=over)

    def restore(self, snapshots: list[Snapshot], lost_at: float) -> set[str]:
        """Take back the sessions a previous run saved (their links dropped at `lost_at`) and go on
        with their recordings; returns the ids of those restored. The store must still list them as
        live; every other snapshot is forgotten."""
        live = [snapshot for snapshot in snapshots if self._live_in_store(str(snapshot["session_id"]))]
        restored = self._broker.restore(live, lost_at)
        ids = {session.session_id for session in restored}
        for snapshot in snapshots:
            if snapshot["session_id"] not in ids and self._saved is not None:
                self._saved.forget(str(snapshot["session_id"]))
        for session in restored:
            log.info("session %s restored; waiting for its customer to resume", session.session_id)
            if session.spec.recorded and self._recorder is not None:
                self._recorder.continue_session(session.session_id, sharing=session.state == "active")
        return ids

    def _live_in_store(self, session_id: str) -> bool:
        record = self._store.get_session(session_id)
        return record is not None and record.state != "ended"

    def open(self, websocket: WebSocket, role: Role) -> ConnId:
        """Register an accepted socket; from now on the broker may send to it."""
        conn = next(self._ids)
        self._outboxes[conn] = _Outbox(websocket)
        address = websocket.client.host if websocket.client else "unknown"
        self.feed(Opened(conn, role, address))
        return conn

    async def closed(self, conn: ConnId, code: int | None = None) -> None:
        """The socket's receive side is done: tell the broker, then let the writer finish."""
        self.feed(Closed(conn, code))
        await self._outboxes.pop(conn).finish()

    def feed(self, event: Event) -> None:
        """Hand one event to the broker and carry out what it decides."""
        for action in self._broker.handle(event):
            self._carry_out(action)

    async def tick_forever(self) -> None:
        """Let the broker see time pass, so unused numbers expire on time, and screenshots come due."""
        while True:
            await asyncio.sleep(TICK_SECONDS)
            await self.tick()
            if self._saved is not None:
                self._saved.alive()
            if self._recorder is not None:
                self._recorder.tick(self._clock())

    async def tick(self) -> None:
        """One `Tick`. Its heartbeats (one encoding for all) go out `HEARTBEAT_SLICE` at a time,
        with the loop free in between: with a thousand idle sessions about 700 fall due in one
        tick, and writing them at once held the loop, and the frames it relays, for 30-50 ms."""
        beats: list[ConnId] = []
        for action in self._broker.handle(Tick()):
            if isinstance(action, Send) and isinstance(action.message, Heartbeat):
                beats.append(action.conn)
            else:
                self._carry_out(action)
        for start in range(0, len(beats), HEARTBEAT_SLICE):
            if start:
                await asyncio.sleep(0)
            for conn in beats[start : start + HEARTBEAT_SLICE]:
                outbox = self._outboxes.get(conn)
                if outbox is not None:  # it may have closed meanwhile
                    outbox.put(_HEARTBEAT)

    async def shutdown(self) -> None:
        """End the waiting sessions and close the joined ones for a resume after the restart, wait
        briefly until the notices are out, then let the recorder write what is queued."""
        self.feed(Shutdown())
        tasks = [outbox.task for outbox in self._outboxes.values()]
        if tasks:
            await asyncio.wait(tasks, timeout=SHUTDOWN_GRACE_SECONDS)
        if self._recorder is not None:
            await asyncio.to_thread(self._recorder.close)

    def _carry_out(self, action: Action) -> None:
        match action:
            case Send(conn, message):
                self._outboxes[conn].put(encode_message(message))
            case Relay(conn, data):
                self._outboxes[conn].put(data)
            case Close(conn, code, reason):
                self._outboxes[conn].put(_CloseRequest(code, reason))
            case CheckAuth(conn, token, session_id):
                expert = self._store.expert_for_token(token, self._clock())
                record = self._store.get_session(session_id)
                username = expert.username if expert else None
                self.feed(ExpertIdentified(conn, session_id, username, record.expert if record else None))
            case Persist(session_id, state, ended_at, end_reason, outcome):
                self._store.update_session(session_id, state, ended_at, end_reason, outcome)
            case Log(level, text):
                log.log(logging.INFO if level == "info" else logging.WARNING, "%s", text)
            case Record(session_id, entry):
                assert self._recorder is not None, "a recorded session needs a recorder"
                self._recorder.record(session_id, entry)
            case Checkpoint(session_id, snapshot):
                if self._saved is not None and snapshot is not None:
                    self._saved.save(session_id, snapshot)
                elif self._saved is not None:
                    self._saved.forget(session_id)
            case RecordFrame(session_id, at, frame):
                assert self._recorder is not None, "a recorded session needs a recorder"
                if not self._recorder.frame(session_id, at, frame):
                    self.feed(RecordingLost(session_id))
