"""Password hashing with Argon2id (RFC 9106), encoded as a PHC string that carries salt and parameters.

Because the parameters travel with each hash, they can be raised later without invalidating the
hashes already stored.
"""

from __future__ import annotations

import os
from functools import cache

from cryptography.exceptions import InvalidKey
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

MIN_PASSWORD_CHARS = 8
_SALT_BYTES = 16
_KEY_BYTES = 32
_ITERATIONS = 3
_LANES = 4
_MEMORY_KIB = 64 * 1024
"""RFC 9106 section 4, second recommended option: t=3, p=4, m=64 MiB."""


def hash_password(password: str) -> str:
    """Derive a PHC-encoded Argon2id hash of `password` with a fresh random salt."""
    kdf = Argon2id(
        salt=os.urandom(_SALT_BYTES),
        length=_KEY_BYTES,
        iterations=_ITERATIONS,
        lanes=_LANES,
        memory_cost=_MEMORY_KIB,
    )
    return kdf.derive_phc_encoded(password.encode("utf-8"))


def verify_password(password: str, encoded: str | None) -> bool:
    """True if `password` matches `encoded`; None still costs one derivation, so unknown names don't show."""
    target = encoded if encoded is not None else _decoy()
    try:
        Argon2id.verify_phc_encoded(password.encode("utf-8"), target)
    except (InvalidKey, ValueError):
        return False
    return encoded is not None


@cache
def _decoy() -> str:
    return hash_password(os.urandom(16).hex())
