"""The record file: append-only, each record sealed on its own, durable, and tamper-evident."""

import itertools
import stat
import struct

import pytest

from server.core.journal import ChatEntry, ControlEntry, SessionFacts
from server.recording.crypto import new_key
from server.recording.records import MAGIC, RecordReader, RecordWriter, Screenshot, TamperedRecording

BODIES = [
    SessionFacts(1_700_000_000.25, "Beispiel GmbH", "Anna Berger", "anna", True, "0427", 90),
    ControlEntry(1_700_000_000.25, "customer_joined", "customer", detail="Fernhilfe/0.1"),
    ControlEntry(1_700_000_001.0, "holder_changed", "customer", holder="expert"),
    ChatEntry(1_700_000_002.0, "customer", "Grüße aus Köln 👋\nzweite Zeile"),
    Screenshot(1_700_000_003.5, 1, 2, 1, b"\x89PNG not really"),
]


def written(tmp_path, key, session_id="s1", bodies=BODIES):
    path = tmp_path / f"{session_id}.rec"
    writer = RecordWriter(path, key, session_id)
    for body in bodies:
        writer.append(body)
    writer.close()
    return path


def offsets(path):
    """Where each record (its length prefix) starts."""
    data = path.read_bytes()
    found, at = [], len(MAGIC)
    while at < len(data):
        found.append(at)
        at += 4 + struct.unpack_from(">I", data, at)[0]
    return found


def test_round_trip_of_every_kind_of_record(tmp_path):
    key = new_key()
    path = written(tmp_path, key)
    reader = RecordReader(path, key, "s1")
    assert list(reader) == BODIES
    assert reader.torn_tail is False
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "Grüße".encode() not in path.read_bytes() and b"customer" not in path.read_bytes()


def test_a_changed_byte_is_detected_at_its_record(tmp_path):
    key = new_key()
    path = written(tmp_path, key)
    data = bytearray(path.read_bytes())
    data[offsets(path)[2] + 20] ^= 0x40
    path.write_bytes(bytes(data))
    reader = iter(RecordReader(path, key, "s1"))
    assert [next(reader), next(reader)] == BODIES[:2]
    with pytest.raises(TamperedRecording, match="record 2"):
        next(reader)


def test_swapped_or_dropped_records_are_detected(tmp_path):
    key = new_key()
    path = written(tmp_path, key)
    data = path.read_bytes()
    starts = [*offsets(path), len(data)]
    records = [data[a:b] for a, b in itertools.pairwise(starts)]
    for forged in (records[1] + records[0] + records[2], records[0] + records[2]):
        path.write_bytes(MAGIC + forged)
        with pytest.raises(TamperedRecording):
            list(RecordReader(path, key, "s1"))


def test_a_file_moved_to_another_session_does_not_open(tmp_path):
    key = new_key()
    path = written(tmp_path, key, "s1")
    with pytest.raises(TamperedRecording, match="record 0"):
        list(RecordReader(path, key, "s2"))


def test_a_record_cut_off_by_a_crash_is_reported_not_fatal(tmp_path):
    key = new_key()
    path = written(tmp_path, key)
    data = path.read_bytes()
    path.write_bytes(data[: offsets(path)[3] + 30])
    reader = RecordReader(path, key, "s1")
    assert list(reader) == BODIES[:3]
    assert reader.torn_tail is True
    path.write_bytes(data[: offsets(path)[3] + 2])
    reader = RecordReader(path, key, "s1")
    assert list(reader) == BODIES[:3] and reader.torn_tail


def test_a_file_that_is_not_a_recording(tmp_path):
    path = tmp_path / "s1.rec"
    path.write_bytes(b"PNG?")
    with pytest.raises(TamperedRecording, match="not a recording"):
        list(RecordReader(path, new_key(), "s1"))


def test_an_existing_file_is_never_overwritten(tmp_path):
    key = new_key()
    path = written(tmp_path, key)
    with pytest.raises(FileExistsError):
        RecordWriter(path, key, "s1")
    assert list(RecordReader(path, key, "s1")) == BODIES


def test_a_recording_continued_after_a_kill_drops_the_torn_record_and_numbers_on(tmp_path):
    key = new_key()
    path = written(tmp_path, key, bodies=BODIES[:2])
    whole = path.stat().st_size
    with path.open("ab") as handle:
        handle.write(struct.pack(">I", 500) + b"cut off by SIGKILL")
    writer = RecordWriter(path, key, "s1", continuing=True)
    assert path.stat().st_size == whole
    chat = ChatEntry(1_700_000_004.0, "expert", "Nach dem Neustart")
    writer.append(chat)
    writer.close()
    reader = RecordReader(path, key, "s1")
    assert list(reader) == [*BODIES[:2], chat] and not reader.torn_tail
