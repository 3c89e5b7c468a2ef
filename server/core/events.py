"""What the I/O layer tells the broker: raw transport happenings, decoded and judged by the core."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from server.core.actions import ConnId

Role = Literal["customer", "expert"]


@dataclass(frozen=True)
class Opened:
    """A WebSocket was accepted on the customer or expert endpoint, from `address`."""

    conn: ConnId
    role: Role
    address: str


@dataclass(frozen=True)
class Received:
    """One whole WebSocket message: `str` for a text frame, `bytes` for a binary frame."""

    conn: ConnId
    data: str | bytes


@dataclass(frozen=True)
class HandshakeTimedOut:
    """No `hello` / `auth` arrived within the handshake time after `Opened`."""

    conn: ConnId


@dataclass(frozen=True)
class Closed:
    """The connection is gone, whoever closed it; no more actions for it are carried out."""

    conn: ConnId
    code: int | None = None
    """The peer's close code; 1000 (a deliberate close) ends a session that could otherwise resume."""


@dataclass(frozen=True)
class ExpertIdentified:
    """The answer to `CheckAuth`: whose token it was and who owns the session (None when unknown)."""

    conn: ConnId
    session_id: str
    username: str | None
    owner: str | None


@dataclass(frozen=True)
class Tick:
    """Time passed: expire numbers nobody joined with."""


@dataclass(frozen=True)
class RecordingLost:
    """The recorder dropped frames of this session (it fell behind): its picture waits for a keyframe."""

    session_id: str


@dataclass(frozen=True)
class Shutdown:
    """The server is stopping: waiting sessions end (`server_shutdown`), joined ones are kept for the
    restart."""


Event = Opened | Received | HandshakeTimedOut | Closed | ExpertIdentified | Tick | RecordingLost | Shutdown
