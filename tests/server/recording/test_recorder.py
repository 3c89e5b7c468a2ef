"""The recorder's worker thread: entries and screenshots reach the disk in order, a backlog of
frames is bounded, and one broken recording does not stop the others."""

import time

from server.core.journal import ChatEntry, ControlEntry
from server.recording.files import exclusive_lock
from server.recording.recorder import MAX_QUEUED_FRAMES, Recorder
from server.recording.records import Screenshot
from server.recording.vault import Vault

from .pictures import delta, keyframe, patch, png_pixels, solid

T0 = 1_700_000_000.0
GREY = (128, 128, 128)


def joined():
    return [
        ControlEntry(T0, "customer_joined", "customer", detail="test"),
        ControlEntry(T0, "tier_granted", "customer", tier=1),
    ]


def until(condition, timeout=10.0):
    """Wait for a condition the worker thread brings about (it writes and fsyncs as it goes)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_entries_and_screenshots_are_recorded_in_order(tmp_path):
    vault = Vault(tmp_path)
    recorder = Recorder(vault, interval=5.0)
    for entry in joined():
        recorder.record("s1", entry)
    recorder.frame("s1", T0 + 1, keyframe(1, solid(GREY)))
    recorder.record("s1", ChatEntry(T0 + 2, "expert", "Ich sehe Ihren Bildschirm."))
    recorder.frame("s1", T0 + 3, delta(2, 0, 0, patch(40, 100)))
    recorder.tick(T0 + 8)
    recorder.record("s1", ControlEntry(T0 + 9, "session_ended", "customer", detail="customer_ended"))
    recorder.close()
    bodies = list(vault.read("s1"))
    assert [type(b).__name__ for b in bodies] == [
        "ControlEntry",
        "ControlEntry",
        "Screenshot",
        "ChatEntry",
        "Screenshot",
        "ControlEntry",
    ]
    first, second = bodies[2], bodies[4]
    assert isinstance(first, Screenshot) and isinstance(second, Screenshot)
    assert (first.at, first.width, first.height) == (T0 + 1, 100, 80)
    assert (png_pixels(first.png) == solid(GREY)).all()
    expected = solid(GREY)
    expected[:40] = (255, 0, 0)
    assert second.at == T0 + 3 and (png_pixels(second.png) == expected).all()


def test_a_backlog_of_frames_is_bounded_and_the_image_waits_for_a_keyframe(tmp_path):
    vault = Vault(tmp_path)
    recorder = Recorder(vault, interval=0.0)
    vault.keyring.entries()
    with exclusive_lock(vault.directory / "keyring.lock"):
        for entry in joined():
            recorder.record("s1", entry)
        assert recorder.frame("s1", T0 + 1, keyframe(1, solid(GREY)))
        for seq in range(2, MAX_QUEUED_FRAMES):
            assert recorder.frame("s1", T0 + seq, delta(seq, 0, 0, patch(80, 100, GREY)))
        assert recorder.frame("s1", T0 + MAX_QUEUED_FRAMES, delta(MAX_QUEUED_FRAMES, 0, 0, patch(40, 100)))
        for seq in (MAX_QUEUED_FRAMES + 1, MAX_QUEUED_FRAMES + 2):
            # Dropped, and the caller told so (the relay then asks the customer for a keyframe).
            assert not recorder.frame("s1", T0 + seq, delta(seq, 0, 0, patch(80, 100, (0, 0, 255))))
        recorder.record("s1", ChatEntry(T0 + 20, "customer", "barrier"))
    until(lambda: vault.path("s1").exists() and any(isinstance(b, ChatEntry) for b in vault.read("s1")))
    recorder.frame("s1", T0 + 30, delta(30, 0, 0, patch(80, 100, (0, 255, 0))))
    recorder.frame("s1", T0 + 31, keyframe(31, solid((1, 2, 3))))
    recorder.close()
    shots = [b for b in vault.read("s1") if isinstance(b, Screenshot)]
    assert [s.at for s in shots] == [T0 + 1, T0 + MAX_QUEUED_FRAMES, T0 + 31]
    assert not (png_pixels(shots[1].png) == (0, 0, 255)).all(axis=2).any()


def test_a_broken_recording_costs_only_that_session(tmp_path, caplog):
    vault = Vault(tmp_path)
    recorder = Recorder(vault)
    recorder.record("no/such/id", ControlEntry(T0, "customer_joined", "customer"))
    recorder.record("no/such/id", ControlEntry(T0, "session_ended", "server"))
    for entry in joined():
        recorder.record("s2", entry)
    recorder.close()
    assert len(list(vault.read("s2"))) == 2
    assert "no/such/id: recording failed" in caplog.text


def test_a_session_restored_after_a_restart_records_on_into_its_file(tmp_path):
    vault = Vault(tmp_path)
    first = Recorder(vault, interval=5.0)
    for entry in joined():
        first.record("s1", entry)
    first.close()
    second = Recorder(vault, interval=5.0)
    second.continue_session("s1", sharing=True)
    second.frame("s1", T0 + 70, keyframe(1, solid(GREY)))
    ended = ControlEntry(T0 + 80, "session_ended", "server", detail="connection_lost")
    second.record("s1", ended)
    second.close()
    bodies = list(vault.read("s1"))
    assert bodies[:2] == joined() and bodies[-1] == ended
    assert [type(b).__name__ for b in bodies[2:-1]] == ["Screenshot"]
