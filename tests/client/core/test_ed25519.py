"""The client's own Ed25519 check accepts exactly what OpenSSL (through cryptography) accepts."""

from __future__ import annotations

import os

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from client.core.ed25519 import verify

ORDER = 2**252 + 27742317777372353535851937790883648493

RFC8032_TEST_2 = (
    "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
    "72",
    "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
    "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
)
"""Public key, message and signature of RFC 8032, section 7.1, TEST 2."""


def raw_public(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def openssl_accepts(public_key: bytes, signature: bytes, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def test_the_rfc_8032_vector_verifies() -> None:
    public_key, message, signature = (bytes.fromhex(part) for part in RFC8032_TEST_2)
    assert verify(public_key, signature, message)
    assert openssl_accepts(public_key, signature, message)


@pytest.mark.parametrize("length", [0, 1, 150, 1000])
def test_signatures_made_by_the_server_library_verify(length: int) -> None:
    key = Ed25519PrivateKey.generate()
    message = os.urandom(length)
    assert verify(raw_public(key), key.sign(message), message)


def test_a_changed_message_signature_or_key_is_refused() -> None:
    key = Ed25519PrivateKey.generate()
    message = b"session 123 456 789 for Anna Schmidt"
    signature = key.sign(message)
    public_key = raw_public(key)
    for position in (0, 31, 32, 63):
        changed = bytearray(signature)
        changed[position] ^= 0x01
        assert not verify(public_key, bytes(changed), message)
    assert not verify(public_key, signature, message + b".")
    assert not verify(raw_public(Ed25519PrivateKey.generate()), signature, message)


def test_a_non_canonical_s_is_refused_as_openssl_refuses_it() -> None:
    key = Ed25519PrivateKey.generate()
    message = b"descriptor"
    signature = key.sign(message)
    s_plus_order = (int.from_bytes(signature[32:], "little") + ORDER).to_bytes(32, "little")
    forged = signature[:32] + s_plus_order
    assert not openssl_accepts(raw_public(key), forged, message)
    assert not verify(raw_public(key), forged, message)


def test_keys_and_signatures_of_the_wrong_length_or_off_the_curve_are_refused() -> None:
    key = Ed25519PrivateKey.generate()
    signature = key.sign(b"m")
    assert not verify(raw_public(key)[:31], signature, b"m")
    assert not verify(raw_public(key), signature[:63], b"m")
    not_a_point = (2).to_bytes(32, "little")  # y = 2 gives no x on the curve
    assert not openssl_accepts(not_a_point, signature, b"m")
    assert not verify(not_a_point, signature, b"m")
