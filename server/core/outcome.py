"""How a session turned out, decided by the server from who ended it and why, for the session list.

The reason alone is not enough: a peer chooses its own `end` reason, so a customer could claim
`number_expired`. Only ends the server itself decided count as expired, lost or interrupted.
"""

from __future__ import annotations

from typing import Literal

from protocol.messages import EndedBy

Outcome = Literal[
    "declined", "expired", "lost", "interrupted", "failed", "ended_by_customer", "ended_by_expert"
]
OUTCOMES: tuple[Outcome, ...] = (
    "declined",
    "expired",
    "lost",
    "interrupted",
    "failed",
    "ended_by_customer",
    "ended_by_expert",
)

_BY_SERVER: dict[str, Outcome] = {
    "number_expired": "expired",
    "connection_lost": "lost",
    "server_shutdown": "interrupted",
}
_CUSTOMER_FAILURES = frozenset({"watermark_unavailable", "share_failed", "identity_unverified"})


def outcome_of(reason: str, by: EndedBy) -> Outcome:
    """The outcome of a session that `by` ended with `reason`."""
    if by == "server":
        return _BY_SERVER.get(reason, "interrupted")
    if by == "expert":
        return "ended_by_expert"
    if reason == "consent_denied":
        return "declined"
    if reason in _CUSTOMER_FAILURES:
        return "failed"
    return "ended_by_customer"
