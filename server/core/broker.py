"""The broker: turns raw connection events into session transitions and the actions they require.

It owns the live sessions and the connections, decodes every message (nothing undecoded reaches a
session), runs the customer handshake (version, rate limit, number) and the two-step expert
handshake (`auth` -> `CheckAuth` action -> `ExpertIdentified` event), and routes everything else to
the session the connection belongs to. It never touches a socket or a clock of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from protocol import limits
from protocol.codec import decode_message
from protocol.errors import CloseCode, ErrorCode, ProtocolError
from protocol.frames import decode_frame
from protocol.messages import Auth, Expert, Heartbeat, Hello, Message, Resume
from protocol.version import PROTOCOL_VERSION
from server.core import resume, saved
from server.core.actions import Action, CheckAuth, Close, ConnId, Log, Persist, Relay, Send
from server.core.admission import Admission
from server.core.clock import Clock
from server.core.events import (
    Closed,
    Event,
    ExpertIdentified,
    HandshakeTimedOut,
    Opened,
    Received,
    RecordingLost,
    Role,
    Shutdown,
    Tick,
)
from server.core.identity import IdentityPolicy
from server.core.liveness import Liveness
from server.core.numbers import NUMBER_TTL_SECONDS, digits_for, new_number, numbers_equal
from server.core.ratelimit import RateLimiter
from server.core.refusal import refuse
from server.core.session import FrameIn, SessionMachine, SessionSpec


class ConnectionMisuse(LookupError):
    """An event named a connection that is not open, or opened one twice (an I/O-layer bug)."""


@dataclass
class _Connection:
    role: Role
    address: str
    session_id: str | None = None
    checking: str | None = None
    """For a console: the session it sent `auth` for, while the token is being checked."""
    queued: bool = False
    """For a customer: its `hello` waits for admission while the server is under pressure."""


class Broker:
    """All live sessions and connections of one server process."""

    def __init__(
        self,
        clock: Clock,
        *,
        limiter: RateLimiter | None = None,
        recorded: bool = False,
        retention_days: int = 90,
        identity: IdentityPolicy | None = None,
        number_ttl_s: float = NUMBER_TTL_SECONDS,
    ) -> None:
        self._clock = clock
        self._identity = identity
        self._limiter = limiter if limiter is not None else RateLimiter()
        self._recorded = recorded
        self._retention_days = retention_days
        self._number_ttl_s = number_ttl_s
        self.sessions: dict[str, SessionMachine] = {}
        self._connections: dict[ConnId, _Connection] = {}
        self._closing: set[ConnId] = set()
        self._liveness = Liveness()
        self._admission: Admission[Hello] = Admission()
        self._stopping = False
        """After `Shutdown`: connections only close; the saved sessions stay as they are for the restart."""
        self._saved = saved.Checkpoints()

    def create_session(self, session_id: str, expert_username: str, expert: Expert) -> SessionMachine:
        """Open a waiting session with a fresh number, unique among the live sessions."""
        now = self._clock()
        waiting = sum(1 for session in self.sessions.values() if session.state == "waiting")
        taken = {session.spec.number for session in self.sessions.values()}
        number = new_number(taken, digits_for(waiting + 1))
        spec = SessionSpec(
            session_id=session_id,
            expert_username=expert_username,
            expert=expert,
            number=number,
            created_at=now,
            expires_at=now + self._number_ttl_s,
            recorded=self._recorded,
            retention_days=self._retention_days,
        )
        session = SessionMachine(spec, self._clock, self._identity)
        self.sessions[session_id] = session
        return session

    def restore(self, snapshots: list[saved.Snapshot], lost_at: float) -> list[SessionMachine]:
        """Take back the sessions a previous run of the server saved; they wait for their customer's
        resume as if the link had dropped at `lost_at` (when that run stopped). Snapshots that do not
        restore are skipped; the caller forgets them."""
        restored: list[SessionMachine] = []
        for snapshot in snapshots:
            try:
                session = saved.restore(snapshot, self._clock, self._identity, lost_at)
            except ValueError:
                continue
            self.sessions[session.session_id] = session
            self._saved.restored(session)
            restored.append(session)
        return restored

    def handle(self, event: Event) -> list[Action]:
        """Apply one event; return the actions to carry out, in order (checkpoints first, so what a
        restarted server needs is on disk before a new resume token or grant leaves)."""
        touched = self._touched(event)
        actions = self._apply(event)
        touched |= self._touched(event)
        checkpoints = self._saved.after(self.sessions, touched)
        # Every end is persisted, so the ended sessions are named in the actions: sweeping all
        # sessions on every event made the relay's cost grow with the number of idle sessions
        # (a third of the loop's time at 1,000 idle and 50 streaming).
        for action in actions:
            if isinstance(action, Persist) and action.state == "ended":
                self.sessions.pop(action.session_id, None)
        return checkpoints + self._without_closed(actions)

    def _touched(self, event: Event) -> set[str]:
        """The sessions `event` may change, looked up before and after it (a join or close moves them)."""
        if isinstance(event, Tick | Shutdown):
            return set(self.sessions)
        if isinstance(event, RecordingLost):
            return set()
        connection = self._connections.get(event.conn)
        return {connection.session_id} if connection is not None and connection.session_id else set()

    def _apply(self, event: Event) -> list[Action]:
        if self._stopping:
            return self._while_stopping(event)
        match event:
            case Opened(conn, role, address):
                if conn in self._connections:
                    raise ConnectionMisuse(f"connection {conn} is already open")
                self._connections[conn] = _Connection(role, address)
                self._liveness.opened(conn, self._clock())
                actions: list[Action] = []
            case Received(conn, data):
                actions = self._received(conn, data)
            case HandshakeTimedOut(conn):
                actions = self._handshake_timed_out(conn)
            case Closed(conn, code):
                actions = self._closed(conn, code)
            case ExpertIdentified():
                actions = self._identified(event)
            case Tick():
                now = self._clock()
                actions = self._admit(now)
                actions += self._check_liveness(now)
                actions += [a for session in list(self.sessions.values()) for a in session.expire(now)]
            case RecordingLost(session_id):
                session = self.sessions.get(session_id)
                actions = [] if session is None else session.recording_lost(self._clock())
            case Shutdown():
                self._stopping = True
                actions = [a for session in list(self.sessions.values()) for a in session.shutdown()]
                actions += [
                    Close(conn, CloseCode.GOING_AWAY, "server_shutdown")
                    for conn, connection in self._connections.items()
                    if connection.session_id is None
                ]
        return actions

    def _while_stopping(self, event: Event) -> list[Action]:
        """The server is going down: a new connection is turned away, a closed one forgotten, and
        nothing else changes a session any more."""
        match event:
            case Opened(conn, role, address):
                self._connections[conn] = _Connection(role, address)
                return [Close(conn, CloseCode.GOING_AWAY, "server_shutdown")]
            case Closed(conn):
                self._liveness.forget(conn)
                self._connections.pop(conn, None)
                self._closing.discard(conn)
        return []

    def _without_closed(self, actions: list[Action]) -> list[Action]:
        """Drop sends to connections already being closed, and remember the ones closed now."""
        kept: list[Action] = []
        for action in actions:
            if isinstance(action, Send | Relay | Close):
                if action.conn in self._closing or action.conn not in self._connections:
                    continue
                if isinstance(action, Close):
                    self._closing.add(action.conn)
            kept.append(action)
        return kept

    def _connection(self, conn: ConnId) -> _Connection:
        try:
            return self._connections[conn]
        except KeyError:
            raise ConnectionMisuse(f"connection {conn} is not open") from None

    def _received(self, conn: ConnId, data: str | bytes) -> list[Action]:
        connection = self._connection(conn)
        if conn in self._closing:
            return []
        self._liveness.heard(conn, self._clock())
        session = self.sessions.get(connection.session_id) if connection.session_id else None
        if connection.session_id is not None and session is None:
            return refuse(conn, ErrorCode.SESSION_ENDED, f"session {connection.session_id} is over")
        if len(data) > limits.MAX_BINARY_MESSAGE_BYTES:
            detail = f"message over {limits.MAX_BINARY_MESSAGE_BYTES} bytes"
            return refuse(conn, ErrorCode.BAD_MESSAGE, detail, close_code=CloseCode.TOO_BIG)
        if isinstance(data, bytes):
            if connection.role == "customer" and session is not None:
                try:
                    frame = decode_frame(data)
                except ProtocolError as exc:
                    return refuse(conn, exc.code, str(exc), where=f"session {session.session_id}")
                return session.on_customer(FrameIn(data, frame))
            return refuse(
                conn, ErrorCode.NOT_ALLOWED, f"binary message on the {connection.role} endpoint now"
            )
        decoded = _decode(conn, data)
        if not isinstance(decoded, list):
            return self._route(conn, connection, session, decoded)
        return decoded

    def _route(
        self, conn: ConnId, connection: _Connection, session: SessionMachine | None, message: Message
    ) -> list[Action]:
        if session is not None and isinstance(message, Heartbeat):
            return []
        if session is not None:
            if connection.role == "customer":
                return session.on_customer(message)
            return session.on_expert(message)
        if connection.role == "customer" and isinstance(message, Hello):
            return self._hello(conn, connection, message)
        if connection.role == "customer" and isinstance(message, Resume):
            return self._resume(conn, connection, message)
        if connection.role == "expert" and isinstance(message, Auth) and connection.checking is None:
            return self._auth(conn, connection, message)
        first = "hello" if connection.role == "customer" else "auth"
        return refuse(conn, ErrorCode.NOT_ALLOWED, f"{message.TYPE} before the handshake; expected {first}")

    def _hello(self, conn: ConnId, connection: _Connection, hello: Hello) -> list[Action]:
        if hello.protocol != PROTOCOL_VERSION:
            return refuse(conn, ErrorCode.UNSUPPORTED_VERSION, f"protocol {hello.protocol} is not supported")
        now = self._clock()
        wait = self._limiter.retry_after(connection.address, now)
        if wait:
            detail = f"too many wrong numbers from {connection.address} or its network"
            return refuse(conn, ErrorCode.RATE_LIMITED, detail, retry_after=wait)
        if self._limiter.under_pressure(now) and not self._limiter.has_history(connection.address, now):
            connection.queued = True
            pushed_out = self._admission.enqueue(conn, connection.address, hello)
            if pushed_out is None:
                return [Log("info", f"connection {conn}: hello waits for admission (server under pressure)")]
            self._connections[pushed_out].queued = False
            detail = f"too many waiting hellos from the network of {connection.address}"
            return refuse(pushed_out, ErrorCode.RATE_LIMITED, detail, retry_after=1)
        return self._check_number(conn, connection, hello, now)

    def _admit(self, now: float) -> list[Action]:
        """Check the queued hellos whose turn has come."""
        actions: list[Action] = []
        for conn, hello in self._admission.release(now):
            connection = self._connections.get(conn)
            if connection is None or conn in self._closing:
                continue
            connection.queued = False
            actions += self._check_number(conn, connection, hello, now)
        return actions

    def _check_number(self, conn: ConnId, connection: _Connection, hello: Hello, now: float) -> list[Action]:
        found: SessionMachine | None = None
        for session in self.sessions.values():
            if numbers_equal(hello.number, session.spec.number) and session.number_valid(now):
                found = session
        if found is None:
            self._limiter.record_failure(connection.address, now)
            return refuse(
                conn, ErrorCode.INVALID_NUMBER, f"no session for the number from {connection.address}"
            )
        self._limiter.record_success(connection.address, now)
        connection.session_id = found.session_id
        return found.join(conn, hello.client, connection.address)

    def _resume(self, conn: ConnId, connection: _Connection, message: Resume) -> list[Action]:
        """A customer continues a session whose link dropped; every refusal gets the same answer."""
        if message.protocol != PROTOCOL_VERSION:
            return refuse(
                conn, ErrorCode.UNSUPPORTED_VERSION, f"protocol {message.protocol} is not supported"
            )
        now = self._clock()
        wait = self._limiter.retry_after(connection.address, now)
        if wait:
            detail = f"too many refused attempts from {connection.address} or overall"
            return refuse(conn, ErrorCode.RATE_LIMITED, detail, retry_after=wait)
        session = self.sessions.get(message.session_id)
        problem = "no live session with that id" if session is None else None
        if session is not None:
            problem = resume.refusal(session, message.token, connection.address, now)
        if session is None or problem is not None:
            self._limiter.record_failure(connection.address, now)
            return refuse(conn, ErrorCode.RESUME_REFUSED, f"resume of {message.session_id!r}: {problem}")
        connection.session_id = session.session_id
        return resume.resume(session, conn, connection.address)

    def _auth(self, conn: ConnId, connection: _Connection, auth: Auth) -> list[Action]:
        if auth.protocol != PROTOCOL_VERSION:
            return refuse(conn, ErrorCode.UNSUPPORTED_VERSION, f"protocol {auth.protocol} is not supported")
        connection.checking = auth.session_id
        return [CheckAuth(conn, auth.token, auth.session_id)]

    def _identified(self, event: ExpertIdentified) -> list[Action]:
        conn = event.conn
        connection = self._connections.get(conn)
        if connection is None or conn in self._closing or connection.checking != event.session_id:
            return []
        connection.checking = None
        session = self.sessions.get(event.session_id)
        if event.username is None:
            return refuse(conn, ErrorCode.UNAUTHORIZED, "unknown or expired token")
        if session is None:
            if event.owner == event.username:
                return refuse(conn, ErrorCode.SESSION_ENDED, f"session {event.session_id} is over")
            return refuse(conn, ErrorCode.UNAUTHORIZED, f"{event.username} has no session {event.session_id}")
        if session.spec.expert_username != event.username:
            return refuse(conn, ErrorCode.UNAUTHORIZED, f"{event.username} has no session {event.session_id}")
        expired = session.expire(self._clock())
        if expired:
            return expired + refuse(conn, ErrorCode.SESSION_ENDED, f"session {event.session_id} is over")
        connection.session_id = session.session_id
        return session.attach(conn)

    def _handshake_timed_out(self, conn: ConnId) -> list[Action]:
        connection = self._connection(conn)
        if connection.session_id is not None or conn in self._closing:
            return []
        first = "hello" if connection.role == "customer" else "auth"
        return refuse(conn, ErrorCode.BAD_MESSAGE, f"no {first} within the handshake time")

    def _check_liveness(self, now: float) -> list[Action]:
        """Heartbeats to every connection in a session; a silent customer connection counts as lost."""
        actions: list[Action] = []
        for conn, connection in list(self._connections.items()):
            session = self.sessions.get(connection.session_id) if connection.session_id else None
            if connection.queued and conn not in self._closing and self._liveness.heartbeat_due(conn, now):
                actions.append(Send(conn, Heartbeat()))
            if session is None or conn in self._closing:
                continue
            if connection.role == "customer" and self._liveness.silent(conn, now):
                actions.append(Log("info", f"connection {conn}: nothing heard from the customer, closing"))
                actions.append(Close(conn, CloseCode.GOING_AWAY, "peer_silent"))
                actions += session.customer_lost(conn, resumable=True)
            elif self._liveness.heartbeat_due(conn, now):
                actions.append(Send(conn, Heartbeat()))
        return actions

    def _closed(self, conn: ConnId, code: int | None) -> list[Action]:
        connection = self._connection(conn)
        self._liveness.forget(conn)
        if connection.queued:
            self._admission.forget(conn)
        del self._connections[conn]
        refused = conn in self._closing
        self._closing.discard(conn)
        session = self.sessions.get(connection.session_id) if connection.session_id else None
        if session is None:
            return []
        if connection.role == "customer":
            return session.customer_lost(conn, resumable=not refused and code != CloseCode.NORMAL)
        return session.detach(conn)


def _decode(conn: ConnId, text: str) -> Message | list[Action]:
    """Decode one text message, or the refusal for it: 1009 when too big, 4000 when malformed."""
    if len(text) > limits.MAX_TEXT_MESSAGE_BYTES or len(text.encode("utf-8")) > limits.MAX_TEXT_MESSAGE_BYTES:
        detail = f"text message over {limits.MAX_TEXT_MESSAGE_BYTES} bytes"
        return refuse(conn, ErrorCode.BAD_MESSAGE, detail, close_code=CloseCode.TOO_BIG)
    try:
        return decode_message(text)
    except ProtocolError as exc:
        return refuse(conn, exc.code, str(exc))
