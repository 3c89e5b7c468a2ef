"""Retention: expired recordings are destroyed, key first; nothing of them opens afterwards, not
even from a copy of the data directory made before the purge."""

import shutil

import pytest

from server.core.journal import ChatEntry, ControlEntry
from server.recording.audit import read_audit
from server.recording.crypto import Undecryptable
from server.recording.keyring import read_entries, unwrap
from server.recording.purge import DAY_SECONDS, purge
from server.recording.records import RecordReader, Screenshot, TamperedRecording
from server.recording.vault import NoRecording, Vault

from .test_keyring import master_key

START = 1_700_000_000.0


def record(data_dir, session_id, at, *, close=True):
    writer = Vault(data_dir).open(session_id, at)
    writer.append(ControlEntry(at, "customer_joined", "customer", detail="Fernhilfe/0.1"))
    writer.append(ChatEntry(at + 1, "customer", f"Hallo aus {session_id}"))
    writer.append(Screenshot(at + 2, 0, 1, 1, b"png"))
    if close:
        writer.close()
    return writer


def test_recordings_past_retention_are_destroyed_and_newer_ones_kept(tmp_path):
    record(tmp_path, "old", START)
    record(tmp_path, "edge", START + 10 * DAY_SECONDS)
    record(tmp_path, "new", START + 10 * DAY_SECONDS + 1)
    now = START + 100 * DAY_SECONDS
    assert purge(tmp_path, now, 90, "test") == ["edge", "old"]
    vault = Vault(tmp_path)
    assert vault.files() == {"new"}
    assert [e.session_id for e in vault.keyring.entries()] == ["new"]
    for gone in ("old", "edge"):
        with pytest.raises(NoRecording):
            vault.read(gone)
    assert [type(b) for b in vault.read("new")] == [ControlEntry, ChatEntry, Screenshot]
    [entry] = read_audit(tmp_path)
    assert entry["action"] == "purge" and entry["sessions"] == ["edge", "old"]
    assert entry["retention_days"] == 90 and entry["via"] == "test" and entry["at"] == "2024-02-22T22:13:20Z"


def test_nothing_expired_means_no_rotation_and_no_audit_entry(tmp_path):
    record(tmp_path, "s1", START)
    master = master_key(Vault(tmp_path).directory)
    assert purge(tmp_path, START + DAY_SECONDS, 90, "test") == []
    assert master_key(Vault(tmp_path).directory) == master
    assert read_audit(tmp_path) == []


def test_a_recording_still_being_written_is_left_for_the_next_run(tmp_path):
    writer = record(tmp_path, "live", START, close=False)
    later = START + 91 * DAY_SECONDS
    assert purge(tmp_path, later, 90, "test") == []
    writer.append(ChatEntry(START + 5, "expert", "noch da"))
    writer.close()
    assert len(list(Vault(tmp_path).read("live"))) == 4
    assert purge(tmp_path, later, 90, "test") == ["live"]


def test_retention_zero_destroys_every_finished_recording(tmp_path):
    record(tmp_path, "s1", START)
    assert purge(tmp_path, START + 3, 0, "test") == ["s1"]


def test_files_whose_key_is_already_gone_are_removed(tmp_path):
    record(tmp_path, "s1", START)
    Vault(tmp_path).keyring.destroy({"s1"})
    assert Vault(tmp_path).files() == {"s1"}
    assert purge(tmp_path, START, 90, "test") == []
    assert Vault(tmp_path).files() == set()


def test_a_copy_made_before_the_purge_cannot_be_decrypted_with_the_current_keys(tmp_path):
    data, copy = tmp_path / "data", tmp_path / "copy"
    record(data, "old", START)
    record(data, "kept", START + 80 * DAY_SECONDS)
    shutil.copytree(data, copy)
    copied_keys = {e.session_id: e for e in read_entries(copy / "recordings" / "keys-000001.log")}

    assert purge(data, START + 91 * DAY_SECONDS, 90, "test") == ["old"]

    ring = Vault(data).keyring
    master = master_key(ring.directory)
    with pytest.raises(Undecryptable):
        unwrap(master, copied_keys["old"])
    copied_file = copy / "recordings" / "sessions" / "old.rec"
    kept = ring.session_key("kept")
    assert kept is not None
    for key in (master, kept):
        with pytest.raises(TamperedRecording):
            list(RecordReader(copied_file, key, "old"))
    leftovers = b"".join(p.read_bytes() for p in data.rglob("*") if p.is_file())
    assert copied_keys["old"].wrapped not in leftovers
    assert (copy / "recordings" / "master-000001.key").read_bytes() not in leftovers
    assert sorted(p.name for p in (data / "recordings").glob("master-*")) == ["master-000002.key"]
    assert [b.text for b in Vault(data).read("kept") if isinstance(b, ChatEntry)] == ["Hallo aus kept"]
