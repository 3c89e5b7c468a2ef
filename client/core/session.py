"""The customer session: which tier is granted, and what the client may do because of it.

Theory of operation
-------------------
`CustomerSession` is a sans-I/O state machine. The shell (client/app.py) feeds it events
(`client.core.events`) — the customer's clicks, the connection's life, decoded server
messages, clock ticks — and performs the actions (`client.core.actions`) it returns, in order.
It never touches Qt, sockets or the screen.

Two rules for this file:

1. Everything that decides what the customer has consented to lives here and in
   `remote_control.py`, which this machine delegates tier 2 to while sharing. A service that
   shares the screen is started only by `StartScreenShare`, which only the grant path emits,
   and only after the watermark reported itself visible; input reaches the injector only through
   `InjectInput`, which only a granted, unyielded, rate-limited tier 2 emits.
2. The transitions are the tables below. An event of the customer or the shell that the table
   does not list for the current phase is a programming error and raises `IllegalEvent`,
   leaving the state unchanged. A server message the table does not list is refused: it is
   logged and has no other effect, whatever it asks for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from client.core import actions as act
from client.core import events as ev
from client.core import resumption
from client.core.actions import Action, InputMessage, Notice
from client.core.connection_health import ConnectionHealth, Due
from client.core.input_policy import DEFAULT_REST_S
from client.core.phase import Phase
from client.core.remote_control import RemoteControl
from protocol import limits
from protocol.errors import CloseCode, ErrorCode
from protocol.messages import (
    Chat,
    Consent,
    End,
    Error,
    Expert,
    FrameAck,
    Heartbeat,
    Hello,
    Key,
    Message,
    PointerButton,
    PointerMove,
    Refresh,
    SelectMonitor,
    Text,
    Tier,
    TierRelease,
    TierRequest,
    Welcome,
    Wheel,
)
from protocol.version import PROTOCOL_VERSION

DEFAULT_CONSENT_TIMEOUT_S = 120.0


class IllegalEvent(RuntimeError):
    """The shell sent an event the current phase does not accept."""


class CustomerSession:
    """One customer session from number entry to end. Not thread-safe: call from one thread."""

    def __init__(
        self,
        clock: Callable[[], float],
        client_name: str,
        consent_timeout_s: float = DEFAULT_CONSENT_TIMEOUT_S,
        rest_s: float = DEFAULT_REST_S,
    ) -> None:
        self._clock = clock
        self._client_name = client_name
        self._consent_timeout_s = consent_timeout_s
        self.phase = Phase.IDLE
        self.expert: Expert | None = None
        self._viewing = False
        self.remote = RemoteControl(consent_timeout_s, rest_s)
        self._recorded = False
        self._retention_days = 0
        self._number = ""
        self._consent_deadline = 0.0
        self.health = ConnectionHealth()
        self.session_id = ""
        self.resume_token = ""
        """The one-time token for the next `resume` ("" when the server offers none)."""
        self.resume_phase = Phase.SHARING
        """Where a resume continues, while `phase` is RECONNECTING."""
        self.held: list[Action] = []
        """Messages the customer caused while reconnecting, sent once the session resumed."""

    @property
    def granted(self) -> int:
        """The highest tier the customer has granted in this session (0: none)."""
        if self.remote.granted:
            return Tier.CONTROL
        return Tier.VIEW if self._viewing else 0

    @property
    def expert_holds_control(self) -> bool:
        return self.remote.expert_holds

    def handle(self, event: ev.Event) -> list[Action]:
        """Apply `event` and return the actions to perform, in order."""
        if isinstance(event, ev.MessageReceived):
            self.health.heard(self._clock())
            return self._handle_message(event.message)
        handler = _EVENT_TABLE[self.phase].get(type(event))
        if handler is None:
            raise IllegalEvent(f"{type(event).__name__} is not accepted in phase {self.phase.value}")
        return handler(self, event)

    def _handle_message(self, message: Message) -> list[Action]:
        handler = _MESSAGE_TABLE[self.phase].get(type(message))
        if handler is None:
            return [act.LogRefusal(f"refused {message.TYPE!r} in phase {self.phase.value}")]
        return handler(self, message)

    # Customer and shell events

    def _join(self, event: ev.JoinRequested) -> list[Action]:
        self._number = event.number
        self.phase = Phase.CONNECTING
        return [act.ShowConnecting(), act.OpenConnection()]

    def now(self) -> float:
        return self._clock()

    def _connected(self, _: ev.Connected) -> list[Action]:
        self.health.link_up(self._clock())
        self.phase = Phase.AWAITING_WELCOME
        return [act.Send(Hello(protocol=PROTOCOL_VERSION, number=self._number, client=self._client_name))]

    def _connect_failed(self, event: ev.ConnectFailed) -> list[Action]:
        self.phase = Phase.IDLE
        notice = Notice.CERTIFICATE if event.failure is ev.ConnectFailure.CERTIFICATE else Notice.UNREACHABLE
        return [act.ShowNumberEntry(notice)]

    def _lost_before_welcome(self, _: ev.ConnectionLost) -> list[Action]:
        self.phase = Phase.IDLE
        self.health.stop()
        return [act.ShowNumberEntry(Notice.CONNECTION_LOST)]

    def _tick_before_welcome(self, event: ev.Tick) -> list[Action]:
        due = self.health.tick(event.now)
        if due is Due.PEER_SILENT:
            return [act.DropConnection(), *self._lost_before_welcome(ev.ConnectionLost("server silent"))]
        return [act.Send(Heartbeat())] if due is Due.HEARTBEAT else []

    def _consent_answered(self, event: ev.ConsentAnswered) -> list[Action]:
        if event.tier != Tier.VIEW:
            raise IllegalEvent(f"no consent for tier {event.tier} was asked")
        if not event.granted:
            return self._deny_view()
        assert self.expert is not None
        self.phase = Phase.STARTING
        return [act.ShowWatermark(self.expert)]

    def _tick(self, event: ev.Tick) -> list[Action]:
        due = self.health.tick(event.now)
        if due is Due.PEER_SILENT:
            return resumption.interrupt(self, drop=True)
        beat: list[Action] = [act.Send(Heartbeat())] if due is Due.HEARTBEAT else []
        if self.phase is Phase.ASKING_VIEW and event.now >= self._consent_deadline:
            return self._deny_view()
        if self.phase is Phase.SHARING:
            return self.remote.tick(event.now) + beat
        return beat

    def _control_answered(self, event: ev.ConsentAnswered) -> list[Action]:
        if event.tier != Tier.CONTROL or not self.remote.pending:
            raise IllegalEvent(f"no consent for tier {event.tier} is being asked")
        return self.remote.answer(event.granted)

    def _local_input(self, event: ev.LocalInput) -> list[Action]:
        return self.remote.local_input(event.now)

    def _revoke_requested(self, event: ev.RevokeRequested) -> list[Action]:
        if event.tier == Tier.VIEW:
            return self._end_requested(ev.EndRequested())
        if event.tier != Tier.CONTROL:
            raise IllegalEvent(f"tier {event.tier} cannot be revoked")
        return self.remote.revoke()

    def _watermark_shown(self, _: ev.WatermarkShown) -> list[Action]:
        assert self.expert is not None
        self.phase = Phase.SHARING
        self._viewing = True
        return [
            act.Send(Consent(tier=Tier.VIEW, granted=True)),
            act.StartScreenShare(),
            act.ShowControlPanel(self.expert, Tier.VIEW),
        ]

    def _watermark_failed(self, _: ev.WatermarkFailed) -> list[Action]:
        return self.finish(
            Notice.WATERMARK_FAILED,
            [
                act.Send(Consent(tier=Tier.VIEW, granted=False)),
                act.Send(End(reason="watermark_unavailable")),
                act.CloseConnection(CloseCode.NORMAL),
            ],
        )

    def _end_requested(self, _: ev.EndRequested) -> list[Action]:
        if self.phase is Phase.IDLE:
            return self.finish(Notice.ENDED_BY_CUSTOMER, [])
        if self.phase is Phase.CONNECTING:
            return self.finish(Notice.ENDED_BY_CUSTOMER, [act.CloseConnection(CloseCode.NORMAL)])
        return self.finish(
            Notice.ENDED_BY_CUSTOMER,
            [act.Send(End(reason="customer_ended")), act.CloseConnection(CloseCode.NORMAL)],
        )

    def _connection_lost(self, _: ev.ConnectionLost) -> list[Action]:
        return resumption.interrupt(self, drop=False)

    def _share_failed(self, _: ev.ShareFailed) -> list[Action]:
        return self.finish(
            Notice.SHARE_FAILED,
            [act.Send(End(reason="share_failed")), act.CloseConnection(CloseCode.NORMAL)],
        )

    def _violation(self, event: ev.ProtocolViolation) -> list[Action]:
        return self.finish(
            Notice.PROTOCOL_ERROR,
            [
                act.LogRefusal(f"malformed message from the server: {event.detail}"),
                act.Send(Error(code=ErrorCode.BAD_MESSAGE.value, message=event.detail[:500])),
                act.CloseConnection(CloseCode.BAD_MESSAGE),
            ],
        )

    def _violation_before_welcome(self, event: ev.ProtocolViolation) -> list[Action]:
        self.phase = Phase.IDLE
        return [
            act.LogRefusal(f"malformed message from the server: {event.detail}"),
            act.CloseConnection(CloseCode.BAD_MESSAGE),
            act.ShowNumberEntry(Notice.PROTOCOL_ERROR),
        ]

    def _ignore(self, _: object) -> list[Action]:
        return []

    # Server messages

    def _welcome(self, message: Welcome) -> list[Action]:
        if message.protocol != PROTOCOL_VERSION:
            return self.finish(Notice.VERSION, [act.CloseConnection(CloseCode.UNSUPPORTED_VERSION)])
        self.expert = message.expert
        self._recorded = message.recorded
        self._retention_days = message.retention_days
        self.session_id = message.session_id
        self.resume_token = message.resume_token
        return self.ask_view()

    def ask_view(self) -> list[Action]:
        """Open the consent dialog for tier 1 (after `welcome`, and again after a resume)."""
        assert self.expert is not None
        self.phase = Phase.ASKING_VIEW
        self._consent_deadline = self._clock() + self._consent_timeout_s
        return [
            act.AskConsent(
                tier=Tier.VIEW,
                expert=self.expert,
                recorded=self._recorded,
                retention_days=self._retention_days,
                deadline=self._consent_deadline,
            )
        ]

    def _refused_number(self, message: Error) -> list[Action]:
        notices = {
            ErrorCode.INVALID_NUMBER.value: Notice.INVALID_NUMBER,
            ErrorCode.RATE_LIMITED.value: Notice.RATE_LIMITED,
        }
        if message.code in notices:
            self.phase = Phase.IDLE
            return [
                act.CloseConnection(CloseCode.NORMAL),
                act.ShowNumberEntry(notices[message.code], message.retry_after),
            ]
        version_refused = message.code == ErrorCode.UNSUPPORTED_VERSION.value
        notice = Notice.VERSION if version_refused else Notice.PROTOCOL_ERROR
        return self.finish(notice, [act.LogRefusal(f"server error {message.code}: {message.message}")])

    def _server_error(self, message: Error) -> list[Action]:
        refusal = act.LogRefusal(f"server error {message.code}: {message.message}")
        return self.finish(Notice.ENDED_BY_SERVER, [refusal])

    def _server_end(self, message: End) -> list[Action]:
        notice = Notice.ENDED_BY_EXPERT if message.by == "expert" else Notice.ENDED_BY_SERVER
        return self.finish(notice, [act.CloseConnection(CloseCode.NORMAL)])

    def _frame_ack(self, message: FrameAck) -> list[Action]:
        return [act.AcknowledgeFrame(message.seq)]

    def _refresh(self, _: Refresh) -> list[Action]:
        return [act.RequestKeyframe()]

    def _tier_request(self, message: TierRequest) -> list[Action]:
        if message.tier == Tier.CONTROL:
            assert self.expert is not None
            return self.remote.request(self.expert, self._recorded, self._retention_days, self._clock())
        if message.tier <= self.granted:
            return [act.LogRefusal(f"tier {message.tier} requested but already granted")]
        return [
            act.LogRefusal(f"tier {message.tier} is not offered by this client"),
            act.Send(Consent(tier=message.tier, granted=False)),
        ]

    def _tier_release(self, message: TierRelease) -> list[Action]:
        if message.tier != Tier.CONTROL:
            return [act.LogRefusal(f"the expert cannot release tier {message.tier}")]
        return self.remote.revoke()

    def _input(self, message: InputMessage) -> list[Action]:
        return self.remote.input(message, self._clock())

    def _select_monitor(self, message: SelectMonitor) -> list[Action]:
        return [act.SelectMonitor(message.monitor)]

    def _chat_received(self, message: Chat) -> list[Action]:
        return [act.ShowChat(message)]

    def _chat_sent(self, event: ev.ChatSent) -> list[Action]:
        text = event.text.strip()
        if not text or len(text) > limits.MAX_CHAT_CHARS:
            raise IllegalEvent("a chat message must have 1 to 2000 characters")
        return [act.Send(Chat(text=text)), act.ShowChat(Chat(text=text, by="customer"))]

    # Shared endings

    def _deny_view(self) -> list[Action]:
        return self.finish(
            Notice.CONSENT_DENIED,
            [
                act.Send(Consent(tier=Tier.VIEW, granted=False)),
                act.Send(End(reason="consent_denied")),
                act.CloseConnection(CloseCode.NORMAL),
            ],
        )

    def finish(self, notice: Notice, steps: list[Action]) -> list[Action]:
        """End the session: stop sharing before anything else, then clean up and tell the customer."""
        undo: list[Action] = []
        if self.phase is Phase.SHARING:
            undo.extend(self.remote.stop())
            undo.append(act.StopScreenShare())
        if self.phase is Phase.RECONNECTING:
            undo.extend(self.remote.stop())
        away_from_sharing = self.phase is Phase.RECONNECTING and self.resume_phase is Phase.SHARING
        if self.phase in (Phase.STARTING, Phase.SHARING) or away_from_sharing:
            undo.append(act.HideWatermark())
        if self.phase is Phase.ASKING_VIEW:
            undo.append(act.DismissConsent(Tier.VIEW))
        self.phase = Phase.ENDED
        self._viewing = False
        self.health.stop()
        self.held = []
        return [*undo, *steps, act.Finish(notice)]


_Handler = Callable[[CustomerSession, Any], list[Action]]
S = CustomerSession

_ENDINGS: dict[type, _Handler] = {
    ev.EndRequested: S._end_requested,
    ev.ConnectionLost: S._connection_lost,
    ev.ProtocolViolation: S._violation,
    ev.Tick: S._tick,
}

_EVENT_TABLE: dict[Phase, dict[type, _Handler]] = {
    Phase.IDLE: {
        ev.JoinRequested: S._join,
        ev.EndRequested: S._end_requested,
        ev.ConnectionLost: S._ignore,
        ev.Tick: S._ignore,
    },
    Phase.CONNECTING: {
        ev.Connected: S._connected,
        ev.ConnectFailed: S._connect_failed,
        ev.EndRequested: S._end_requested,
        ev.Tick: S._ignore,
    },
    Phase.AWAITING_WELCOME: {
        ev.EndRequested: S._end_requested,
        ev.ConnectionLost: S._lost_before_welcome,
        ev.ProtocolViolation: S._violation_before_welcome,
        ev.Tick: S._tick_before_welcome,
    },
    Phase.ASKING_VIEW: {**_ENDINGS, ev.ConsentAnswered: S._consent_answered},
    Phase.STARTING: {
        **_ENDINGS,
        ev.WatermarkShown: S._watermark_shown,
        ev.WatermarkFailed: S._watermark_failed,
    },
    Phase.SHARING: {
        **_ENDINGS,
        ev.ShareFailed: S._share_failed,
        ev.ConsentAnswered: S._control_answered,
        ev.LocalInput: S._local_input,
        ev.RevokeRequested: S._revoke_requested,
        ev.ChatSent: S._chat_sent,
    },
    Phase.RECONNECTING: resumption.EVENTS,
    Phase.ENDED: {
        ev.EndRequested: S._ignore,
        ev.ConnectionLost: S._ignore,
        ev.ProtocolViolation: S._ignore,
        ev.ShareFailed: S._ignore,
        ev.ConsentAnswered: S._ignore,
        ev.WatermarkShown: S._ignore,
        ev.WatermarkFailed: S._ignore,
        ev.LocalInput: S._ignore,
        ev.RevokeRequested: S._ignore,
        ev.ChatSent: S._ignore,
        ev.Tick: S._ignore,
    },
}

_WHILE_JOINED: dict[type, _Handler] = {
    End: S._server_end,
    Error: S._server_error,
    Chat: S._chat_received,
    Heartbeat: S._ignore,
}

_MESSAGE_TABLE: dict[Phase, dict[type, _Handler]] = {
    Phase.IDLE: {},
    Phase.CONNECTING: {},
    Phase.AWAITING_WELCOME: {
        Welcome: S._welcome,
        Error: S._refused_number,
        End: S._server_end,
        Heartbeat: S._ignore,
    },
    Phase.ASKING_VIEW: dict(_WHILE_JOINED),
    Phase.STARTING: dict(_WHILE_JOINED),
    Phase.SHARING: {
        **_WHILE_JOINED,
        FrameAck: S._frame_ack,
        Refresh: S._refresh,
        TierRequest: S._tier_request,
        TierRelease: S._tier_release,
        SelectMonitor: S._select_monitor,
        PointerMove: S._input,
        PointerButton: S._input,
        Wheel: S._input,
        Key: S._input,
        Text: S._input,
    },
    Phase.RECONNECTING: resumption.MESSAGES,
    Phase.ENDED: {},
}
