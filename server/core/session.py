"""One session's state machine: waiting -> joined -> active -> ended, driven by what its peers send.

The broker routes each decoded message here. Which message is legal in which state is written
down once, in `_CUSTOMER_TABLE` and `_EXPERT_TABLE`; anything not listed is refused and leaves the
state as it was. Handlers check everything before they change anything, so a refusal never
leaves a half-applied transition behind. The handlers for consent-bound messages (tiers, input,
control) are in `server.core.grants`, the tier bookkeeping in `server.core.tiers`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from protocol import limits
from protocol.errors import ErrorCode
from protocol.frames import Frame
from protocol.limits import RESUME_WINDOW_S
from protocol.messages import (
    AdminCommand,
    AdminExit,
    AdminOutput,
    AdminRefused,
    AdminUnavailable,
    Chat,
    ChatAuthor,
    Consent,
    Control,
    Cursor,
    CursorShape,
    CustomerJoined,
    CustomerLink,
    End,
    EndedBy,
    Error,
    Expert,
    FrameAck,
    Holder,
    IdentityCode,
    Message,
    Refresh,
    ScreenInfo,
    SelectMonitor,
    SessionInfo,
    SessionState,
    TierRelease,
    TierRequest,
    TierRevoke,
    TierState,
    TierStatus,
    Welcome,
)
from protocol.version import PROTOCOL_VERSION
from server.core import admin, grants, resume
from server.core.actions import Action, Close, ConnId, Log, Persist, Record, RecordFrame, Relay, Send
from server.core.clock import Clock, iso
from server.core.held_input import HeldInput
from server.core.identity import IdentityPolicy, introduce
from server.core.journal import TIER_EVENTS, Actor, ChatEntry, ControlEntry, ControlEvent, Entry, SessionFacts
from server.core.outcome import outcome_of
from server.core.refusal import refuse
from server.core.tiers import TIERS, TierChange, TierLedger

RECORDING_REFRESH_S = 5.0
"""A recording that lost frames asks for a keyframe at most this often: each costs a full picture."""


class IllegalTransition(RuntimeError):
    """The I/O layer or broker asked for a transition the state machine does not have (a bug, not a peer)."""


@dataclass(frozen=True)
class SessionSpec:
    """The facts of a session fixed at creation."""

    session_id: str
    expert_username: str
    expert: Expert
    number: str
    created_at: float
    expires_at: float
    recorded: bool
    retention_days: int


@dataclass(frozen=True)
class FrameIn:
    """A customer's binary frame: the bytes to relay untouched and the header decoded from them."""

    data: bytes
    frame: Frame


Handler = Callable[["SessionMachine", Any], list[Action]]


class SessionMachine:
    """The live state of one session and its (at most) one customer and one console connection."""

    def __init__(self, spec: SessionSpec, clock: Clock, identity: IdentityPolicy | None = None) -> None:
        self.spec = spec
        self._clock = clock
        self.identity = identity
        self.identity_code: str | None = None
        """The short code of the descriptor sent at join, shown to the console."""
        self.state: SessionState = "waiting"
        self.customer: ConnId | None = None
        self.console: ConnId | None = None
        self.client = ""
        self.ledger = TierLedger()
        self.admin = admin.AdminCommands()
        self.screen: ScreenInfo | None = None
        self.last_seq = 0
        self.unacked: deque[int] = deque()
        self.end_reason: str | None = None
        self._recording = False
        """True from the customer's join while the session is recorded: log entries go to the recording."""
        self.lost_at: float | None = None
        """When the customer's connection dropped, while the session waits for a resume."""
        self.resume_hash = b""
        self.resume_address = ""
        self.held = HeldInput()
        """What the console pressed and has not released; released for it when it goes."""
        self._recording_refreshed_at = float("-inf")

    @property
    def session_id(self) -> str:
        return self.spec.session_id

    @property
    def tiers(self) -> dict[int, TierState]:
        return self.ledger.states

    @property
    def pending(self) -> int | None:
        return self.ledger.pending

    def number_valid(self, now: float) -> bool:
        """A number admits a customer only while nobody has joined and it has not expired."""
        return self.state == "waiting" and now < self.spec.expires_at

    # -- events the broker derives from connections ------------------------------------------

    def join(self, conn: ConnId, client: str, address: str) -> list[Action]:
        """A customer presented the right number: welcome it, which also asks for tier 1."""
        if self.state != "waiting":
            raise IllegalTransition(f"session {self.session_id} is {self.state}, not waiting")
        self.customer = conn
        self.client = client
        self._recording = self.spec.recorded
        asked = self.ledger.ask_view()
        welcome = Welcome(
            protocol=PROTOCOL_VERSION,
            session_id=self.session_id,
            expert=self.spec.expert,
            recorded=self.spec.recorded,
            retention_days=self.spec.retention_days,
            resume_token=resume.issue_token(self, address),
        )
        introduced: list[Action] = []
        if self.identity is not None:
            introduction = introduce(
                self.identity,
                expert=self.spec.expert,
                staff_id=self.spec.expert_username,
                session_id=self.session_id,
                number=self.spec.number,
                now=self._clock(),
            )
            self.identity_code = introduction.code
            introduced.append(Send(conn, introduction.message))
        actions: list[Action] = [
            Log("info", f"session {self.session_id}: customer joined ({client!r})"),
            *introduced,
            Send(conn, welcome),
            *self._record(self._facts()),
            *self.note("customer_joined", "customer", detail=client),
            *self.note_tier(asked, "expert"),
        ]
        actions += self.enter("joined")
        actions += self.to_console(CustomerJoined(client=client), *self._code_message())
        actions += self.to_console(TierStatus(tier=1, state="requested"))
        return actions

    def _facts(self) -> SessionFacts:
        expert = self.spec.expert
        return SessionFacts(
            self._clock(),
            expert.organisation,
            expert.name,
            self.spec.expert_username,
            verified=self.identity_code is not None,
            code=self.identity_code or "",
            retention_days=self.spec.retention_days,
        )

    def _code_message(self) -> list[Message]:
        return [] if self.identity_code is None else [IdentityCode(code=self.identity_code)]

    def attach(self, conn: ConnId) -> list[Action]:
        """A console authenticated for this session; it replaces any console already attached."""
        if self.state == "ended":
            raise IllegalTransition(f"session {self.session_id} has ended")
        actions: list[Action] = []
        if self.console is not None:
            actions += refuse(
                self.console,
                ErrorCode.SESSION_BUSY,
                "another console attached to this session",
                where=f"session {self.session_id}",
            )
            actions += self._console_gone()
        self.console = conn
        actions.append(Log("info", f"session {self.session_id}: console attached"))
        actions.append(Send(conn, self._session_info()))
        if self.lost_at is not None:
            actions += self._introduce_customer(conn)
            actions.append(Send(conn, CustomerLink(state="reconnecting")))
        elif self.customer is not None:
            actions += self._introduce_customer(conn)
            if self.ledger.holder is not None:
                actions.append(Send(conn, Control(holder=self.ledger.holder)))
            if self.screen is not None:
                actions.append(Send(conn, self.screen))
            if self.state == "active":
                actions.append(Send(self.customer, Refresh()))
        return actions

    def _introduce_customer(self, conn: ConnId) -> list[Action]:
        """Who joined and what they granted, for a console that attaches after the join."""
        actions: list[Action] = [Send(conn, CustomerJoined(client=self.client))]
        actions += [Send(conn, message) for message in self._code_message()]
        actions += [Send(conn, TierStatus(tier=t, state=self.tiers[t])) for t in TIERS if t in self.tiers]
        return actions

    def detach(self, conn: ConnId) -> list[Action]:
        """The console's connection went away; the session goes on and the server acks frames."""
        if conn != self.console or self.state == "ended":
            return []
        self.console = None
        return [Log("info", f"session {self.session_id}: console detached"), *self._console_gone()]

    def _console_gone(self) -> list[Action]:
        """What a departing console leaves behind: keys and buttons it still held are released,
        frames it had not acknowledged are acknowledged."""
        released = self.held.releases()
        if self.customer is None:
            return self._ack_unacked()
        return [*(Send(self.customer, message) for message in released), *self._ack_unacked()]

    def customer_lost(self, conn: ConnId, *, resumable: bool) -> list[Action]:
        """The customer's connection went away before an `end`: wait for it to resume, unless the
        server itself closed it (after refusing a message), which ends the session."""
        if conn != self.customer or self.state == "ended":
            return []
        if not resumable:
            self.customer = None
            return self._end("connection_lost", "server")
        return resume.interrupt(self, self._clock())

    def expire(self, now: float) -> list[Action]:
        """End a session whose number ran out before any customer joined, or whose customer did not
        resume in time."""
        if self.lost_at is not None and now >= self.lost_at + RESUME_WINDOW_S:
            return self._end("connection_lost", "server")
        if self.state != "waiting" or now < self.spec.expires_at:
            return []
        return self._end("number_expired", "server")

    def shutdown(self) -> list[Action]:
        """The server stops. A session a customer joined outlives it (`server.core.saved` keeps it
        for the restart): both sides are closed with 1001 `server_restart` and come back the way
        they come back after any drop. A waiting session ends, and its number with it."""
        if self.state == "ended":
            return []
        if self.state == "waiting" or not self.resume_hash:
            return self._end("server_shutdown", "server")
        return resume.keep_for_restart(self)

    def continue_recording(self) -> None:
        """A session rebuilt after a restart goes on writing to its recording, if it has one."""
        self._recording = self.spec.recorded

    # -- messages from the peers ------------------------------------------------------------

    def on_customer(self, message: Message | FrameIn) -> list[Action]:
        """Apply a message or frame from this session's customer, or refuse it."""
        return self._dispatch(_CUSTOMER_TABLE, message, self.customer, "customer")

    def on_expert(self, message: Message) -> list[Action]:
        """Apply a message from this session's console, or refuse it."""
        return self._dispatch(_EXPERT_TABLE, message, self.console, "console")

    def _dispatch(
        self,
        table: dict[tuple[SessionState, type[object]], Handler],
        message: Message | FrameIn,
        conn: ConnId | None,
        who: str,
    ) -> list[Action]:
        kind = "binary frame" if isinstance(message, FrameIn) else message.TYPE
        if conn is None:
            raise IllegalTransition(f"session {self.session_id} has no {who} to take a {kind} from")
        if isinstance(message, Error):
            return [
                Log("warning", f"session {self.session_id}: {who} reports {message.code}: {message.message}")
            ]
        if self.lost_at is not None and not isinstance(message, End | Chat):
            return [Log("info", f"session {self.session_id}: dropped {kind} while the customer reconnects")]
        handler = table.get((self.state, type(message)))
        if handler is not None:
            return handler(self, message)
        if self.state == "ended":
            return self.refusal(conn, ErrorCode.SESSION_ENDED, f"{kind} after the session ended")
        return self.refusal(conn, ErrorCode.NOT_ALLOWED, f"{who} may not send {kind} while {self.state}")

    def _screen_info(self, info: ScreenInfo) -> list[Action]:
        self.screen = info
        return self.to_console(info)

    def _cursor(self, message: Cursor | CursorShape) -> list[Action]:
        """Relayed, never recorded: like frames, only while tier 1 is granted (state `active`)."""
        assert self.customer is not None
        if isinstance(message, Cursor) and (
            self.screen is None or message.monitor not in {monitor.id for monitor in self.screen.monitors}
        ):
            return self.refusal(self.customer, ErrorCode.NOT_ALLOWED, f"cursor on monitor {message.monitor}")
        return self.to_console(message)

    def _frame(self, incoming: FrameIn) -> list[Action]:
        assert self.customer is not None
        frame = incoming.frame
        problem: tuple[ErrorCode, str] | None = None
        if self.screen is None:
            problem = (ErrorCode.NOT_ALLOWED, "frame before screen_info")
        elif frame.monitor not in {monitor.id for monitor in self.screen.monitors}:
            problem = (ErrorCode.NOT_ALLOWED, f"frame for monitor {frame.monitor}, not in screen_info")
        elif frame.seq != self.last_seq + 1:
            problem = (ErrorCode.BAD_MESSAGE, f"frame seq {frame.seq}, expected {self.last_seq + 1}")
        elif len(self.unacked) >= limits.MAX_FRAME_WINDOW:
            problem = (ErrorCode.NOT_ALLOWED, f"more than {limits.MAX_FRAME_WINDOW} frames unacknowledged")
        if problem is not None:
            return self.refusal(self.customer, *problem)
        self.last_seq = frame.seq
        recorded: list[Action] = []
        if self._recording:
            recorded.append(RecordFrame(self.session_id, self._clock(), frame))
        if self.console is None:
            return [Send(self.customer, FrameAck(seq=frame.seq)), *recorded]
        self.unacked.append(frame.seq)
        return [Relay(self.console, incoming.data), *recorded]

    def _customer_end(self, end: End) -> list[Action]:
        return self._end(end.reason, "customer")

    def _expert_end(self, end: End) -> list[Action]:
        return self._end(end.reason, "expert")

    def _ack(self, ack: FrameAck) -> list[Action]:
        assert self.console is not None and self.customer is not None
        if ack.seq not in self.unacked:
            return self.refusal(
                self.console, ErrorCode.NOT_ALLOWED, f"frame_ack for seq {ack.seq}, not outstanding"
            )
        self.unacked.remove(ack.seq)
        return [Send(self.customer, ack)]

    def recording_lost(self, now: float) -> list[Action]:
        """The recording dropped frames: ask the customer for a keyframe, so that its screenshots go
        on before the next console attaches, at most once per `RECORDING_REFRESH_S`."""
        if self.state != "active" or now - self._recording_refreshed_at < RECORDING_REFRESH_S:
            return []
        assert self.customer is not None
        self._recording_refreshed_at = now
        return [Send(self.customer, Refresh())]

    def _refresh(self, refresh: Refresh) -> list[Action]:
        if self.state != "active":
            return []
        assert self.customer is not None
        return [Send(self.customer, refresh)]

    def _customer_chat(self, chat: Chat) -> list[Action]:
        return self._chat(chat, "customer", self.console)

    def _expert_chat(self, chat: Chat) -> list[Action]:
        return self._chat(chat, "expert", self.customer)

    def _chat(self, chat: Chat, by: ChatAuthor, to: ConnId | None) -> list[Action]:
        """Relay with `by` and `at` set by the server, whatever the sender put there."""
        now = self._clock()
        relayed = Chat(text=chat.text, by=by, at=iso(now))
        actions: list[Action] = [] if to is None else [Send(to, relayed)]
        return actions + self._record(ChatEntry(now, by, chat.text))

    # -- helpers ----------------------------------------------------------------------------

    def _end(self, reason: str, by: EndedBy) -> list[Action]:
        now = self._clock()
        self.state = "ended"
        self.lost_at = None
        self.end_reason = reason
        self.ledger.pending = None
        self.unacked.clear()
        notice = End(reason=reason, by=by)
        actions: list[Action] = [
            Log("info", f"session {self.session_id}: ended by {by} ({reason})"),
            Persist(
                self.session_id, "ended", ended_at=now, end_reason=reason, outcome=outcome_of(reason, by)
            ),
            *self.note("session_ended", by, detail=reason),
        ]
        self._recording = False
        for conn, sender in ((self.customer, "customer"), (self.console, "expert")):
            if conn is None:
                continue
            if by != sender:
                actions.append(Send(conn, notice))
            actions.append(Close(conn, 1000, reason))
        return actions

    def enter(self, state: SessionState) -> list[Action]:
        self.state = state
        return [Persist(self.session_id, state), *self.to_console(self._session_info())]

    def to_console(self, *messages: Message) -> list[Action]:
        if self.console is None:
            return []
        return [Send(self.console, message) for message in messages]

    def _ack_unacked(self) -> list[Action]:
        if self.customer is None:
            self.unacked.clear()
            return []
        acks: list[Action] = [Send(self.customer, FrameAck(seq=seq)) for seq in self.unacked]
        self.unacked.clear()
        return acks

    def _session_info(self) -> SessionInfo:
        return SessionInfo(
            session_id=self.session_id,
            number=self.spec.number,
            state=self.state,
            expires_at=iso(self.spec.expires_at),
        )

    def refusal(self, conn: ConnId, code: ErrorCode, detail: str) -> list[Action]:
        who: Actor = "customer" if conn == self.customer else "expert"
        noted = self.note("refused", who, detail=detail) if code == ErrorCode.NOT_ALLOWED else []
        return [*noted, *refuse(conn, code, detail, where=f"session {self.session_id}")]

    def note(
        self,
        event: ControlEvent,
        by: Actor,
        *,
        tier: int | None = None,
        holder: Holder | None = None,
        detail: str = "",
    ) -> list[Action]:
        """A control-log entry for the recording, if this session is being recorded."""
        return self._record(ControlEntry(self._clock(), event, by, tier=tier, holder=holder, detail=detail))

    def _record(self, entry: Entry) -> list[Action]:
        return [Record(self.session_id, entry)] if self._recording else []

    def note_tier(self, change: TierChange, by: Actor) -> list[Action]:
        return self.note(TIER_EVENTS[change.state], by, tier=change.tier)


_LIVE: Final[tuple[SessionState, ...]] = ("waiting", "joined", "active")

_JOINED: Final[tuple[SessionState, ...]] = ("joined", "active")

_CUSTOMER_TABLE: Final[dict[tuple[SessionState, type[object]], Handler]] = {
    ("joined", Consent): grants.consent,
    ("active", Consent): grants.consent,
    ("active", ScreenInfo): SessionMachine._screen_info,
    ("active", TierRevoke): grants.revoke,
    ("active", FrameIn): SessionMachine._frame,
    ("active", Cursor): SessionMachine._cursor,
    ("active", CursorShape): SessionMachine._cursor,
    ("active", Control): grants.control,
    ("joined", End): SessionMachine._customer_end,
    ("active", End): SessionMachine._customer_end,
    **{(state, Chat): SessionMachine._customer_chat for state in _JOINED},
    ("active", AdminOutput): admin.output,
    ("active", AdminExit): admin.exited,
    ("active", AdminRefused): admin.refused,
    ("active", AdminUnavailable): admin.unavailable,
}
"""What a customer may send in which state; `hello` is the broker's business, before a session is known."""

_EXPERT_TABLE: Final[dict[tuple[SessionState, type[object]], Handler]] = {
    **{(state, End): SessionMachine._expert_end for state in _LIVE},
    **{(state, Refresh): SessionMachine._refresh for state in _LIVE},
    ("joined", FrameAck): SessionMachine._ack,
    ("active", FrameAck): SessionMachine._ack,
    ("active", TierRequest): grants.tier_request,
    ("active", TierRelease): grants.tier_release,
    ("active", SelectMonitor): grants.select_monitor,
    **{("active", kind): grants.remote_input for kind in grants.INPUT_TYPES},
    **{(state, Chat): SessionMachine._expert_chat for state in _JOINED},
    ("active", AdminCommand): admin.command,
}
"""What a console may send in which state; a `frame_ack` may trail a tier-1 revoke, hence `joined`.
Input and `tier_release` need tier 2 on top of `active`; the handlers check that."""
