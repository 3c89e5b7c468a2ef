"""Signed session descriptors for tests: genuine ones, and each way a hostile server might bend one."""

from __future__ import annotations

import base64
import dataclasses

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from protocol.descriptor import SessionDescriptor, encode_descriptor
from protocol.messages import SessionDescriptorMessage

NOW = 1_764_680_400
"""The Unix time the tests' customers live at."""


class Organisation:
    """An organisation's key pair; `public_key` is what its clients embed."""

    def __init__(self) -> None:
        self.key = Ed25519PrivateKey.generate()
        self.public_key = self.key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )

    @property
    def public_key_text(self) -> str:
        return base64.b64encode(self.public_key).decode("ascii")

    def descriptor(
        self,
        session_id: str = "s1",
        number: str = "482190337",
        *,
        issued_at: int = NOW,
        expert: tuple[str, str] = ("Anna Berger", "Beispiel GmbH"),
        tiers: tuple[int, ...] = (1, 2, 3),
    ) -> SessionDescriptor:
        name, organisation = expert
        return SessionDescriptor(
            organisation, name, "anna", session_id, number, issued_at, issued_at + 600, tiers
        )

    def sign(self, descriptor: SessionDescriptor) -> SessionDescriptorMessage:
        data = encode_descriptor(descriptor)
        return SessionDescriptorMessage(
            descriptor=base64.b64encode(data).decode("ascii"),
            signature=base64.b64encode(self.key.sign(data)).decode("ascii"),
        )

    def message(self, **changes: object) -> SessionDescriptorMessage:
        return self.sign(self.descriptor(**changes))  # type: ignore[arg-type]


def tampered(message: SessionDescriptorMessage) -> SessionDescriptorMessage:
    """The same signature over a descriptor whose expert name was changed on the way."""
    data = bytearray(base64.b64decode(message.descriptor))
    at = data.index(b"Anna")
    data[at : at + 4] = b"Eve!"
    return dataclasses.replace(message, descriptor=base64.b64encode(bytes(data)).decode("ascii"))
