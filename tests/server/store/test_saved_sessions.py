"""The snapshots a restarted server resumes: private, atomic files without the token, an unreadable
one dropped, and the stamp that says when a killed server was last alive."""

import hashlib
import os
import stat

from server.store.saved_sessions import SavedSessions

TOKEN = "x" * 32


def snapshot(session_id="s1"):
    return {
        "format": 1,
        "session_id": session_id,
        "resume_sha256": hashlib.sha256(TOKEN.encode()).hexdigest(),
    }


def test_saved_snapshots_load_back_and_are_private(tmp_path):
    saved = SavedSessions(tmp_path)
    saved.save("s1", snapshot())
    saved.save("s2", snapshot("s2"))
    saved.forget("s2")
    snapshots, last_alive = SavedSessions(tmp_path).load()
    assert snapshots == [snapshot()] and last_alive is None
    path = tmp_path / "resume" / "s1.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert TOKEN not in path.read_text()
    assert [p.name for p in path.parent.iterdir()] == ["s1.json"], "no partial file is left behind"


def test_an_unreadable_or_misnamed_snapshot_is_dropped(tmp_path):
    saved = SavedSessions(tmp_path)
    saved.save("s1", snapshot())
    (tmp_path / "resume" / "s2.json").write_text('{"session_id": "s1"}')
    (tmp_path / "resume" / "s3.json").write_text('{"session_id": ')
    assert saved.load()[0] == [snapshot()]
    assert sorted(p.name for p in (tmp_path / "resume").iterdir()) == ["s1.json"]


def test_the_alive_stamp_tells_when_the_server_was_last_alive(tmp_path):
    saved = SavedSessions(tmp_path)
    saved.alive()
    stamp = tmp_path / "resume" / "alive"
    os.utime(stamp, (1_700_000_000, 1_700_000_000))
    assert saved.load()[1] == 1_700_000_000
    saved.alive()
    assert (saved.load()[1] or 0) > 1_700_000_000
