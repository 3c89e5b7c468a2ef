"""Administrator rights (tier 3) inside a session in which the customer granted remote control.

Part of the customer session's state machine (client/core/session.py delegates tier 3 to it).
It decides whether a command may run as administrator. A command reaches the elevated helper only
through `RunAdminCommand`, which is emitted only while tier 3 is granted (the customer allowed it
in this session *and* the operating system's prompt succeeded), no other command runs, and the
expert holds mouse and keyboard. It is always preceded by `ShowAdminCommand`, so the customer
sees the command line before it runs.

States, and what moves between them::

    OFF --tier_request--> ASKING --Allow--> ELEVATING --helper ready--> GRANTED
     ^                      |  deny/timeout    | dismissed/failed/timeout  |
     +----------------------+------------------+---------------------------+ revoke/release/drop
"""

from __future__ import annotations

from enum import Enum

from client.core import actions as act
from client.core import events as ev
from client.core.actions import Action
from protocol import limits
from protocol.messages import (
    AdminCommand,
    AdminExit,
    AdminOutput,
    AdminRefused,
    AdminUnavailable,
    Consent,
    Expert,
    OutputStream,
    Tier,
    TierRevoke,
)

HELPER_REPORTS: tuple[type[ev.Event], ...] = (
    ev.AdminHelperReady,
    ev.AdminHelperFailed,
    ev.AdminHelperLost,
    ev.AdminOutputRead,
    ev.AdminCommandExited,
    ev.AdminCommandFailed,
)
"""What the elevated helper's wiring reports; only a sharing session has a helper."""

TRUNCATED_NOTICE = "\n[Fernhilfe: the rest of this output was cut off]\n"


class AdminPhase(Enum):
    OFF = "off"
    ASKING = "asking"
    """The consent dialog for tier 3 is open."""
    ELEVATING = "elevating"
    """The customer allowed it; the operating system's prompt is open or the helper is starting."""
    GRANTED = "granted"


class AdminRights:
    """Request, consent, elevation, commands and end of tier 3. Not thread-safe: the session's thread."""

    def __init__(self, consent_timeout_s: float) -> None:
        self._consent_timeout_s = consent_timeout_s
        self.phase = AdminPhase.OFF
        self._deadline = 0.0
        self._running: int | None = None
        self._sent_chars = 0

    @property
    def granted(self) -> bool:
        return self.phase is AdminPhase.GRANTED

    @property
    def running(self) -> int | None:
        """The id of the command running now, if any."""
        return self._running

    def request(
        self, expert: Expert, recorded: bool, retention_days: int, now: float, control_granted: bool
    ) -> list[Action]:
        """The expert asks for administrator rights: ask the customer, if tier 2 is granted."""
        if not control_granted:
            return [
                act.LogRefusal("administrator rights requested while remote control is not granted"),
                act.Send(Consent(tier=Tier.ADMIN, granted=False)),
            ]
        if self.phase is not AdminPhase.OFF:
            return [act.LogRefusal("administrator rights requested while already granted or pending")]
        self.phase = AdminPhase.ASKING
        self._deadline = now + self._consent_timeout_s
        return [act.AskConsent(Tier.ADMIN, expert, recorded, retention_days, self._deadline)]

    def answer(self, granted: bool, now: float) -> list[Action]:
        """The customer answered the dialog; Allow opens the operating system's prompt next."""
        if not granted:
            self.phase = AdminPhase.OFF
            return [act.Send(Consent(tier=Tier.ADMIN, granted=False))]
        self.phase = AdminPhase.ELEVATING
        self._deadline = now + self._consent_timeout_s
        return [act.StartAdminHelper()]

    def helper_ready(self) -> list[Action]:
        """The elevated helper runs and accepted this client: only now is tier 3 granted."""
        if self.phase is not AdminPhase.ELEVATING:
            return [act.StopAdminHelper()]
        self.phase = AdminPhase.GRANTED
        self._running = None
        return [act.Send(Consent(tier=Tier.ADMIN, granted=True)), act.ShowAdminState(active=True)]

    def helper_failed(self, dismissed: bool) -> list[Action]:
        """The prompt was dismissed or elevation failed (before tier 3 was granted)."""
        if self.phase is not AdminPhase.ELEVATING:
            return []
        self.phase = AdminPhase.OFF
        return [
            act.StopAdminHelper(),
            act.Send(AdminUnavailable(reason="dismissed" if dismissed else "failed")),
            act.Send(Consent(tier=Tier.ADMIN, granted=False)),
            act.ShowAdminUnavailable(dismissed=dismissed),
        ]

    def helper_lost(self) -> list[Action]:
        """The helper went away on its own while tier 3 was granted: tier 3 ends."""
        if self.phase is AdminPhase.ELEVATING:
            return self.helper_failed(dismissed=False)
        if self.phase is not AdminPhase.GRANTED:
            return []
        return [act.LogRefusal("the administrator helper stopped"), *self.revoke()]

    def report(self, event: ev.Event) -> list[Action]:
        """Apply one of the `HELPER_REPORTS`."""
        match event:
            case ev.AdminHelperReady():
                return self.helper_ready()
            case ev.AdminHelperFailed(dismissed=dismissed):
                return self.helper_failed(dismissed)
            case ev.AdminHelperLost():
                return self.helper_lost()
            case ev.AdminOutputRead(command_id=command_id, stream=stream, data=data):
                return self.output(command_id, stream, data)
            case ev.AdminCommandExited(command_id=command_id, status=status):
                return self.exited(command_id, status)
            case ev.AdminCommandFailed(command_id=command_id):
                return self.start_failed(command_id)
        raise ValueError(f"{type(event).__name__} is no report of the helper")

    def tick(self, now: float) -> list[Action]:
        if self.phase is AdminPhase.ASKING and now >= self._deadline:
            return [act.DismissConsent(Tier.ADMIN), *self.answer(False, now)]
        if self.phase is AdminPhase.ELEVATING and now >= self._deadline:
            return self.helper_failed(dismissed=False)
        return []

    def command(self, message: AdminCommand, expert_holds: bool) -> list[Action]:
        """The expert sends a command: show it, then run it, or refuse it."""
        refusal = None
        if self.phase is not AdminPhase.GRANTED:
            refusal = AdminRefused(id=message.id, reason="not_granted")
        elif self._running is not None:
            refusal = AdminRefused(id=message.id, reason="busy")
        elif not expert_holds:
            refusal = AdminRefused(id=message.id, reason="customer_holds_control")
        if refusal is not None:
            detail = f"refused administrator command {message.id} ({refusal.reason}): {message.command!r}"
            return [act.LogRefusal(detail), act.Send(refusal)]
        self._running = message.id
        self._sent_chars = 0
        return [
            act.ShowAdminCommand(message.id, message.command),
            act.RunAdminCommand(message.id, message.command),
        ]

    def output(self, command_id: int, stream: OutputStream, data: str) -> list[Action]:
        """A piece of the running command's output: to the expert and the customer."""
        if not self.granted or command_id != self._running or not data:
            return []
        room = limits.MAX_ADMIN_OUTPUT_PER_COMMAND - self._sent_chars
        if room <= 0:
            return []
        cut = data[:room]
        self._sent_chars += len(data)
        actions: list[Action] = []
        for start in range(0, len(cut), limits.MAX_ADMIN_OUTPUT_CHARS):
            piece = cut[start : start + limits.MAX_ADMIN_OUTPUT_CHARS]
            actions += [act.Send(AdminOutput(id=command_id, stream=stream, data=piece))]
        if len(cut) < len(data):
            actions.append(act.Send(AdminOutput(id=command_id, stream="stderr", data=TRUNCATED_NOTICE)))
        actions.append(act.ShowAdminOutput(command_id, stream, cut))
        return actions

    def exited(self, command_id: int, status: int) -> list[Action]:
        if not self.granted or command_id != self._running:
            return []
        self._running = None
        return [act.Send(AdminExit(id=command_id, status=status)), act.ShowAdminExit(command_id, status)]

    def start_failed(self, command_id: int) -> list[Action]:
        """The helper could not start the command."""
        if not self.granted or command_id != self._running:
            return []
        self._running = None
        return [act.Send(AdminRefused(id=command_id, reason="failed")), act.ShowAdminExit(command_id, None)]

    def revoke(self) -> list[Action]:
        """The customer drops administrator rights (or the expert gave them back): tier 2 stays."""
        match self.phase:
            case AdminPhase.OFF:
                return [act.LogRefusal("administrator rights are not granted; nothing to revoke")]
            case AdminPhase.ASKING:
                self.phase = AdminPhase.OFF
                return [act.DismissConsent(Tier.ADMIN), act.Send(Consent(tier=Tier.ADMIN, granted=False))]
            case AdminPhase.ELEVATING:
                self.phase = AdminPhase.OFF
                return [act.StopAdminHelper(), act.Send(Consent(tier=Tier.ADMIN, granted=False))]
        return [*self.stop(), act.Send(TierRevoke(tier=Tier.ADMIN))]

    def stop(self) -> list[Action]:
        """Tier 3 ends with a lower tier or the session: stop the helper, say nothing to the server.

        The helper is stopped first, so nothing more runs as administrator after this.
        """
        actions: list[Action] = []
        if self.phase is AdminPhase.ASKING:
            actions.append(act.DismissConsent(Tier.ADMIN))
        if self.phase in (AdminPhase.ELEVATING, AdminPhase.GRANTED):
            actions.append(act.StopAdminHelper())
        if self._running is not None:
            actions.append(act.ShowAdminExit(self._running, None))
        if self.phase is AdminPhase.GRANTED:
            actions.append(act.ShowAdminState(active=False))
        self.phase = AdminPhase.OFF
        self._running = None
        return actions
