"""Who is asking: the client's own check of the organisation's signed session descriptor.

Pure: the embedded public key, the descriptor message, what the customer typed and the wall
clock go in, a verdict comes out. The session core asks it before any consent dialog is shown.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from enum import Enum

from client.core import ed25519
from protocol.descriptor import (
    CLOCK_SKEW_SECONDS,
    SIGNATURE_BYTES,
    SessionDescriptor,
    decode_descriptor,
    short_code,
)
from protocol.errors import ProtocolError
from protocol.messages import SessionDescriptorMessage, Welcome


class IdentityProblem(Enum):
    """Why the identity could not be confirmed; each is explained to the customer in its own words."""

    NO_KEY = "no_key"
    """This client has no organisation key (a development build): nothing can be confirmed."""
    MISSING = "missing"
    INVALID = "invalid"
    """Unreadable, changed on the way, or signed with another key."""
    EXPIRED = "expired"
    OTHER_SESSION = "other_session"
    """Valid, but for another session: replayed."""


@dataclass(frozen=True)
class VerifiedIdentity:
    """A descriptor whose signature checked out against the embedded key, for this session, now."""

    descriptor: SessionDescriptor
    code: str


@dataclass(frozen=True)
class IdentityCheck:
    """Exactly one of `verified` and `problem` is set."""

    verified: VerifiedIdentity | None = None
    problem: IdentityProblem | None = None


def check_identity(
    public_key: bytes | None,
    message: SessionDescriptorMessage | None,
    welcome: Welcome,
    number: str,
    now: float,
) -> IdentityCheck:
    """Verify `message` for the session `welcome` opened with `number`, at Unix time `now`."""
    if public_key is None:
        return IdentityCheck(problem=IdentityProblem.NO_KEY)
    if message is None:
        return IdentityCheck(problem=IdentityProblem.MISSING)
    try:
        data = base64.b64decode(message.descriptor, validate=True)
        signature = base64.b64decode(message.signature, validate=True)
    except (binascii.Error, ValueError):
        return IdentityCheck(problem=IdentityProblem.INVALID)
    if len(signature) != SIGNATURE_BYTES:
        return IdentityCheck(problem=IdentityProblem.INVALID)
    if not ed25519.verify(public_key, signature, data):
        return IdentityCheck(problem=IdentityProblem.INVALID)
    try:
        descriptor = decode_descriptor(data)
    except (ProtocolError, ValueError):
        return IdentityCheck(problem=IdentityProblem.INVALID)
    if descriptor.session_number != number or descriptor.session_id != welcome.session_id:
        return IdentityCheck(problem=IdentityProblem.OTHER_SESSION)
    if (descriptor.expert_name, descriptor.organisation) != (
        welcome.expert.name,
        welcome.expert.organisation,
    ):
        return IdentityCheck(problem=IdentityProblem.INVALID)
    if not descriptor.issued_at - CLOCK_SKEW_SECONDS <= now < descriptor.expires_at + CLOCK_SKEW_SECONDS:
        return IdentityCheck(problem=IdentityProblem.EXPIRED)
    return IdentityCheck(verified=VerifiedIdentity(descriptor, short_code(data)))
