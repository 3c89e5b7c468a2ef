"""What the watermark says: one frozen value per moment of the session, derived from the grant.

The watermark widgets only draw a `WatermarkState`; a new situation (reconnecting, say) is a new
`WatermarkMode` with its words and icon in `client/ui/watermark_look.py`, not new drawing code.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from protocol.messages import Expert, Tier


class WatermarkMode(Enum):
    VIEWING = "viewing"
    """Tier 1: the expert sees the screen."""
    CONTROLLING = "controlling"
    """Tier 2 and the expert holds mouse and keyboard."""
    CUSTOMER_HAS_CONTROL = "customer_has_control"
    """Tier 2, but the customer took mouse and keyboard back (remote input is paused)."""
    ADMIN = "admin"
    """Tier 3: administrator actions."""
    RECONNECTING = "reconnecting"
    """The connection dropped: nothing is shared or injected until it resumes."""


@dataclass(frozen=True)
class WatermarkState:
    mode: WatermarkMode
    expert_name: str
    organisation: str


def watermark_state(expert: Expert, tier: int, expert_holds: bool) -> WatermarkState:
    """The watermark for `tier` granted to `expert`; who holds control matters from tier 2 up."""
    if tier >= Tier.ADMIN:
        mode = WatermarkMode.ADMIN
    elif tier >= Tier.CONTROL:
        mode = WatermarkMode.CONTROLLING if expert_holds else WatermarkMode.CUSTOMER_HAS_CONTROL
    else:
        mode = WatermarkMode.VIEWING
    return WatermarkState(mode, expert.name, expert.organisation)
