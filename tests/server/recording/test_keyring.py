"""Session keys wrapped by a master key in the data directory, and the master key's rotation."""

import stat

import pytest

from server.recording.crypto import Undecryptable
from server.recording.keyring import Keyring, KeyringError, read_entries, unwrap


def master_key(directory):
    """The current master key, read from disk as anyone with the data directory could."""
    [path] = directory.glob("master-*.key")
    return path.read_bytes()


def names(directory):
    return sorted(p.name for p in directory.iterdir())


def test_keys_are_wrapped_by_a_private_master_key(tmp_path):
    ring = Keyring(tmp_path / "recordings")
    key = ring.create("s1", 1_700_000_000.0)
    assert ring.session_key("s1") == key and ring.session_key("s2") is None
    assert names(ring.directory) == ["keyring.lock", "keys-000001.log", "master-000001.key"]
    master = ring.directory / "master-000001.key"
    assert stat.S_IMODE(master.stat().st_mode) == 0o600 and len(master.read_bytes()) == 32
    assert stat.S_IMODE(ring.directory.stat().st_mode) == 0o700
    assert key not in (ring.directory / "keys-000001.log").read_bytes()
    assert [e.session_id for e in ring.entries()] == ["s1"] and ring.entries()[0].created == 1_700_000_000.0


def test_destroying_rotates_the_master_key_and_rewraps_the_rest(tmp_path):
    ring = Keyring(tmp_path)
    keys = {sid: ring.create(sid, 1_700_000_000.0 + n) for n, sid in enumerate(["a", "b", "c"])}
    old_master = master_key(ring.directory)
    assert ring.destroy({"b", "unknown"}) == 1
    assert names(tmp_path) == ["keyring.lock", "keys-000002.log", "master-000002.key"]
    assert master_key(ring.directory) != old_master
    assert ring.session_key("b") is None
    assert (ring.session_key("a"), ring.session_key("c")) == (keys["a"], keys["c"])
    assert ring.destroy({"b"}) == 0
    assert names(tmp_path)[1] == "keys-000002.log"


def test_a_changed_creation_time_does_not_unwrap(tmp_path):
    ring = Keyring(tmp_path)
    ring.create("s1", 1_700_000_000.0)
    keys = tmp_path / "keys-000001.log"
    keys.write_bytes(keys.read_bytes().replace(b"1700000000.000", b"1800000000.000"))
    with pytest.raises(Undecryptable):
        ring.session_key("s1")


def test_a_rotation_cut_short_before_its_key_list_is_undone(tmp_path):
    ring = Keyring(tmp_path)
    key = ring.create("s1", 1.0)
    (tmp_path / "master-000002.key").write_bytes(bytes(32))
    assert ring.session_key("s1") == key
    assert names(tmp_path) == ["keyring.lock", "keys-000001.log", "master-000001.key"]


def test_a_rotation_cut_short_after_its_key_list_is_finished(tmp_path):
    ring = Keyring(tmp_path)
    ring.create("s1", 1.0)
    key = ring.create("s2", 2.0)
    old = master_key(ring.directory)
    ring.destroy({"s1"})
    (tmp_path / "master-000001.key").write_bytes(old)
    (tmp_path / "keys-000001.log").write_bytes(b"leftover")
    assert ring.session_key("s2") == key
    assert names(tmp_path) == ["keyring.lock", "keys-000002.log", "master-000002.key"]


def test_a_key_list_without_its_master_key_is_not_papered_over(tmp_path):
    ring = Keyring(tmp_path)
    ring.create("s1", 1.0)
    (tmp_path / "master-000001.key").unlink()
    with pytest.raises(KeyringError):
        ring.create("s2", 2.0)
    assert (tmp_path / "keys-000001.log").exists()


def test_a_line_cut_short_by_a_crash_is_skipped_and_does_not_spoil_the_next(tmp_path):
    ring = Keyring(tmp_path)
    ring.create("s1", 1.0)
    keys = tmp_path / "keys-000001.log"
    keys.write_bytes(keys.read_bytes() + b"s2 2.000 QUJD")
    assert [e.session_id for e in read_entries(keys)] == ["s1"]
    assert unwrap(master_key(ring.directory), read_entries(keys)[0]) == ring.session_key("s1")
    key = ring.create("s3", 3.0)
    assert [e.session_id for e in read_entries(keys)] == ["s1", "s3"]
    assert ring.session_key("s3") == key


def test_session_ids_must_be_safe_file_names(tmp_path):
    with pytest.raises(ValueError, match="session id"):
        Keyring(tmp_path).create("../etc", 1.0)
