"""`recording export`: readable files, an audit entry first, and tampering made plain."""

import stat

import pytest

from server.core.journal import ChatEntry, ControlEntry, SessionFacts
from server.recording.audit import read_audit
from server.recording.export import ExportError, export_recording
from server.recording.png import encode_png
from server.recording.records import Screenshot, TamperedRecording
from server.recording.vault import NoRecording, Vault

from .pictures import png_pixels, solid

T0 = 1_700_000_000.0
NOW = T0 + 86400
PICTURE = solid((10, 200, 30), 4, 3)


def recorded(data_dir, session_id="s1", ended=True):
    writer = Vault(data_dir).open(session_id, T0)
    for body in (
        SessionFacts(
            T0, "Beispiel GmbH", "Anna Berger", "anna", verified=True, code="0427", retention_days=90
        ),
        ControlEntry(T0, "customer_joined", "customer", detail="Fernhilfe/0.1"),
        ControlEntry(T0, "tier_requested", "expert", tier=1),
        ControlEntry(T0 + 2, "tier_granted", "customer", tier=1),
        Screenshot(T0 + 3, 0, 4, 3, encode_png(PICTURE)),
        ChatEntry(T0 + 4, "expert", "Bitte öffnen Sie\ndie Einstellungen."),
        ChatEntry(T0 + 5, "customer", "Erledigt \x1b[31m"),
        ControlEntry(T0 + 6, "tier_requested", "expert", tier=2),
        ControlEntry(T0 + 7, "tier_granted", "customer", tier=2),
        ControlEntry(T0 + 7, "holder_changed", "customer", holder="expert"),
        Screenshot(T0 + 8, 1, 4, 3, encode_png(PICTURE[::-1].copy())),
        ControlEntry(T0 + 9, "refused", "expert", detail="input after tier 2 was given back"),
    ):
        writer.append(body)
    if ended:
        writer.append(ControlEntry(T0 + 10, "session_ended", "customer", detail="customer_ended"))
    writer.close()


def test_export_writes_readable_files_after_an_audit_entry(tmp_path):
    data, out = tmp_path / "data", tmp_path / "out"
    recorded(data)
    summary = export_recording(data, "s1", out, "Kundenbeschwerde #4711", NOW)
    assert (summary.screenshots, summary.chat_messages, summary.control_entries) == (2, 2, 8)
    [entry] = read_audit(data)
    assert entry["action"] == "export" and entry["session"] == "s1" and entry["at"] == "2023-11-15T22:13:20Z"
    assert entry["reason"] == "Kundenbeschwerde #4711" and entry["out"] == str(out.resolve())
    assert stat.S_IMODE((data / "audit.log").stat().st_mode) == 0o600
    shots = sorted((out / "screenshots").iterdir())
    assert [p.name for p in shots] == [
        "0001_2023-11-14T22-13-23Z_monitor-0.png",
        "0002_2023-11-14T22-13-28Z_monitor-1.png",
    ]
    assert (png_pixels(shots[0].read_bytes()) == PICTURE).all()
    assert (out / "chat-log.txt").read_text(encoding="utf-8").splitlines()[2:] == [
        "2023-11-14T22:13:24Z  expert: Bitte öffnen Sie",
        "                              die Einstellungen.",
        "2023-11-14T22:13:25Z  customer: Erledigt \\x1b[31m",
    ]
    assert (out / "control-log.txt").read_text(encoding="utf-8").splitlines()[2:] == [
        "2023-11-14T22:13:20Z  session with Beispiel GmbH, expert Anna Berger (staff id anna); identity"
        " signed with the organisation's key, code 0427; recording kept 90 days",
        "2023-11-14T22:13:20Z  customer joined (Fernhilfe/0.1)",
        "2023-11-14T22:13:20Z  expert asked for tier 1 (view the screen)",
        "2023-11-14T22:13:22Z  customer granted tier 1 (view the screen)",
        "2023-11-14T22:13:26Z  expert asked for tier 2 (control mouse and keyboard)",
        "2023-11-14T22:13:27Z  customer granted tier 2 (control mouse and keyboard)",
        "2023-11-14T22:13:27Z  expert now holds mouse and keyboard",
        "2023-11-14T22:13:29Z  server refused a message from the expert (input after tier 2 was given back)",
        "2023-11-14T22:13:30Z  session ended by customer (customer_ended)",
    ]
    readme = (out / "README.txt").read_text(encoding="utf-8")
    assert "Reason: Kundenbeschwerde #4711" in readme and "recording is complete" in readme


def test_a_tampered_record_stops_the_export_and_says_where(tmp_path):
    data, out = tmp_path / "data", tmp_path / "out"
    recorded(data)
    path = Vault(data).path("s1")
    raw = bytearray(path.read_bytes())
    raw[-40] ^= 0xFF
    path.write_bytes(bytes(raw))
    with pytest.raises(TamperedRecording, match="record 12"):
        export_recording(data, "s1", out, "audit", NOW)
    assert "INTEGRITY FAILURE" in (out / "README.txt").read_text(encoding="utf-8")
    assert len(list((out / "screenshots").iterdir())) == 2
    assert len(read_audit(data)) == 1


def test_a_recording_without_an_end_says_so(tmp_path):
    data, out = tmp_path / "data", tmp_path / "out"
    recorded(data, ended=False)
    summary = export_recording(data, "s1", out, "crash", NOW)
    assert not summary.ended
    assert "no end" in (out / "README.txt").read_text(encoding="utf-8")


def test_nothing_is_written_for_a_missing_recording_or_a_used_directory(tmp_path):
    data, out = tmp_path / "data", tmp_path / "out"
    recorded(data)
    with pytest.raises(NoRecording):
        export_recording(data, "s2", out, "why", NOW)
    out.mkdir()
    (out / "old.txt").write_text("x")
    with pytest.raises(ExportError):
        export_recording(data, "s1", out, "why", NOW)
    assert read_audit(data) == []
