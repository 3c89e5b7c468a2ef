"""The phases of a customer session (client/core/session.py has the transitions)."""

from __future__ import annotations

from enum import Enum


class Phase(Enum):
    IDLE = "idle"
    """Waiting for the customer to type a number."""
    CONNECTING = "connecting"
    AWAITING_WELCOME = "awaiting_welcome"
    ASKING_CALLER = "asking_caller"
    """The organisation wants to know whether the customer called it; the question is open."""
    WARNING_CALLER = "warning_caller"
    """The customer said they were called; the warning is open until they end or continue."""
    ASKING_VIEW = "asking_view"
    """The consent dialog for viewing the screen is open."""
    STARTING = "starting"
    """Viewing was allowed; waiting for the watermark to be visible before anything is sent."""
    SHARING = "sharing"
    RECONNECTING = "reconnecting"
    """The link dropped after `welcome`: nothing is captured, sent or injected until it resumes."""
    ENDED = "ended"
