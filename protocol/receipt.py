"""The session receipt: what happened in a session, as the customer keeps it and the server serves it.

Both sides build the same `Receipt` (the client from what it did, the server from its control log
and chat), so the two can be compared entry by entry. `receipt_to_json` is the shape of
`GET /api/sessions/{id}/receipt` (docs/protocol.md, "Session receipt").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from protocol.messages import ChatAuthor, Holder

TierChangeKind = Literal["granted", "denied", "revoked"]
DAY_SECONDS = 86400


@dataclass(frozen=True)
class TierChange:
    at: float
    tier: int
    change: TierChangeKind


@dataclass(frozen=True)
class HolderChange:
    """Who held mouse and keyboard from `at` on (tier 2)."""

    at: float
    holder: Holder
    revoked: bool = False
    """Control came back because tier 2 was revoked or given back, not because the customer took it."""


@dataclass(frozen=True)
class ChatLine:
    at: float
    by: ChatAuthor
    text: str


@dataclass(frozen=True)
class AdminCommandRecord:
    """One administrator action the expert ran with tier 3, and what came of it."""

    at: float
    command: str
    outcome: str
    """The exit status as decimal digits, `failed` (it could not start), `stopped` (ended with the
    session or tier 3), or empty when the end was not seen."""


@dataclass(frozen=True)
class Receipt:
    session_id: str
    organisation: str
    expert_name: str
    staff_id: str
    """Empty when the identity was not verified (the client) or unknown."""
    verified: bool
    started_at: float
    ended_at: float
    ended_by: str
    end_reason: str
    recorded: bool
    retention_days: int
    tiers: tuple[TierChange, ...] = ()
    holders: tuple[HolderChange, ...] = ()
    chat: tuple[ChatLine, ...] = ()
    admin_commands: tuple[AdminCommandRecord, ...] = ()

    @property
    def control_taken_back(self) -> bool:
        """Whether the customer took mouse and keyboard back at least once."""
        return any(change.holder == "customer" and not change.revoked for change in self.holders)

    @property
    def deletion_at(self) -> float | None:
        """When the recording is destroyed (None: the session was not recorded)."""
        return self.started_at + self.retention_days * DAY_SECONDS if self.recorded else None


def iso_time(at: float) -> str:
    return datetime.fromtimestamp(at, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def receipt_to_json(receipt: Receipt) -> dict[str, Any]:
    """The receipt as JSON: times as ISO-8601 UTC strings, like the rest of the API."""
    deletion = receipt.deletion_at
    return {
        "session_id": receipt.session_id,
        "organisation": receipt.organisation,
        "expert_name": receipt.expert_name,
        "staff_id": receipt.staff_id,
        "verified": receipt.verified,
        "started_at": iso_time(receipt.started_at),
        "ended_at": iso_time(receipt.ended_at),
        "ended_by": receipt.ended_by,
        "end_reason": receipt.end_reason,
        "recorded": receipt.recorded,
        "retention_days": receipt.retention_days,
        "deletion_at": iso_time(deletion) if deletion is not None else None,
        "control_taken_back": receipt.control_taken_back,
        "tiers": [{"at": iso_time(t.at), "tier": t.tier, "change": t.change} for t in receipt.tiers],
        "holders": [
            {"at": iso_time(h.at), "holder": h.holder, "revoked": h.revoked} for h in receipt.holders
        ],
        "chat": [{"at": iso_time(c.at), "by": c.by, "text": c.text} for c in receipt.chat],
        "admin_commands": [
            {"at": iso_time(a.at), "command": a.command, "outcome": a.outcome} for a in receipt.admin_commands
        ],
    }
