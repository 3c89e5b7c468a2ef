"""The server's side of the session receipt: built from a session's recording, entry by entry
(who it was with, the control log and the chat), so it says what the customer's own receipt says
and lives exactly as long as the recording."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from protocol.receipt import AdminCommandRecord, ChatLine, HolderChange, Receipt, TierChange, TierChangeKind
from server.core.admin import ADMIN_TIER
from server.core.journal import CONTROL_REVOKED, ChatEntry, ControlEntry, ControlEvent, Entry, SessionFacts

CUT_SHORT = "server_shutdown"
"""The end reason of a recording the server stopped writing mid-session (a crash): the store
ends such sessions with this reason at the next start."""

_TIER_CHANGES: dict[ControlEvent, TierChangeKind] = {
    "tier_granted": "granted",
    "tier_denied": "denied",
    "tier_revoked": "revoked",
}


@dataclass
class ReceiptBuilder:
    """Collects one session's recorded entries; `receipt()` is ready once they hold the end."""

    session_id: str
    _facts: SessionFacts | None = None
    _started_at: float | None = None
    _ended: ControlEntry | None = None
    _tiers: list[TierChange] = field(default_factory=list)
    _holders: list[HolderChange] = field(default_factory=list)
    _chat: list[ChatLine] = field(default_factory=list)
    _commands: list[AdminCommandRecord | None] = field(default_factory=list)
    """Run commands in order; None where the customer refused to run one."""
    _running: dict[str, int] = field(default_factory=dict)
    _last_at: float | None = None

    def add(self, entry: Entry) -> None:
        self._last_at = entry.at
        if isinstance(entry, SessionFacts):
            self._facts = entry
        elif isinstance(entry, ChatEntry):
            self._chat.append(ChatLine(entry.at, entry.by, entry.text))
        elif entry.event == "customer_joined":
            self._started_at = entry.at
        elif entry.event in _TIER_CHANGES and entry.tier is not None:
            self._tiers.append(TierChange(entry.at, entry.tier, _TIER_CHANGES[entry.event]))
            if entry.tier == ADMIN_TIER and entry.event == "tier_revoked":
                self._stop_running()
        elif entry.event == "holder_changed" and entry.holder is not None:
            self._holders.append(HolderChange(entry.at, entry.holder, entry.detail == CONTROL_REVOKED))
        elif entry.event == "session_ended":
            self._ended = entry
            self._stop_running()
        elif entry.event in ("admin_command", "admin_exit", "admin_refused"):
            self._admin(entry)

    def _admin(self, entry: ControlEntry) -> None:
        """`admin_command` "#id command", `admin_exit` "#id exit status N", `admin_refused` "#id reason"."""
        number, _, rest = entry.detail.partition(" ")
        if entry.event == "admin_command":
            self._running[number] = len(self._commands)
            self._commands.append(AdminCommandRecord(entry.at, rest, ""))
            return
        index = self._running.pop(number, None)
        if index is None:
            return
        record = self._commands[index]
        if record is None:
            return
        if entry.event == "admin_exit":
            self._commands[index] = AdminCommandRecord(record.at, record.command, rest.rpartition(" ")[2])
        elif rest == "failed":
            self._commands[index] = AdminCommandRecord(record.at, record.command, "failed")
        else:
            self._commands[index] = None

    def _stop_running(self) -> None:
        """Tier 3 ended under a running command: the customer's helper stopped it."""
        for index in self._running.values():
            record = self._commands[index]
            if record is not None:
                self._commands[index] = AdminCommandRecord(record.at, record.command, "stopped")
        self._running.clear()

    def receipt(self, *, cut_short: bool = False) -> Receipt | None:
        """None until the end is in; with `cut_short` (the session is over, but the server died
        before it could record the end), the receipt ends with the last entry, by the server."""
        facts, ended = self._facts, self._ended
        if ended is None and cut_short and self._last_at is not None:
            ended = ControlEntry(self._last_at, "session_ended", "server", detail=CUT_SHORT)
        if ended is None or self._started_at is None or facts is None:
            return None
        return Receipt(
            session_id=self.session_id,
            organisation=facts.organisation,
            expert_name=facts.expert_name,
            staff_id=facts.staff_id,
            verified=facts.verified,
            started_at=self._started_at,
            ended_at=ended.at,
            ended_by=ended.by,
            end_reason=ended.detail,
            recorded=True,
            retention_days=facts.retention_days,
            tiers=tuple(self._tiers),
            holders=tuple(self._holders),
            chat=tuple(self._chat),
            admin_commands=tuple(command for command in self._commands if command is not None),
        )

    def add_all(self, entries: Iterable[Entry]) -> ReceiptBuilder:
        for entry in entries:
            self.add(entry)
        return self
