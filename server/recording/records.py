"""One session's recording on disk: an append-only file of records, each sealed on its own.

File layout: the magic `FHR1`, then records, each `length u32 | sealed body`, where the body is
sealed with the session key and the record's number (see `crypto.record_context`). A record goes
out with one write and is fsynced before `append` returns, so a crash loses at most the record
being written; a reader reports such a cut-off tail instead of failing on it.

A body is `header length u32 | header JSON | payload`: the header says what the record is
(`session`, `control`, `chat` or `screenshot`) and carries its fields; a screenshot's payload is a PNG.
"""

from __future__ import annotations

import json
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from server.core.journal import ChatEntry, ControlEntry, SessionFacts
from server.recording.crypto import Undecryptable, record_context, seal, unseal
from server.recording.files import PRIVATE_FILE, fsync_dir, shared_lock, write_all

MAGIC = b"FHR1"
_LENGTH = struct.Struct(">I")


@dataclass(frozen=True)
class Screenshot:
    """The composed image of the shared monitor; `at` is when the newest frame in it arrived."""

    at: float
    monitor: int
    width: int
    height: int
    png: bytes


Body = SessionFacts | ControlEntry | ChatEntry | Screenshot


class TamperedRecording(ValueError):
    """A record did not authenticate under the session key: it was changed, moved or reordered."""


def encode_body(body: Body) -> bytes:
    payload = b""
    header: dict[str, Any]
    match body:
        case SessionFacts():
            header = {"kind": "session", "at": body.at, "organisation": body.organisation}
            header |= {"expert_name": body.expert_name, "staff_id": body.staff_id, "verified": body.verified}
            header |= {"code": body.code, "retention_days": body.retention_days}
        case ControlEntry():
            header = {"kind": "control", "at": body.at, "event": body.event, "by": body.by}
            header |= {"tier": body.tier, "holder": body.holder, "detail": body.detail}
        case ChatEntry():
            header = {"kind": "chat", "at": body.at, "by": body.by, "text": body.text}
        case Screenshot():
            header = {"kind": "screenshot", "at": body.at, "monitor": body.monitor}
            header |= {"width": body.width, "height": body.height}
            payload = body.png
    encoded = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return _LENGTH.pack(len(encoded)) + encoded + payload


def decode_body(data: bytes) -> Body:
    """The body of an authenticated record; anything malformed is a `TamperedRecording` too."""
    try:
        (length,) = _LENGTH.unpack_from(data)
        header = json.loads(data[_LENGTH.size : _LENGTH.size + length])
        payload = data[_LENGTH.size + length :]
        kind = header.pop("kind")
        if kind == "session":
            return SessionFacts(**header)
        if kind == "control":
            return ControlEntry(**header)
        if kind == "chat":
            return ChatEntry(**header)
        if kind == "screenshot":
            return Screenshot(png=payload, **header)
    except (struct.error, ValueError, TypeError, KeyError) as exc:
        raise TamperedRecording(f"malformed record: {exc}") from None
    raise TamperedRecording(f"unknown record kind {kind!r}")


class RecordWriter:
    """Appends to a new recording file; holds a shared lock on it so a purge leaves it alone."""

    def __init__(self, path: Path, key: bytes, session_id: str, *, continuing: bool = False) -> None:
        """A new recording file, or with `continuing` the one a previous server run left (it stopped
        or was killed mid-session): a record cut off by a kill is dropped, and the numbering goes on
        after the last whole one."""
        self._key = key
        self._session_id = session_id
        self._seq = 0
        if continuing:
            reader = RecordReader(path, key, session_id)
            self._seq = sum(1 for _ in reader)
            self._fd = os.open(path, os.O_WRONLY | os.O_APPEND)
            shared_lock(self._fd)
            os.truncate(path, reader.whole_bytes)
            os.fsync(self._fd)
            return
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, PRIVATE_FILE)
        shared_lock(self._fd)
        write_all(self._fd, MAGIC)
        os.fsync(self._fd)
        fsync_dir(path.parent)

    def append(self, body: Body) -> None:
        """Seal and write one record; it is on disk when this returns."""
        sealed = seal(self._key, encode_body(body), record_context(self._session_id, self._seq))
        write_all(self._fd, _LENGTH.pack(len(sealed)) + sealed)
        os.fsync(self._fd)
        self._seq += 1

    def close(self) -> None:
        os.close(self._fd)


class RecordReader:
    """Iterates over a recording's records in order; `torn_tail` tells afterwards whether the file
    ended inside a record (a crash while writing it)."""

    def __init__(self, path: Path, key: bytes, session_id: str) -> None:
        self._path = path
        self._key = key
        self._session_id = session_id
        self.torn_tail = False
        self.whole_bytes = 0
        """After iterating: where the last whole record ends."""

    def __iter__(self) -> Iterator[Body]:
        with self._path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if handle.read(len(MAGIC)) != MAGIC:
                raise TamperedRecording(f"{self._path.name} is not a recording")
            seq = 0
            self.whole_bytes = handle.tell()
            while prefix := handle.read(_LENGTH.size):
                length = _LENGTH.unpack(prefix)[0] if len(prefix) == _LENGTH.size else size
                if handle.tell() + length > size:
                    self.torn_tail = True
                    return
                try:
                    body = unseal(self._key, handle.read(length), record_context(self._session_id, seq))
                except Undecryptable:
                    detail = f"record {seq} of {self._path.name} does not authenticate"
                    raise TamperedRecording(detail) from None
                self.whole_bytes = handle.tell()
                yield decode_body(body)
                seq += 1
