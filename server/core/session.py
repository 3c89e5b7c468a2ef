"""One session's state machine: waiting -> joined -> active -> ended, driven by what its peers send.

The broker routes each decoded message here. Which message is legal in which state is written
down once, in `_CUSTOMER_TABLE` and `_EXPERT_TABLE`; anything not listed is refused and leaves the
state as it was. Handlers check everything before they change anything, so a refusal never
leaves a half-applied transition behind.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from protocol import limits
from protocol.errors import ErrorCode
from protocol.frames import Frame
from protocol.messages import (
    Consent,
    CustomerJoined,
    End,
    EndedBy,
    Error,
    Expert,
    FrameAck,
    Message,
    Refresh,
    ScreenInfo,
    SessionInfo,
    SessionState,
    TierRequest,
    TierRevoke,
    TierState,
    TierStatus,
    Welcome,
)
from protocol.version import PROTOCOL_VERSION
from server.core.actions import Action, Close, ConnId, Log, Persist, Relay, Send
from server.core.clock import Clock, iso
from server.core.refusal import refuse

TIERS: Final = (1, 2, 3)


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

    def __init__(self, spec: SessionSpec, clock: Clock) -> None:
        self.spec = spec
        self._clock = clock
        self.state: SessionState = "waiting"
        self.customer: ConnId | None = None
        self.console: ConnId | None = None
        self.client = ""
        self.tiers: dict[int, TierState] = {}
        self.pending: int | None = None
        self.screen: ScreenInfo | None = None
        self.last_seq = 0
        self.unacked: deque[int] = deque()
        self.end_reason: str | None = None

    @property
    def session_id(self) -> str:
        return self.spec.session_id

    def number_valid(self, now: float) -> bool:
        """A number admits a customer only while nobody has joined and it has not expired."""
        return self.state == "waiting" and now < self.spec.expires_at

    # -- events the broker derives from connections ------------------------------------------

    def join(self, conn: ConnId, client: str) -> list[Action]:
        """A customer presented the right number: welcome it, which also asks for tier 1."""
        if self.state != "waiting":
            raise IllegalTransition(f"session {self.session_id} is {self.state}, not waiting")
        self.customer = conn
        self.client = client
        self.tiers[1] = "requested"
        self.pending = 1
        welcome = Welcome(
            protocol=PROTOCOL_VERSION,
            session_id=self.session_id,
            expert=self.spec.expert,
            recorded=self.spec.recorded,
            retention_days=self.spec.retention_days,
        )
        actions: list[Action] = [
            Log("info", f"session {self.session_id}: customer joined ({client!r})"),
            Send(conn, welcome),
        ]
        actions += self._enter("joined")
        actions += self._to_console(CustomerJoined(client=client), TierStatus(tier=1, state="requested"))
        return actions

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
            actions += self._ack_unacked()
        self.console = conn
        actions.append(Log("info", f"session {self.session_id}: console attached"))
        actions.append(Send(conn, self._session_info()))
        if self.customer is not None:
            actions.append(Send(conn, CustomerJoined(client=self.client)))
            actions += [Send(conn, TierStatus(tier=t, state=self.tiers[t])) for t in TIERS if t in self.tiers]
            if self.screen is not None:
                actions.append(Send(conn, self.screen))
            if self.state == "active":
                actions.append(Send(self.customer, Refresh()))
        return actions

    def detach(self, conn: ConnId) -> list[Action]:
        """The console's connection went away; the session goes on and the server acks frames."""
        if conn != self.console or self.state == "ended":
            return []
        self.console = None
        return [Log("info", f"session {self.session_id}: console detached"), *self._ack_unacked()]

    def customer_lost(self, conn: ConnId) -> list[Action]:
        """The customer's connection went away before an `end`: the session is over."""
        if conn != self.customer or self.state == "ended":
            return []
        self.customer = None
        return self._end("connection_lost", "server")

    def expire(self, now: float) -> list[Action]:
        """End a session whose number ran out before any customer joined."""
        if self.state != "waiting" or now < self.spec.expires_at:
            return []
        return self._end("number_expired", "server")

    def shutdown(self) -> list[Action]:
        """The server stops: tell both sides and end."""
        if self.state == "ended":
            return []
        return self._end("server_shutdown", "server")

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
        handler = table.get((self.state, type(message)))
        if handler is not None:
            return handler(self, message)
        if self.state == "ended":
            return self._refuse(conn, ErrorCode.SESSION_ENDED, f"{kind} after the session ended")
        return self._refuse(conn, ErrorCode.NOT_ALLOWED, f"{who} may not send {kind} while {self.state}")

    def _consent(self, consent: Consent) -> list[Action]:
        assert self.customer is not None
        if consent.tier != self.pending:
            asked = "nothing" if self.pending is None else f"tier {self.pending}"
            return self._refuse(
                self.customer, ErrorCode.NOT_ALLOWED, f"consent for tier {consent.tier}, {asked} asked"
            )
        self.pending = None
        outcome: TierState = "granted" if consent.granted else "denied"
        self.tiers[consent.tier] = outcome
        actions = [
            Log("info", f"session {self.session_id}: tier {consent.tier} {outcome}"),
            *self._to_console(TierStatus(tier=consent.tier, state=outcome)),
        ]
        if consent.tier == 1 and consent.granted:
            actions += self._enter("active")
        return actions

    def _screen_info(self, info: ScreenInfo) -> list[Action]:
        self.screen = info
        return self._to_console(info)

    def _revoke(self, revoke: TierRevoke) -> list[Action]:
        assert self.customer is not None
        if self.tiers.get(revoke.tier) != "granted":
            return self._refuse(self.customer, ErrorCode.NOT_ALLOWED, f"tier {revoke.tier} is not granted")
        changes: list[Message] = []
        for tier in TIERS[revoke.tier - 1 :]:
            if self.tiers.get(tier) == "granted":
                self.tiers[tier] = "revoked"
                changes.append(TierStatus(tier=tier, state="revoked"))
        if self.pending is not None and self.pending > revoke.tier:
            self.tiers[self.pending] = "denied"
            changes.append(TierStatus(tier=self.pending, state="denied"))
            self.pending = None
        actions = [
            Log("info", f"session {self.session_id}: tier {revoke.tier} revoked"),
            *self._to_console(*changes),
        ]
        if revoke.tier == 1:
            actions += self._enter("joined")
        return actions

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
        elif len(self.unacked) >= limits.FRAME_WINDOW:
            problem = (ErrorCode.NOT_ALLOWED, f"more than {limits.FRAME_WINDOW} frames unacknowledged")
        if problem is not None:
            return self._refuse(self.customer, *problem)
        self.last_seq = frame.seq
        if self.console is None:
            return [Send(self.customer, FrameAck(seq=frame.seq))]
        self.unacked.append(frame.seq)
        return [Relay(self.console, incoming.data)]

    def _customer_end(self, end: End) -> list[Action]:
        return self._end(end.reason, "customer")

    def _expert_end(self, end: End) -> list[Action]:
        return self._end(end.reason, "expert")

    def _ack(self, ack: FrameAck) -> list[Action]:
        assert self.console is not None and self.customer is not None
        if ack.seq not in self.unacked:
            return self._refuse(
                self.console, ErrorCode.NOT_ALLOWED, f"frame_ack for seq {ack.seq}, not outstanding"
            )
        self.unacked.remove(ack.seq)
        return [Send(self.customer, ack)]

    def _refresh(self, refresh: Refresh) -> list[Action]:
        if self.state != "active":
            return []
        assert self.customer is not None
        return [Send(self.customer, refresh)]

    def _tier_request(self, request: TierRequest) -> list[Action]:
        assert self.console is not None and self.customer is not None
        tier = request.tier
        problem = None
        if tier == 1:
            problem = "tier 1 is asked for by welcome"
        elif self.pending is not None:
            problem = f"tier {self.pending} is still awaiting consent"
        elif self.tiers.get(tier - 1) != "granted":
            problem = f"tier {tier} needs tier {tier - 1} granted first"
        elif self.tiers.get(tier) == "granted":
            problem = f"tier {tier} is already granted"
        if problem is not None:
            return self._refuse(self.console, ErrorCode.NOT_ALLOWED, problem)
        self.pending = tier
        self.tiers[tier] = "requested"
        return [Send(self.customer, request), *self._to_console(TierStatus(tier=tier, state="requested"))]

    # -- helpers ----------------------------------------------------------------------------

    def _end(self, reason: str, by: EndedBy) -> list[Action]:
        now = self._clock()
        self.state = "ended"
        self.end_reason = reason
        self.pending = None
        self.unacked.clear()
        notice = End(reason=reason, by=by)
        actions: list[Action] = [
            Log("info", f"session {self.session_id}: ended by {by} ({reason})"),
            Persist(self.session_id, "ended", ended_at=now, end_reason=reason),
        ]
        for conn, sender in ((self.customer, "customer"), (self.console, "expert")):
            if conn is None:
                continue
            if by != sender:
                actions.append(Send(conn, notice))
            actions.append(Close(conn, 1000, reason))
        return actions

    def _enter(self, state: SessionState) -> list[Action]:
        self.state = state
        return [Persist(self.session_id, state), *self._to_console(self._session_info())]

    def _to_console(self, *messages: Message) -> list[Action]:
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

    def _refuse(self, conn: ConnId, code: ErrorCode, detail: str) -> list[Action]:
        return refuse(conn, code, detail, where=f"session {self.session_id}")


_LIVE: Final[tuple[SessionState, ...]] = ("waiting", "joined", "active")

_CUSTOMER_TABLE: Final[dict[tuple[SessionState, type[object]], Handler]] = {
    ("joined", Consent): SessionMachine._consent,
    ("active", Consent): SessionMachine._consent,
    ("active", ScreenInfo): SessionMachine._screen_info,
    ("active", TierRevoke): SessionMachine._revoke,
    ("active", FrameIn): SessionMachine._frame,
    ("joined", End): SessionMachine._customer_end,
    ("active", End): SessionMachine._customer_end,
}
"""What a customer may send in which state; `hello` is the broker's business, before a session is known."""

_EXPERT_TABLE: Final[dict[tuple[SessionState, type[object]], Handler]] = {
    **{(state, End): SessionMachine._expert_end for state in _LIVE},
    **{(state, Refresh): SessionMachine._refresh for state in _LIVE},
    ("joined", FrameAck): SessionMachine._ack,
    ("active", FrameAck): SessionMachine._ack,
    ("active", TierRequest): SessionMachine._tier_request,
}
"""What a console may send in which state; a `frame_ack` may trail a tier-1 revoke, hence `joined`."""
