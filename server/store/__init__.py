"""Persistence behind a narrow `Store` interface; SQLite today, replaceable (e.g. by PostgreSQL) later."""

from server.store.base import (
    DuplicateExpert,
    ExpertRecord,
    IssuedToken,
    SessionRecord,
    Store,
)
from server.store.sqlite import SqliteStore

__all__ = ["DuplicateExpert", "ExpertRecord", "IssuedToken", "SessionRecord", "SqliteStore", "Store"]
