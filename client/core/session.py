"""The customer session: which tier is granted, and what the client may do because of it.

Theory of operation
-------------------
`CustomerSession` is a sans-I/O state machine. The shell (client/app.py) feeds it events
(`client.core.events`) — the customer's clicks, the connection's life, decoded server
messages, clock ticks — and performs the actions (`client.core.actions`) it returns, in order.
It never touches Qt, sockets or the screen.

Two rules for this file:

1. Everything that decides what the customer has consented to lives here and in
   `remote_control.py` and `admin.py`, which this machine delegates tiers 2 and 3 to. A service that
   shares the screen is started only by `StartScreenShare`, which only the grant path emits,
   and only after the watermark reported itself visible; input reaches the injector only through
   `InjectInput`, which only a granted, unyielded, rate-limited tier 2 emits; a command runs as
   administrator only through `RunAdminCommand`, which only a granted tier 3 emits.
2. The transitions are the tables below. An event of the customer or the shell that the table
   does not list for the current phase is a programming error and raises `IllegalEvent`,
   leaving the state unchanged. A server message the table does not list is refused: it is
   logged and has no other effect, whatever it asks for.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from typing import Any

from client.core import actions as act
from client.core import events as ev
from client.core import resumption
from client.core.actions import IDENTITY_NOTICES, Action, InputMessage
from client.core.admin import HELPER_REPORTS, AdminPhase, AdminRights
from client.core.caller_check import CallerCheck
from client.core.connection_health import ConnectionHealth, Due
from client.core.identity import IdentityProblem, VerifiedIdentity, check_identity
from client.core.input_policy import DEFAULT_REST_S
from client.core.notice import Notice
from client.core.phase import Phase
from client.core.remote_control import RemoteControl
from protocol import limits
from protocol.errors import CloseCode, ErrorCode
from protocol.messages import (
    AdminCommand,
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
    SessionDescriptorMessage,
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
        *,
        identity_key: bytes | None = None,
        caller_check: CallerCheck | None = None,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        """`identity_key` is the organisation's embedded Ed25519 key: with one, a session whose
        descriptor does not verify ends before any consent dialog; without one (a development
        build) every dialog warns that nothing could be verified."""
        self._clock = clock
        self._identity_key = identity_key
        self._caller_check = caller_check
        self._wall_clock = wall_clock
        self._descriptor: SessionDescriptorMessage | None = None
        self.identity: VerifiedIdentity | None = None
        self._client_name = client_name
        self._consent_timeout_s = consent_timeout_s
        self.phase = Phase.IDLE
        self.expert: Expert | None = None
        self.welcome: Welcome | None = None
        """The server's `welcome`, once it came: the session id and recording terms of the receipt."""
        self._viewing = False
        self._remote = RemoteControl(consent_timeout_s, rest_s)
        self._admin = AdminRights(consent_timeout_s)
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
        self.link_trouble = act.LinkTrouble.LOST
        """What the customer was last told while reconnecting."""

    @property
    def granted(self) -> int:
        """The highest tier the customer has granted in this session (0: none)."""
        if self._admin.granted:
            return Tier.ADMIN
        if self._remote.granted:
            return Tier.CONTROL
        return Tier.VIEW if self._viewing else 0

    @property
    def expert_holds_control(self) -> bool:
        return self._remote.expert_holds

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

    @property
    def remote(self) -> RemoteControl:
        return self._remote

    @property
    def admin(self) -> AdminRights:
        return self._admin

    def now(self) -> float:
        return self._clock()

    def finish(self, notice: Notice, steps: list[Action]) -> list[Action]:
        """End the session (`resumption` ends it this way too)."""
        return self._finish(notice, steps)

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
        if self.phase in _BEFORE_VIEW and event.now >= self._consent_deadline:
            return self._deny_view()
        if self.phase is Phase.SHARING:
            return [*self._remote.tick(event.now), *self._admin.tick(event.now), *beat]
        return beat

    def _control_answered(self, event: ev.ConsentAnswered) -> list[Action]:
        if event.tier == Tier.ADMIN and self._admin.phase is AdminPhase.ASKING:
            return self._admin.answer(event.granted, self._clock())
        if event.tier != Tier.CONTROL or not self._remote.pending:
            raise IllegalEvent(f"no consent for tier {event.tier} is being asked")
        return self._remote.answer(event.granted)

    def _local_input(self, event: ev.LocalInput) -> list[Action]:
        return self._remote.local_input(event.now)

    def _revoke_requested(self, event: ev.RevokeRequested) -> list[Action]:
        if event.tier == Tier.VIEW:
            return self._end_requested(ev.EndRequested())
        if event.tier == Tier.ADMIN:
            return self._admin.revoke()
        if event.tier != Tier.CONTROL:
            raise IllegalEvent(f"tier {event.tier} cannot be revoked")
        return self._drop_control()

    def _drop_control(self) -> list[Action]:
        """Tier 2 goes, and tier 3 with it (the helper stops first); the server infers the latter."""
        return [*self._admin.stop(), *self._remote.revoke()]

    def _admin_event(self, event: ev.Event) -> list[Action]:
        return self._admin.report(event)

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
        return self._finish(
            Notice.WATERMARK_FAILED,
            [
                act.Send(Consent(tier=Tier.VIEW, granted=False)),
                act.Send(End(reason="watermark_unavailable")),
                act.CloseConnection(CloseCode.NORMAL),
            ],
        )

    def _end_requested(self, _: ev.EndRequested) -> list[Action]:
        if self.phase is Phase.IDLE:
            return self._finish(Notice.ENDED_BY_CUSTOMER, [])
        if self.phase is Phase.CONNECTING:
            return self._finish(Notice.ENDED_BY_CUSTOMER, [act.CloseConnection(CloseCode.NORMAL)])
        return self._finish(
            Notice.ENDED_BY_CUSTOMER,
            [act.Send(End(reason="customer_ended")), act.CloseConnection(CloseCode.NORMAL)],
        )

    def _connection_lost(self, event: ev.ConnectionLost) -> list[Action]:
        return resumption.interrupt(self, drop=False, restarting=event.server_restarting)

    def _share_failed(self, _: ev.ShareFailed) -> list[Action]:
        return self._finish(
            Notice.SHARE_FAILED,
            [act.Send(End(reason="share_failed")), act.CloseConnection(CloseCode.NORMAL)],
        )

    def _violation(self, event: ev.ProtocolViolation) -> list[Action]:
        return self._finish(
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
            return self._finish(Notice.VERSION, [act.CloseConnection(CloseCode.UNSUPPORTED_VERSION)])
        check = check_identity(
            self._identity_key, self._descriptor, message, self._number, self._wall_clock()
        )
        self.expert = message.expert
        self.welcome = message
        if check.problem is not None and check.problem is not IdentityProblem.NO_KEY:
            return self._finish(
                IDENTITY_NOTICES[check.problem],
                [
                    act.LogRefusal(f"the session descriptor did not verify: {check.problem.value}"),
                    act.Send(End(reason="identity_unverified")),
                    act.CloseConnection(CloseCode.NORMAL),
                ],
            )
        self.identity = check.verified
        self._recorded = message.recorded
        self._retention_days = message.retention_days
        self.session_id = message.session_id
        self.resume_token = message.resume_token
        return self.ask_first_consent()

    def ask_first_consent(self) -> list[Action]:
        """Who called whom (if the organisation asks), then tier 1: after `welcome`, and again after
        a resume that came before viewing was allowed."""
        self._consent_deadline = self._clock() + self._consent_timeout_s
        if self._caller_check is not None:
            self.phase = Phase.ASKING_CALLER
            return [act.AskWhoCalled(self._caller_check.organisation, self._caller_check.phone)]
        return self._ask_view()

    def _ask_view(self) -> list[Action]:
        assert self.expert is not None
        self.phase = Phase.ASKING_VIEW
        return [
            act.AskConsent(
                tier=Tier.VIEW,
                expert=self.expert,
                recorded=self._recorded,
                retention_days=self._retention_days,
                deadline=self._consent_deadline,
                identity=self.identity,
            )
        ]

    def _descriptor_received(self, message: SessionDescriptorMessage) -> list[Action]:
        if self._descriptor is not None:
            return [act.LogRefusal("refused a second session descriptor")]
        self._descriptor = message
        return []

    def _caller_answered(self, event: ev.CallerAnswered) -> list[Action]:
        if event.called_themselves:
            return self._ask_view()
        assert self._caller_check is not None
        self.phase = Phase.WARNING_CALLER
        return [act.WarnCalledByThem(self._caller_check.organisation, self._caller_check.phone)]

    def _caller_warning_answered(self, event: ev.CallerWarningAnswered) -> list[Action]:
        if event.proceed:
            return self._ask_view()
        return self._finish(
            Notice.CALLED_BY_THEM,
            [act.Send(End(reason="customer_ended")), act.CloseConnection(CloseCode.NORMAL)],
        )

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
        return self._finish(notice, [act.LogRefusal(f"server error {message.code}: {message.message}")])

    def _server_error(self, message: Error) -> list[Action]:
        refusal = act.LogRefusal(f"server error {message.code}: {message.message}")
        return self._finish(Notice.ENDED_BY_SERVER, [refusal])

    def _server_end(self, message: End) -> list[Action]:
        notice = Notice.ENDED_BY_EXPERT if message.by == "expert" else Notice.ENDED_BY_SERVER
        return self._finish(notice, [act.CloseConnection(CloseCode.NORMAL)])

    def _frame_ack(self, message: FrameAck) -> list[Action]:
        return [act.AcknowledgeFrame(message.seq)]

    def _refresh(self, _: Refresh) -> list[Action]:
        return [act.RequestKeyframe()]

    def _tier_request(self, message: TierRequest) -> list[Action]:
        if self.identity is not None and message.tier not in self.identity.descriptor.allowed_tiers:
            return [
                act.LogRefusal(f"tier {message.tier} is not allowed by the organisation's descriptor"),
                act.Send(Consent(tier=message.tier, granted=False)),
            ]
        if message.tier == Tier.CONTROL:
            assert self.expert is not None
            return self._remote.request(
                self.expert, self._recorded, self._retention_days, self._clock(), self.identity
            )
        if message.tier == Tier.ADMIN:
            assert self.expert is not None
            asked = self._admin.request(
                self.expert, self._recorded, self._retention_days, self._clock(), self._remote.granted
            )
            return [
                dataclasses.replace(a, identity=self.identity) if isinstance(a, act.AskConsent) else a
                for a in asked
            ]
        if message.tier <= self.granted:
            return [act.LogRefusal(f"tier {message.tier} requested but already granted")]
        return [
            act.LogRefusal(f"tier {message.tier} is not offered by this client"),
            act.Send(Consent(tier=message.tier, granted=False)),
        ]

    def _tier_release(self, message: TierRelease) -> list[Action]:
        if message.tier == Tier.ADMIN:
            return self._admin.revoke()
        if message.tier != Tier.CONTROL:
            return [act.LogRefusal(f"the expert cannot release tier {message.tier}")]
        return self._drop_control()

    def _admin_command(self, message: AdminCommand) -> list[Action]:
        return self._admin.command(message, self._remote.expert_holds)

    def _input(self, message: InputMessage) -> list[Action]:
        return self._remote.input(message, self._clock())

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
        return self._finish(
            Notice.CONSENT_DENIED,
            [
                act.Send(Consent(tier=Tier.VIEW, granted=False)),
                act.Send(End(reason="consent_denied")),
                act.CloseConnection(CloseCode.NORMAL),
            ],
        )

    def _finish(self, notice: Notice, steps: list[Action]) -> list[Action]:
        """End the session: stop sharing before anything else, then clean up and tell the customer."""
        undo: list[Action] = []
        if self.phase is Phase.SHARING:
            undo.extend(self._admin.stop())
            undo.extend(self._remote.stop())
            undo.append(act.StopScreenShare())
        if self.phase is Phase.RECONNECTING:
            undo.extend(self._remote.stop())
        away_from_sharing = self.phase is Phase.RECONNECTING and self.resume_phase is Phase.SHARING
        if self.phase in (Phase.STARTING, Phase.SHARING) or away_from_sharing:
            undo.append(act.HideWatermark())
        if self.phase is Phase.ASKING_VIEW:
            undo.append(act.DismissConsent(Tier.VIEW))
        if self.phase in (Phase.ASKING_CALLER, Phase.WARNING_CALLER):
            undo.append(act.DismissCallerCheck())
        self.phase = Phase.ENDED
        self._viewing = False
        self.health.stop()
        self.held = []
        return [*undo, *steps, act.Finish(notice)]


_Handler = Callable[[CustomerSession, Any], list[Action]]
S = CustomerSession
_BEFORE_VIEW = (Phase.ASKING_CALLER, Phase.WARNING_CALLER, Phase.ASKING_VIEW)

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
    Phase.ASKING_CALLER: {**_ENDINGS, ev.CallerAnswered: S._caller_answered},
    Phase.WARNING_CALLER: {**_ENDINGS, ev.CallerWarningAnswered: S._caller_warning_answered},
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
        **{kind: S._admin_event for kind in HELPER_REPORTS},
    },
    Phase.RECONNECTING: {**resumption.EVENTS, **{kind: S._ignore for kind in HELPER_REPORTS}},
    Phase.ENDED: {
        **{kind: S._ignore for kind in HELPER_REPORTS},
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
        ev.CallerAnswered: S._ignore,
        ev.CallerWarningAnswered: S._ignore,
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
        SessionDescriptorMessage: S._descriptor_received,
        Error: S._refused_number,
        End: S._server_end,
        Heartbeat: S._ignore,
    },
    Phase.ASKING_CALLER: dict(_WHILE_JOINED),
    Phase.WARNING_CALLER: dict(_WHILE_JOINED),
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
        AdminCommand: S._admin_command,
    },
    Phase.RECONNECTING: resumption.MESSAGES,
    Phase.ENDED: {},
}
