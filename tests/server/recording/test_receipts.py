"""The server's receipt is read from the recording alone: it is there as long as the recording is,
in any later process, and gone with it after the retention time."""

import pytest

from server.core.journal import ChatEntry, ControlEntry, SessionFacts
from server.recording.purge import DAY_SECONDS, purge
from server.recording.receipts import read_receipt
from server.recording.records import Screenshot, TamperedRecording
from server.recording.vault import NoRecording, Vault

T0 = 1_700_000_000.0
FACTS = SessionFacts(
    T0, "Beispiel GmbH", "Anna Berger", "anna", verified=True, code="0427", retention_days=90
)


def record(data_dir, *, ended=True):
    writer = Vault(data_dir).open("s1", T0)
    for body in (
        FACTS,
        ControlEntry(T0, "customer_joined", "customer", detail="Fernhilfe/0.1"),
        ControlEntry(T0, "tier_requested", "expert", tier=1),
        ControlEntry(T0 + 2, "tier_granted", "customer", tier=1),
        Screenshot(T0 + 3, 0, 1, 1, b"png"),
        ChatEntry(T0 + 4, "expert", "Guten Tag"),
    ):
        writer.append(body)
    if ended:
        writer.append(ControlEntry(T0 + 10, "session_ended", "expert", detail="expert_ended"))
    writer.close()


def test_a_new_vault_on_the_same_directory_reads_the_receipt(tmp_path):
    record(tmp_path)
    receipt = read_receipt(Vault(tmp_path), "s1")
    assert receipt is not None
    assert (receipt.organisation, receipt.expert_name, receipt.staff_id, receipt.verified) == (
        "Beispiel GmbH",
        "Anna Berger",
        "anna",
        True,
    )
    assert (receipt.started_at, receipt.ended_at, receipt.ended_by) == (T0, T0 + 10, "expert")
    assert receipt.deletion_at == T0 + 90 * DAY_SECONDS
    assert [(t.tier, t.change) for t in receipt.tiers] == [(1, "granted")]
    assert [c.text for c in receipt.chat] == ["Guten Tag"]


def test_a_recording_without_its_end_has_no_receipt_yet(tmp_path):
    record(tmp_path, ended=False)
    assert read_receipt(Vault(tmp_path), "s1") is None


def test_a_recording_a_crash_cut_short_ends_with_its_last_record(tmp_path):
    record(tmp_path, ended=False)
    receipt = read_receipt(Vault(tmp_path), "s1", over=True)
    assert receipt is not None
    assert (receipt.ended_at, receipt.ended_by, receipt.end_reason) == (T0 + 4, "server", "server_shutdown")
    assert [c.text for c in receipt.chat] == ["Guten Tag"]


def test_the_receipt_is_destroyed_with_the_recording(tmp_path):
    record(tmp_path)
    assert purge(tmp_path, T0 + 89 * DAY_SECONDS, 90, "test") == []
    assert read_receipt(Vault(tmp_path), "s1") is not None
    assert purge(tmp_path, T0 + 90 * DAY_SECONDS, 90, "test") == ["s1"]
    with pytest.raises(NoRecording):
        read_receipt(Vault(tmp_path), "s1")


def test_a_tampered_recording_gives_no_receipt(tmp_path):
    record(tmp_path)
    path = Vault(tmp_path).path("s1")
    raw = bytearray(path.read_bytes())
    raw[-20] ^= 0x01
    path.write_bytes(bytes(raw))
    with pytest.raises(TamperedRecording):
        read_receipt(Vault(tmp_path), "s1")
