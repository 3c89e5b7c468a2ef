"""The plain-language notices the customer can be shown, named by the session core.

Its own module so that the number dialog, which can show them, does not load the session's
actions and the protocol's message classes before it is on the screen.
"""

from __future__ import annotations

from enum import Enum


class Notice(Enum):
    """Something the customer must be told, in plain words, in their language."""

    INVALID_NUMBER = "invalid_number"
    RATE_LIMITED = "rate_limited"
    UNREACHABLE = "unreachable"
    CERTIFICATE = "certificate"
    VERSION = "version"
    PROTOCOL_ERROR = "protocol_error"
    CONNECTION_LOST = "connection_lost"
    CONSENT_DENIED = "consent_denied"
    ENDED_BY_CUSTOMER = "ended_by_customer"
    ENDED_BY_EXPERT = "ended_by_expert"
    ENDED_BY_SERVER = "ended_by_server"
    WATERMARK_FAILED = "watermark_failed"
    SHARE_FAILED = "share_failed"
    RESUME_FAILED = "resume_failed"
    IDENTITY_MISSING = "identity_missing"
    IDENTITY_INVALID = "identity_invalid"
    IDENTITY_EXPIRED = "identity_expired"
    IDENTITY_OTHER_SESSION = "identity_other_session"
    CALLED_BY_THEM = "called_by_them"
    """The customer said the organisation called them and did not continue."""
