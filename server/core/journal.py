"""What a recorded session's logs hold: one entry per thing that happened, with its time.

The core produces these (as `Record` actions) and the recorder stores them encrypted; they are
the customer's evidence of who asked for what, who allowed what and who said what. Input events
(pointer, keys, typed text) are deliberately not among them: they could carry passwords.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from protocol.messages import ChatAuthor, Holder, TierState

Actor = Literal["customer", "expert", "server"]

ControlEvent = Literal[
    "customer_joined",
    "tier_requested",
    "tier_granted",
    "tier_denied",
    "tier_revoked",
    "tier_released",
    "holder_changed",
    "refused",
    "link_lost",
    "link_resumed",
    "session_ended",
    "admin_unavailable",
    "admin_command",
    "admin_output",
    "admin_exit",
    "admin_refused",
]

CONTROL_REVOKED = "control revoked"
"""The detail of the `holder_changed` entry that revoking tier 2 from the expert writes."""

TIER_EVENTS: dict[TierState, ControlEvent] = {
    "requested": "tier_requested",
    "granted": "tier_granted",
    "denied": "tier_denied",
    "revoked": "tier_revoked",
}
"""The control-log event for each state a tier can enter."""


@dataclass(frozen=True)
class ControlEntry:
    """One line of the control log: tiers, holder changes, refusals, the start and the end."""

    at: float
    event: ControlEvent
    by: Actor
    tier: int | None = None
    holder: Holder | None = None
    detail: str = ""


@dataclass(frozen=True)
class ChatEntry:
    """One chat message as relayed (`at` is when the server relayed it)."""

    at: float
    by: ChatAuthor
    text: str


@dataclass(frozen=True)
class SessionFacts:
    """Who the customer dealt with and how long the recording is kept, written first when the customer
    joins: the recording alone then makes the receipt, after a restart too, and the receipt goes
    when the recording is purged."""

    at: float
    organisation: str
    expert_name: str
    staff_id: str
    verified: bool
    """The customer was sent a descriptor signed with the organisation's key (its client checks it)."""
    code: str
    """The short code of that descriptor, which both sides saw; empty when none was sent."""
    retention_days: int


Entry = ControlEntry | ChatEntry | SessionFacts
