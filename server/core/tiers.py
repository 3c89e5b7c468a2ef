"""The consent ledger of one session: each tier's state, the one pending request, who holds control.

Pure bookkeeping for `SessionMachine`. Every change comes in two steps: a `*_refusal` method says
what is wrong with the request (or None), and only then the change is applied, so a refusal never
leaves a half-applied transition behind.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from protocol.messages import Consent, Holder, TierState

TIERS: Final = (1, 2, 3)
CONTROL_TIER: Final = 2


@dataclass(frozen=True)
class TierChange:
    """A tier entered `state`."""

    tier: int
    state: TierState


class TierLedger:
    """What the customer granted; the server enforces it again, whatever the client does."""

    def __init__(self) -> None:
        self.states: dict[int, TierState] = {}
        self.pending: int | None = None
        self.released: set[int] = set()
        """Tiers the expert gave back; they stay granted until the customer's `tier_revoke` arrives."""
        self.holder: Holder | None = None
        """Who holds mouse and keyboard, as the customer last said, while tier 2 is granted."""

    def usable(self, tier: int) -> bool:
        """Granted and not given back by the expert."""
        return self.states.get(tier) == "granted" and tier not in self.released

    def ask_view(self) -> TierChange:
        """`welcome` asks for tier 1."""
        self.states[1] = "requested"
        self.pending = 1
        return TierChange(1, "requested")

    def request_refusal(self, tier: int) -> str | None:
        if tier == 1:
            return "tier 1 is asked for by welcome"
        if self.pending is not None:
            return f"tier {self.pending} is still awaiting consent"
        if tier in self.released:
            return f"tier {tier} is being given back"
        if not self.usable(tier - 1):
            return f"tier {tier} needs tier {tier - 1} granted first"
        if self.states.get(tier) == "granted":
            return f"tier {tier} is already granted"
        return None

    def request(self, tier: int) -> TierChange:
        self.pending = tier
        self.states[tier] = "requested"
        return TierChange(tier, "requested")

    def consent_refusal(self, consent: Consent) -> str | None:
        if consent.tier == self.pending:
            return None
        asked = "nothing" if self.pending is None else f"tier {self.pending}"
        return f"consent for tier {consent.tier}, {asked} asked"

    def answer(self, consent: Consent) -> TierChange:
        self.pending = None
        outcome: TierState = "granted" if consent.granted else "denied"
        self.states[consent.tier] = outcome
        return TierChange(consent.tier, outcome)

    def revoke_refusal(self, tier: int) -> str | None:
        return None if self.states.get(tier) == "granted" else f"tier {tier} is not granted"

    def revoke(self, tier: int) -> list[TierChange]:
        """Revoke `tier` and every granted tier above it; a pending request above it is denied."""
        changes: list[TierChange] = []
        for above in TIERS[tier - 1 :]:
            if self.states.get(above) == "granted":
                self.states[above] = "revoked"
                self.released.discard(above)
                changes.append(TierChange(above, "revoked"))
        if self.pending is not None and self.pending > tier:
            self.states[self.pending] = "denied"
            changes.append(TierChange(self.pending, "denied"))
            self.pending = None
        if tier <= CONTROL_TIER:
            self.holder = None
        return changes

    def release_refusal(self, tier: int) -> str | None:
        if tier == 1:
            return "tier 1 is given back by ending the session"
        if self.states.get(tier) != "granted":
            return f"tier {tier} is not granted"
        if tier in self.released:
            return f"tier {tier} is already being given back"
        return None

    def release(self, tier: int) -> None:
        """The expert gives `tier` and those above it back; the customer answers with `tier_revoke`."""
        self.released.update(above for above in TIERS[tier - 1 :] if self.states.get(above) == "granted")

    def control_refusal(self) -> str | None:
        granted = self.states.get(CONTROL_TIER) == "granted"
        return None if granted else f"control while tier {CONTROL_TIER} is not granted"

    def input_refusal(self) -> str | None:
        if self.states.get(CONTROL_TIER) != "granted":
            return f"input while tier {CONTROL_TIER} is not granted"
        if CONTROL_TIER in self.released:
            return f"input after tier {CONTROL_TIER} was given back"
        return None
