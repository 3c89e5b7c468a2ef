"""SQLite implementation of `Store`: one file in the data directory, WAL mode, one connection per process.

The connection is used only from the thread that opened it (the event loop's, or the CLI's), so no
locking is needed; WAL lets the CLI add an expert while the server runs. The schema version lives
in `PRAGMA user_version`, so later changes add tables with a migration step instead of a rebuild.
Recordings are not kept here but encrypted in their own files (`server.recording`, ADR 0003).
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
from pathlib import Path

from protocol.messages import SessionState
from server.store.base import (
    TOKEN_TTL_SECONDS,
    DuplicateExpert,
    ExpertRecord,
    IssuedToken,
    SessionRecord,
)

DB_NAME = "fernhilfe.sqlite3"

_SCHEMA_V1 = (
    """CREATE TABLE experts (
        username      TEXT PRIMARY KEY,
        name          TEXT NOT NULL,
        organisation  TEXT NOT NULL,
        password_hash TEXT NOT NULL
    )""",
    """CREATE TABLE tokens (
        token_sha256  TEXT PRIMARY KEY,
        username      TEXT NOT NULL REFERENCES experts(username) ON DELETE CASCADE,
        expires_at    REAL NOT NULL
    )""",
    """CREATE TABLE sessions (
        id            TEXT PRIMARY KEY,
        expert        TEXT NOT NULL REFERENCES experts(username),
        number        TEXT NOT NULL,
        state         TEXT NOT NULL CHECK (state IN ('waiting', 'joined', 'active', 'ended')),
        created_at    REAL NOT NULL,
        expires_at    REAL NOT NULL,
        ended_at      REAL,
        end_reason    TEXT
    )""",
    "CREATE INDEX sessions_by_expert ON sessions (expert, created_at DESC)",
)

_SESSION_OUTCOME_AND_LABEL = (
    "ALTER TABLE sessions ADD COLUMN outcome TEXT",
    "ALTER TABLE sessions ADD COLUMN label TEXT NOT NULL DEFAULT ''",
)

_MIGRATIONS: tuple[tuple[str, ...], ...] = (_SCHEMA_V1, _SESSION_OUTCOME_AND_LABEL)
"""Entry i brings the schema from version i to i + 1."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class SqliteStore:
    """`Store` on a SQLite file; create with `SqliteStore.open(data_dir)`."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection

    @classmethod
    def open(cls, data_dir: Path) -> SqliteStore:
        """Open (creating and migrating as needed) the database in `data_dir`."""
        db = sqlite3.connect(data_dir / DB_NAME, isolation_level=None, timeout=10.0)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA foreign_keys = ON")
        store = cls(db)
        store._migrate()
        return store

    def _migrate(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            (version,) = self._db.execute("PRAGMA user_version").fetchone()
            for step in _MIGRATIONS[version:]:
                for statement in step:
                    self._db.execute(statement)
            self._db.execute(f"PRAGMA user_version = {len(_MIGRATIONS)}")
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self._db.close()

    def add_expert(self, record: ExpertRecord, password_hash: str) -> None:
        try:
            self._db.execute(
                "INSERT INTO experts (username, name, organisation, password_hash) VALUES (?, ?, ?, ?)",
                (record.username, record.name, record.organisation, password_hash),
            )
        except sqlite3.IntegrityError:
            raise DuplicateExpert(record.username) from None

    def get_expert(self, username: str) -> ExpertRecord | None:
        row = self._db.execute(
            "SELECT username, name, organisation FROM experts WHERE username = ?", (username,)
        ).fetchone()
        return ExpertRecord(*row) if row else None

    def password_hash(self, username: str) -> str | None:
        row = self._db.execute("SELECT password_hash FROM experts WHERE username = ?", (username,)).fetchone()
        return str(row[0]) if row else None

    def issue_token(self, username: str, now: float) -> IssuedToken:
        token = secrets.token_urlsafe(32)
        expires_at = now + TOKEN_TTL_SECONDS
        self._db.execute("DELETE FROM tokens WHERE expires_at <= ?", (now,))
        self._db.execute(
            "INSERT INTO tokens (token_sha256, username, expires_at) VALUES (?, ?, ?)",
            (_digest(token), username, expires_at),
        )
        return IssuedToken(token, expires_at)

    def expert_for_token(self, token: str, now: float) -> ExpertRecord | None:
        row = self._db.execute(
            "SELECT e.username, e.name, e.organisation FROM tokens t JOIN experts e USING (username)"
            " WHERE t.token_sha256 = ? AND t.expires_at > ?",
            (_digest(token), now),
        ).fetchone()
        return ExpertRecord(*row) if row else None

    def revoke_token(self, token: str) -> None:
        self._db.execute("DELETE FROM tokens WHERE token_sha256 = ?", (_digest(token),))

    def create_session(self, record: SessionRecord) -> None:
        self._db.execute(
            f"INSERT INTO sessions ({_SESSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record.id,
                record.expert,
                record.number,
                record.state,
                record.created_at,
                record.expires_at,
                record.ended_at,
                record.end_reason,
                record.outcome,
                record.label,
            ),
        )

    def update_session(
        self,
        session_id: str,
        state: SessionState,
        ended_at: float | None,
        end_reason: str | None,
        outcome: str | None = None,
    ) -> None:
        self._db.execute(
            "UPDATE sessions SET state = ?, ended_at = ?, end_reason = ?, outcome = ? WHERE id = ?",
            (state, ended_at, end_reason, outcome, session_id),
        )

    def get_session(self, session_id: str) -> SessionRecord | None:
        query = f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE id = ?"
        row = self._db.execute(query, (session_id,)).fetchone()
        return SessionRecord(*row) if row else None

    def list_sessions(self, expert: str) -> list[SessionRecord]:
        rows = self._db.execute(
            f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE expert = ? ORDER BY created_at DESC, rowid DESC",
            (expert,),
        ).fetchall()
        return [SessionRecord(*row) for row in rows]

    def end_unfinished_sessions(self, now: float, reason: str, kept: frozenset[str] = frozenset()) -> int:
        marks = ", ".join("?" for _ in kept)
        cursor = self._db.execute(
            "UPDATE sessions SET state = 'ended', ended_at = ?, end_reason = ?, outcome = 'interrupted'"
            f" WHERE state != 'ended' AND id NOT IN ({marks})",
            (now, reason, *sorted(kept)),
        )
        return cursor.rowcount


_SESSION_COLUMNS = "id, expert, number, state, created_at, expires_at, ended_at, end_reason, outcome, label"
