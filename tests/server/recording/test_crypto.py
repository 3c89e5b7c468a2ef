"""AES-256-GCM sealing: round trip, and every change to bytes, key or context is detected."""

import pytest

from server.recording.crypto import (
    OVERHEAD,
    Undecryptable,
    key_context,
    new_key,
    record_context,
    seal,
    unseal,
)


def test_round_trip_with_a_fresh_nonce_each_time():
    key = new_key()
    first, second = seal(key, b"evidence", b"ctx"), seal(key, b"evidence", b"ctx")
    assert first != second and len(first) == len(b"evidence") + OVERHEAD
    assert unseal(key, first, b"ctx") == unseal(key, second, b"ctx") == b"evidence"


@pytest.mark.parametrize("position", [0, 11, 12, -1])
def test_a_flipped_bit_anywhere_is_detected(position):
    key = new_key()
    sealed = bytearray(seal(key, b"evidence", b"ctx"))
    sealed[position] ^= 0x01
    with pytest.raises(Undecryptable):
        unseal(key, bytes(sealed), b"ctx")


def test_wrong_key_wrong_context_or_truncation_is_detected():
    key = new_key()
    sealed = seal(key, b"evidence", record_context("s1", 0))
    for wrong_key, context, blob in (
        (new_key(), record_context("s1", 0), sealed),
        (key, record_context("s1", 1), sealed),
        (key, record_context("s2", 0), sealed),
        (key, record_context("s1", 0), sealed[: OVERHEAD - 1]),
    ):
        with pytest.raises(Undecryptable):
            unseal(wrong_key, blob, context)


def test_contexts_name_what_they_belong_to():
    assert key_context("s1", "1.000") != key_context("s1", "2.000") != key_context("s2", "1.000")
    assert record_context("s1", 1) != record_context("s1", 256)
