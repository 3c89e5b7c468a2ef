"""What the broker asks the I/O layer to do; the I/O layer performs them in the order given."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from protocol.frames import Frame
from protocol.messages import Message, SessionState
from server.core.journal import Entry
from server.core.outcome import Outcome

ConnId = int
"""The I/O layer's handle for one WebSocket connection."""


@dataclass(frozen=True)
class Send:
    """Send `message` as a text frame on `conn`."""

    conn: ConnId
    message: Message


@dataclass(frozen=True)
class Relay:
    """Send `data` unmodified as a binary frame on `conn`."""

    conn: ConnId
    data: bytes


@dataclass(frozen=True)
class Close:
    """Close `conn` with WebSocket close `code`; nothing is sent on it afterwards."""

    conn: ConnId
    code: int
    reason: str = ""


@dataclass(frozen=True)
class CheckAuth:
    """Resolve `token` and the owner of `session_id`, then answer with an `ExpertIdentified` event."""

    conn: ConnId
    token: str
    session_id: str


@dataclass(frozen=True)
class Persist:
    """Record a session's new state in the store."""

    session_id: str
    state: SessionState
    ended_at: float | None = None
    end_reason: str | None = None
    outcome: Outcome | None = None


@dataclass(frozen=True)
class Log:
    """Write one log line: every refusal and every `error` a peer sends produces one."""

    level: Literal["info", "warning"]
    text: str


@dataclass(frozen=True)
class Record:
    """Append `entry` to the recording of a recorded session (its control or chat log)."""

    session_id: str
    entry: Entry


@dataclass(frozen=True)
class RecordFrame:
    """Hand a frame the session accepted to its screenshot recorder; `at` is when it arrived."""

    session_id: str
    at: float
    frame: Frame


@dataclass(frozen=True)
class Checkpoint:
    """Save what a restarted server needs to resume this session (`server.core.saved`), before
    anything after it is sent; `snapshot` None: the session no longer survives a restart."""

    session_id: str
    snapshot: dict[str, Any] | None


Action = Send | Relay | Close | CheckAuth | Persist | Log | Record | RecordFrame | Checkpoint
