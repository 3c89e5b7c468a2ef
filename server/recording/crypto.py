"""AES-256-GCM, the one cipher of the recordings: session keys under the master key, records under
their session key. Every sealed blob is `nonce (12 bytes) | ciphertext | tag (16 bytes)`, and its
associated data names what it belongs to, so a blob moved to another place fails to open.
"""

from __future__ import annotations

import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
OVERHEAD = NONCE_BYTES + TAG_BYTES


class Undecryptable(ValueError):
    """A sealed blob did not authenticate: wrong key, or the bytes or their place were changed."""


def new_key() -> bytes:
    """A fresh random 256-bit key."""
    return os.urandom(KEY_BYTES)


def seal(key: bytes, plaintext: bytes, associated: bytes) -> bytes:
    """Encrypt and authenticate `plaintext` under a random nonce (keys never see 2**32 seals)."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, associated)


def unseal(key: bytes, sealed: bytes, associated: bytes) -> bytes:
    """The plaintext of a `seal` result, or `Undecryptable`."""
    if len(sealed) < OVERHEAD:
        raise Undecryptable("sealed blob shorter than nonce and tag")
    try:
        return AESGCM(key).decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], associated)
    except InvalidTag:
        raise Undecryptable("authentication failed") from None


def key_context(session_id: str, created_at: str) -> bytes:
    """Associated data of a wrapped session key: which session, recorded since when."""
    return b"fernhilfe session key v1\0" + session_id.encode("ascii") + b"\0" + created_at.encode("ascii")


def record_context(session_id: str, seq: int) -> bytes:
    """Associated data of one record: its session and its place in the file, so records cannot be
    reordered, dropped from the middle or moved to another session unnoticed."""
    return b"fernhilfe record v1\0" + session_id.encode("ascii") + b"\0" + struct.pack(">Q", seq)
