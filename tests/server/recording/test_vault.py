"""The recordings directory: one recording per session, each with its key, and which are in use."""

import pytest

from server.core.journal import ChatEntry
from server.recording.vault import NoRecording, Vault

T0 = 1_700_000_000.0


def test_a_session_is_recorded_once_and_a_second_start_does_not_spoil_the_first(tmp_path):
    vault = Vault(tmp_path)
    writer = vault.open("s1", T0)
    writer.append(ChatEntry(T0, "customer", "erste Aufnahme"))
    writer.close()
    with pytest.raises(FileExistsError):
        vault.open("s1", T0 + 5)
    assert [b.text for b in vault.read("s1") if isinstance(b, ChatEntry)] == ["erste Aufnahme"]


def test_a_session_without_a_recording(tmp_path):
    vault = Vault(tmp_path)
    with pytest.raises(NoRecording):
        vault.read("s1")
    assert vault.files() == set()


def test_only_recordings_nobody_writes_are_idle(tmp_path):
    vault = Vault(tmp_path)
    vault.open("done", T0).close()
    live = vault.open("live", T0)
    with vault.idle({"done", "live", "never"}) as idle:
        assert idle == {"done", "never"}
    live.close()
    with vault.idle({"live"}) as idle:
        assert idle == {"live"}
