"""Argon2id password hashes: verification, per-user salt, parameters carried in the hash."""

from server.store.passwords import hash_password, verify_password


def test_hash_verifies_only_the_right_password():
    encoded = hash_password("correct horse battery")
    assert verify_password("correct horse battery", encoded)
    assert not verify_password("correct horse batterY", encoded)
    assert not verify_password("", encoded)


def test_hash_is_phc_argon2id_with_its_parameters_and_a_fresh_salt():
    first = hash_password("same password")
    second = hash_password("same password")
    assert first.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert first != second
    assert first.split("$")[4] != second.split("$")[4]


def test_unknown_user_and_garbage_hash_never_verify():
    assert not verify_password("anything", None)
    assert not verify_password("anything", "not a phc string")


def test_non_ascii_passwords():
    encoded = hash_password("Grüße, Jürgen! ✓")
    assert verify_password("Grüße, Jürgen! ✓", encoded)
    assert not verify_password("Grusse, Jurgen!", encoded)
