"""The storage contract: records and the `Store` protocol every backend implements.

Times are Unix seconds (UTC). The store never hashes passwords itself: it keeps the encoded hash
it is given (see `server.store.passwords`), so slow key derivation stays off the event loop and
any backend stores the same strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from protocol.messages import SessionState

TOKEN_TTL_SECONDS = 12 * 3600.0


class DuplicateExpert(ValueError):
    """An expert with this username exists already."""


@dataclass(frozen=True)
class ExpertRecord:
    """Who an expert is, as the customer's consent dialog shows it."""

    username: str
    name: str
    organisation: str


@dataclass(frozen=True)
class IssuedToken:
    """A fresh login token; only its SHA-256 is kept, so this is the one time it is seen."""

    token: str
    expires_at: float


@dataclass(frozen=True)
class SessionRecord:
    """One support session as kept between restarts."""

    id: str
    expert: str
    number: str
    state: SessionState
    created_at: float
    expires_at: float
    ended_at: float | None = None
    end_reason: str | None = None
    outcome: str | None = None
    """How it turned out (`server.core.outcome`); None while it lives and for older sessions."""
    label: str = ""
    """The expert's own note on whom the session is for (a customer or ticket), may be empty."""


class Store(Protocol):
    """Everything the server keeps; each call is one short transaction."""

    def add_expert(self, record: ExpertRecord, password_hash: str) -> None:
        """Add an expert with an encoded password hash; raises `DuplicateExpert`."""
        ...

    def get_expert(self, username: str) -> ExpertRecord | None: ...

    def password_hash(self, username: str) -> str | None:
        """The encoded hash to verify a login against, or None for an unknown username."""
        ...

    def issue_token(self, username: str, now: float) -> IssuedToken:
        """Create a login token valid `TOKEN_TTL_SECONDS` from `now`."""
        ...

    def expert_for_token(self, token: str, now: float) -> ExpertRecord | None:
        """Whose token this is, or None if unknown or expired at `now`."""
        ...

    def revoke_token(self, token: str) -> None: ...

    def create_session(self, record: SessionRecord) -> None: ...

    def update_session(
        self,
        session_id: str,
        state: SessionState,
        ended_at: float | None,
        end_reason: str | None,
        outcome: str | None = None,
    ) -> None: ...

    def get_session(self, session_id: str) -> SessionRecord | None: ...

    def list_sessions(self, expert: str) -> list[SessionRecord]:
        """The expert's sessions, newest first."""
        ...

    def end_unfinished_sessions(self, now: float, reason: str, kept: frozenset[str] = frozenset()) -> int:
        """Mark sessions a previous run left open as ended, except those in `kept` (restored for a
        resume); returns how many."""
        ...

    def close(self) -> None: ...
