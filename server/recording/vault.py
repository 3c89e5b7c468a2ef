"""The recordings directory: the keyring plus one append-only record file per session.

    DATA/recordings/                  the keyring (see `keyring`)
    DATA/recordings/sessions/ID.rec   one recording per session (see `records`)

This is the seam for other storage: records map onto one object each in an object store, the
keyring onto a table whose master key lives in a KMS; nothing above this module sees files.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from server.recording.files import fsync_dir, private_dir, try_exclusive_lock
from server.recording.keyring import Keyring, check_session_id
from server.recording.records import RecordReader, RecordWriter

RECORDINGS_DIR = "recordings"


class NoRecording(LookupError):
    """There is no recording of this session: it was not recorded, or it has been purged."""


class Vault:
    """Recordings of one data directory; several threads and processes may use it at once."""

    def __init__(self, data_dir: Path) -> None:
        self.directory = data_dir / RECORDINGS_DIR
        self.keyring = Keyring(self.directory)
        self._sessions = self.directory / "sessions"

    def open(self, session_id: str, created_at: float) -> RecordWriter:
        """Start a session's recording: its key first, then its file (so a file always has a key)."""
        if self.path(check_session_id(session_id)).exists():
            raise FileExistsError(f"session {session_id} is recorded already")
        key = self.keyring.create(session_id, created_at)
        private_dir(self._sessions)
        return RecordWriter(self.path(session_id), key, session_id)

    def reopen(self, session_id: str) -> RecordWriter:
        """Go on with a recording a previous server run began (the session outlived a restart)."""
        key = self.keyring.session_key(check_session_id(session_id))
        path = self.path(session_id)
        if key is None or not path.exists():
            raise NoRecording(session_id)
        return RecordWriter(path, key, session_id, continuing=True)

    def read(self, session_id: str) -> RecordReader:
        """The records of a session, or `NoRecording`."""
        key = self.keyring.session_key(check_session_id(session_id))
        path = self.path(session_id)
        if key is None or not path.exists():
            raise NoRecording(session_id)
        return RecordReader(path, key, session_id)

    def path(self, session_id: str) -> Path:
        return self._sessions / f"{session_id}.rec"

    def files(self) -> set[str]:
        """Sessions with a record file, whether or not their key still exists."""
        if not self._sessions.is_dir():
            return set()
        return {path.stem for path in self._sessions.glob("*.rec")}

    @contextmanager
    def idle(self, session_ids: set[str]) -> Iterator[set[str]]:
        """Lock the record files of these sessions that nobody is writing; yields the ones locked
        (plus those without a file). A recording being written keeps its shared lock until closed."""
        held: list[int] = []
        idle: set[str] = set()
        try:
            for session_id in session_ids:
                try:
                    fd = os.open(self.path(session_id), os.O_RDONLY)
                except FileNotFoundError:
                    idle.add(session_id)
                    continue
                if try_exclusive_lock(fd):
                    held.append(fd)
                    idle.add(session_id)
                else:
                    os.close(fd)
            yield idle
        finally:
            for fd in held:
                os.close(fd)

    def delete(self, session_ids: set[str]) -> None:
        """Remove record files (their keys must be gone already)."""
        for session_id in session_ids:
            self.path(session_id).unlink(missing_ok=True)
        if session_ids and self._sessions.is_dir():
            fsync_dir(self._sessions)
