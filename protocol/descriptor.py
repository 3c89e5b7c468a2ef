"""The signed session descriptor: who is asking, in a canonical byte form the organisation signs.

The server signs these bytes with the organisation's Ed25519 key and sends them unchanged
(`session_descriptor`), so a verifier checks the signature over exactly the bytes it received and
only then decodes them: no JSON canonicalisation is involved. docs/protocol.md ("Verified
identity") describes the layout for independent clients.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass

from protocol.errors import ProtocolError

MAGIC = b"FHSD"
VERSION = 1
MAX_DESCRIPTOR_BYTES = 2048
SIGNATURE_BYTES = 64
PUBLIC_KEY_BYTES = 32
VALIDITY_SECONDS = 600
"""How long after issue a descriptor is accepted: the number of a session is valid as long."""
CLOCK_SKEW_SECONDS = 300
"""How far the customer's clock may be off the server's before a descriptor is refused."""
_STRING_FIELDS = ("organisation", "expert_name", "staff_id", "session_id", "session_number")
_TAIL = struct.Struct(">QQB")


@dataclass(frozen=True)
class SessionDescriptor:
    """The facts the organisation vouches for at join time."""

    organisation: str
    expert_name: str
    staff_id: str
    """The expert's account name at the organisation."""
    session_id: str
    session_number: str
    """The number the customer typed: ties the descriptor to this join, so another session's
    descriptor cannot be replayed."""
    issued_at: int
    """Unix seconds."""
    expires_at: int
    allowed_tiers: tuple[int, ...]
    """The tiers the organisation lets its experts ask for; always includes 1."""


def encode_descriptor(descriptor: SessionDescriptor) -> bytes:
    """The canonical bytes: magic, version, five length-prefixed UTF-8 strings, two times, a tier mask."""
    parts = [MAGIC, bytes([VERSION])]
    for name in _STRING_FIELDS:
        raw = str(getattr(descriptor, name)).encode("utf-8")
        parts.append(struct.pack(">H", len(raw)) + raw)
    mask = 0
    for tier in descriptor.allowed_tiers:
        if tier not in (1, 2, 3):
            raise ValueError(f"tier {tier} does not exist")
        mask |= 1 << (tier - 1)
    parts.append(_TAIL.pack(descriptor.issued_at, descriptor.expires_at, mask))
    data = b"".join(parts)
    if len(data) > MAX_DESCRIPTOR_BYTES:
        raise ValueError(f"a descriptor is at most {MAX_DESCRIPTOR_BYTES} bytes")
    return data


def decode_descriptor(data: bytes) -> SessionDescriptor:
    """Parse canonical bytes, or raise `ProtocolError`; anything but exactly one encoding is refused."""
    if len(data) > MAX_DESCRIPTOR_BYTES:
        raise ProtocolError("descriptor too long")
    if data[:4] != MAGIC or data[4:5] != bytes([VERSION]):
        raise ProtocolError("not a version 1 session descriptor")
    offset = 5
    strings: list[str] = []
    for name in _STRING_FIELDS:
        if offset + 2 > len(data):
            raise ProtocolError(f"descriptor ends before {name}")
        (length,) = struct.unpack_from(">H", data, offset)
        offset += 2
        if offset + length > len(data):
            raise ProtocolError(f"descriptor ends inside {name}")
        try:
            strings.append(data[offset : offset + length].decode("utf-8"))
        except UnicodeDecodeError:
            raise ProtocolError(f"descriptor {name} is not UTF-8") from None
        offset += length
    if len(data) - offset != _TAIL.size:
        raise ProtocolError("descriptor has the wrong length")
    issued_at, expires_at, mask = _TAIL.unpack_from(data, offset)
    if not mask & 1 or mask > 0b111:
        raise ProtocolError(f"descriptor tier mask {mask:#x} is invalid")
    tiers = tuple(tier for tier in (1, 2, 3) if mask & (1 << (tier - 1)))
    organisation, expert_name, staff_id, session_id, session_number = strings
    return SessionDescriptor(
        organisation, expert_name, staff_id, session_id, session_number, issued_at, expires_at, tiers
    )


def short_code(data: bytes) -> str:
    """Four digits both the customer and the expert see, to read to each other on the phone."""
    (value,) = struct.unpack(">I", hashlib.sha256(data).digest()[:4])
    return f"{value % 10000:04d}"
