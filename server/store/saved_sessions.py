"""The sessions a restarted server resumes: one snapshot file per joined session, and a stamp of life.

    DATA/resume/ID.json   the snapshot of `server.core.saved`, written atomically and durably
    DATA/resume/alive     touched every tick: its time is when a killed server was last alive

A snapshot holds the SHA-256 of the resume token, never the token, so reading the disk does not
let anyone resume a session. The files are private to the server's user.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from server.core.saved import Snapshot
from server.recording.files import PRIVATE_FILE, fsync_dir, private_dir, write_new
from server.recording.keyring import check_session_id

log = logging.getLogger("fernhilfe.server")

SAVED_DIR = "resume"
_ALIVE = "alive"


class SavedSessions:
    """Snapshots in one data directory; used by one server process at a time."""

    def __init__(self, data_dir: Path) -> None:
        self.directory = data_dir / SAVED_DIR

    def save(self, session_id: str, snapshot: Snapshot) -> None:
        """Replace the session's snapshot; it is on disk when this returns."""
        private_dir(self.directory)
        data = json.dumps(snapshot, sort_keys=True, separators=(",", ":")).encode("utf-8")
        write_new(self._path(session_id), data)

    def forget(self, session_id: str) -> None:
        """The session no longer survives a restart (it ended)."""
        path = self._path(session_id)
        if path.exists():
            path.unlink()
            fsync_dir(self.directory)

    def alive(self) -> None:
        """Note that the server is alive now (cheap: a time stamp, no data, no fsync)."""
        stamp = self.directory / _ALIVE
        try:
            os.utime(stamp)
        except FileNotFoundError:
            private_dir(self.directory)
            os.close(os.open(stamp, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE))

    def load(self) -> tuple[list[Snapshot], float | None]:
        """Every readable snapshot, and when the server that wrote them was last alive (None: no
        stamp). An unreadable file is logged and removed: it can never be resumed."""
        if not self.directory.is_dir():
            return [], None
        snapshots: list[Snapshot] = []
        for path in sorted(self.directory.glob("*.json")):
            try:
                loaded = json.loads(path.read_bytes())
                if not isinstance(loaded, dict) or loaded.get("session_id") != path.stem:
                    raise ValueError("not the snapshot of the session it is named after")
            except ValueError as exc:
                log.warning("dropping unreadable saved session %s: %s", path.name, exc)
                path.unlink()
                continue
            snapshots.append(loaded)
        stamp = self.directory / _ALIVE
        last_alive = stamp.stat().st_mtime if stamp.exists() else None
        return snapshots, last_alive

    def _path(self, session_id: str) -> Path:
        return self.directory / f"{check_session_id(session_id)}.json"
