"""Remote control (tier 2) inside a session that shares the screen.

Part of the customer session's state machine (client/core/session.py delegates to it while
sharing); it decides whether input may be injected. Input reaches the injector only through
`InjectInput`, which is emitted only while control is granted, the expert holds it, and the
rate limit allows it.
"""

from __future__ import annotations

from client.core import actions as act
from client.core.actions import Action, InputMessage
from client.core.identity import VerifiedIdentity
from client.core.input_policy import DEFAULT_REST_S, ControlHolder, InputRateLimit
from protocol.messages import Consent, Control, Expert, Tier, TierRevoke


class RemoteControl:
    """Requests, grant, yield and resume of tier 2. Not thread-safe: the session's thread only."""

    def __init__(self, consent_timeout_s: float, rest_s: float = DEFAULT_REST_S) -> None:
        self._consent_timeout_s = consent_timeout_s
        self._rest_s = rest_s
        self.granted = False
        self.pending = False
        self._deadline = 0.0
        self._holder = ControlHolder(rest_s)
        self._rate = InputRateLimit()

    @property
    def expert_holds(self) -> bool:
        return self.granted and self._holder.expert_holds

    def request(
        self,
        expert: Expert,
        recorded: bool,
        retention_days: int,
        now: float,
        identity: VerifiedIdentity | None = None,
    ) -> list[Action]:
        """The expert asks for control: ask the customer, unless already granted or asked."""
        if self.granted or self.pending:
            return [act.LogRefusal("control requested while already granted or pending")]
        self.pending = True
        self._deadline = now + self._consent_timeout_s
        return [act.AskConsent(Tier.CONTROL, expert, recorded, retention_days, self._deadline, identity)]

    def answer(self, granted: bool) -> list[Action]:
        self.pending = False
        if not granted:
            return [act.Send(Consent(tier=Tier.CONTROL, granted=False))]
        self.granted = True
        self._holder = ControlHolder(self._rest_s)
        self._rate = InputRateLimit()
        return [
            act.Send(Consent(tier=Tier.CONTROL, granted=True)),
            act.StartRemoteInput(),
            act.Send(Control(holder="expert")),
            act.ShowControlState(Tier.CONTROL, expert_holds=True),
        ]

    def tick(self, now: float) -> list[Action]:
        if self.pending and now >= self._deadline:
            return [act.DismissConsent(Tier.CONTROL), *self.answer(False)]
        if self.granted and self._holder.tick(now):
            return [
                act.ResumeInput(),
                act.Send(Control(holder="expert")),
                act.ShowControlState(Tier.CONTROL, expert_holds=True),
            ]
        return []

    def local_input(self, now: float) -> list[Action]:
        """The customer moved, clicked or typed: the expert yields at once."""
        if self.granted and self._holder.local_input(now):
            return [
                act.YieldInput(),
                act.Send(Control(holder="customer")),
                act.ShowControlState(Tier.CONTROL, expert_holds=False),
            ]
        return []

    def input(self, message: InputMessage, now: float) -> list[Action]:
        if not self.granted:
            return [act.LogRefusal(f"dropped {message.TYPE!r}: remote control is not granted")]
        if not self._holder.expert_holds:
            return [act.LogRefusal(f"dropped {message.TYPE!r}: the customer holds control")]
        if not self._rate.allow(now):
            return [act.LogRefusal(f"dropped {message.TYPE!r}: more than the allowed input rate")]
        return [act.InjectInput(message)]

    def revoke(self) -> list[Action]:
        """Drop control (the customer's "View only", or the expert released it)."""
        if self.pending:
            self.pending = False
            return [act.DismissConsent(Tier.CONTROL), act.Send(Consent(tier=Tier.CONTROL, granted=False))]
        if not self.granted:
            return [act.LogRefusal("control is not granted; nothing to revoke")]
        self.granted = False
        return [
            act.StopRemoteInput(),
            act.Send(TierRevoke(tier=Tier.CONTROL)),
            act.ShowControlState(Tier.VIEW, expert_holds=False),
        ]

    def suspend(self) -> list[Action]:
        """The link dropped: release what the expert holds and inject nothing; a grant is kept for a
        resume, a pending request is withdrawn (the server denies it)."""
        actions: list[Action] = []
        if self.pending:
            self.pending = False
            actions.append(act.DismissConsent(Tier.CONTROL))
        if self.granted:
            actions.append(act.StopRemoteInput())
        return actions

    def resume(self) -> list[Action]:
        """The link is back: a kept grant starts injecting again, with the expert holding control."""
        if not self.granted:
            return []
        self._holder = ControlHolder(self._rest_s)
        self._rate = InputRateLimit()
        return [
            act.StartRemoteInput(),
            act.Send(Control(holder="expert")),
            act.ShowControlState(Tier.CONTROL, expert_holds=True),
        ]

    def stop(self) -> list[Action]:
        """The session ends: nothing more may be injected."""
        actions: list[Action] = []
        if self.pending:
            actions.append(act.DismissConsent(Tier.CONTROL))
        if self.granted:
            actions.append(act.StopRemoteInput())
        self.pending = False
        self.granted = False
        return actions
