"""The customer's side of the session receipt: noted from what the session core told the shell
to do, so it lists exactly what this client granted, refused, revoked, said and heard.

Pure: the shell passes every action with the wall-clock time it performed it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from client.core import actions as act
from client.core.identity import VerifiedIdentity
from client.core.notice import Notice
from protocol.messages import AdminExit, AdminRefused, Consent, Control, End, Expert, TierRevoke
from protocol.receipt import AdminCommandRecord, ChatLine, HolderChange, Receipt, TierChange

_ENDED_BY_EXPERT = {Notice.ENDED_BY_EXPERT}
_ENDED_BY_SERVER = {
    Notice.ENDED_BY_SERVER,
    Notice.CONNECTION_LOST,
    Notice.PROTOCOL_ERROR,
    Notice.VERSION,
}


@dataclass
class ReceiptLog:
    """What happened in one session, in order. `receipt()` builds the document once it ended."""

    started_at: float | None = None
    ended_at: float | None = None
    end_notice: Notice | None = None
    end_reason: str = ""
    tiers: list[TierChange] = field(default_factory=list)
    holders: list[HolderChange] = field(default_factory=list)
    chat: list[ChatLine] = field(default_factory=list)
    admin_commands: list[AdminCommandRecord] = field(default_factory=list)
    _running: dict[int, int] = field(default_factory=dict)
    """Command id -> index in `admin_commands` of a command whose end is not known yet."""

    def note(self, action: act.Action, at: float) -> None:
        """Record `action`, performed at Unix time `at`, if it belongs on the receipt."""
        match action:
            case act.AskConsent() | act.AskWhoCalled() if self.started_at is None:
                self.started_at = at
            case act.Send(message=Consent(tier=tier, granted=granted)):
                self.tiers.append(TierChange(at, tier, "granted" if granted else "denied"))
            case act.Send(message=TierRevoke(tier=tier)):
                self.tiers.append(TierChange(at, tier, "revoked"))
                if self.holders and self.holders[-1].holder == "expert":
                    self.holders.append(HolderChange(at, "customer", revoked=True))
            case act.Send(message=Control(holder=holder)):
                self.holders.append(HolderChange(at, holder))
            case act.Send(message=End(reason=reason)):
                self.end_reason = reason
            case act.ShowChat(message=message):
                self.chat.append(ChatLine(_chat_time(message.at, at), message.by, message.text))
            case act.RunAdminCommand(command_id=command_id, command=command):
                self._running[command_id] = len(self.admin_commands)
                self.admin_commands.append(AdminCommandRecord(at, command, ""))
            case act.Send(message=AdminExit(id=command_id, status=status)):
                self._admin_outcome(command_id, str(status))
            case act.Send(message=AdminRefused(id=command_id, reason="failed")):
                self._admin_outcome(command_id, "failed")
            case act.ShowAdminExit(command_id=command_id, status=None):
                self._admin_outcome(command_id, "stopped")
            case act.Finish(notice=notice):
                self.ended_at, self.end_notice = at, notice
            case _:
                pass

    def _admin_outcome(self, command_id: int, outcome: str) -> None:
        index = self._running.pop(command_id, None)
        if index is not None:
            record = self.admin_commands[index]
            self.admin_commands[index] = AdminCommandRecord(record.at, record.command, outcome)

    def receipt(
        self,
        session_id: str,
        expert: Expert,
        identity: VerifiedIdentity | None,
        recorded: bool,
        retention_days: int,
    ) -> Receipt | None:
        """The receipt, or None if no one was ever asked for anything (the session never began)."""
        if self.started_at is None or self.ended_at is None or self.end_notice is None:
            return None
        if self.end_notice in _ENDED_BY_EXPERT:
            ended_by = "expert"
        elif self.end_notice in _ENDED_BY_SERVER:
            ended_by = "server"
        else:
            ended_by = "customer"
        return Receipt(
            session_id=session_id,
            organisation=expert.organisation,
            expert_name=expert.name,
            staff_id=identity.descriptor.staff_id if identity is not None else "",
            verified=identity is not None,
            started_at=self.started_at,
            ended_at=self.ended_at,
            ended_by=ended_by,
            end_reason=self.end_reason or self.end_notice.value,
            recorded=recorded,
            retention_days=retention_days,
            tiers=tuple(self.tiers),
            holders=tuple(self.holders),
            chat=tuple(self.chat),
            admin_commands=tuple(self.admin_commands),
        )


def _chat_time(stamp: str, fallback: float) -> float:
    """The server's relay time of a chat message, or when this client showed it."""
    try:
        return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return fallback
