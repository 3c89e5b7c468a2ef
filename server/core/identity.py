"""The organisation vouches for a session: the signed descriptor sent to the customer at join.

No I/O and no key handling: the signing function comes from the I/O layer
(`server.organisation_key`), so this module only decides what is signed.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass

from protocol.descriptor import VALIDITY_SECONDS, SessionDescriptor, encode_descriptor, short_code
from protocol.messages import Expert, SessionDescriptorMessage

Signer = Callable[[bytes], bytes]
"""Returns the organisation's Ed25519 signature over the bytes given."""


@dataclass(frozen=True)
class IdentityPolicy:
    """How this server's organisation introduces its experts."""

    sign: Signer
    allowed_tiers: tuple[int, ...] = (1, 2, 3)


@dataclass(frozen=True)
class Introduction:
    """What the customer gets before `welcome`, and the short code the console shows."""

    message: SessionDescriptorMessage
    code: str


def introduce(
    policy: IdentityPolicy, *, expert: Expert, staff_id: str, session_id: str, number: str, now: float
) -> Introduction:
    """Sign a descriptor for this join, valid from `now` for `VALIDITY_SECONDS`."""
    issued = int(now)
    data = encode_descriptor(
        SessionDescriptor(
            organisation=expert.organisation,
            expert_name=expert.name,
            staff_id=staff_id,
            session_id=session_id,
            session_number=number,
            issued_at=issued,
            expires_at=issued + VALIDITY_SECONDS,
            allowed_tiers=policy.allowed_tiers,
        )
    )
    message = SessionDescriptorMessage(
        descriptor=base64.b64encode(data).decode("ascii"),
        signature=base64.b64encode(policy.sign(data)).decode("ascii"),
    )
    return Introduction(message, short_code(data))
