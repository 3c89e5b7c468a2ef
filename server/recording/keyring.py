"""The keyring: one key per recorded session, wrapped by the master key, and the master key's rotation.

Files in the recordings directory:

    master-NNNNNN.key   the master key of generation N: 32 random bytes, mode 0600
    keys-NNNNNN.log     the session keys wrapped by that master key, one line each, append-only
    keyring.lock        held (flock) around every keyring operation, by every process

Destroying session keys starts a new generation: a fresh random master key, the remaining session
keys re-wrapped under it, and only then the old master key and list are removed. A destroyed key
is never written again, and the new master key has nothing to do with the old one, so nothing that
outlives the purge unwraps it - not in this directory and not in a copy made before (ADR 0003).
"""

from __future__ import annotations

import base64
import binascii
import logging
import os
import re
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from server.recording.crypto import KEY_BYTES, OVERHEAD, Undecryptable, key_context, new_key, seal, unseal
from server.recording.files import append_durably, exclusive_lock, fsync_dir, private_dir, shred, write_new

log = logging.getLogger("fernhilfe.server")

SESSION_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
"""What a session id looks like (the server draws `secrets.token_urlsafe(16)`); safe as a file name."""

_MASTER = re.compile(r"master-(\d{6})\.key")
_KEYS = re.compile(r"keys-(\d{6})\.log")


class KeyringError(RuntimeError):
    """The keyring cannot be used safely, e.g. a list of wrapped keys whose master key is missing."""


def check_session_id(session_id: str) -> str:
    if not SESSION_ID.fullmatch(session_id):
        raise ValueError(f"not a session id: {session_id!r}")
    return session_id


@dataclass(frozen=True)
class KeyEntry:
    """A session key as stored: wrapped by a master key, bound to its session and start time."""

    session_id: str
    created_at: str
    """Unix seconds as written (three decimals), so the associated data is byte-for-byte stable."""
    wrapped: bytes

    @property
    def created(self) -> float:
        return float(self.created_at)

    def line(self) -> bytes:
        encoded = base64.b64encode(self.wrapped).decode("ascii")
        return f"{self.session_id} {self.created_at} {encoded}\n".encode("ascii")


def wrap(master: bytes, session_id: str, created_at: float, key: bytes) -> KeyEntry:
    stamp = f"{created_at:.3f}"
    return KeyEntry(session_id, stamp, seal(master, key, key_context(session_id, stamp)))


def unwrap(master: bytes, entry: KeyEntry) -> bytes:
    """The session key, or `Undecryptable` (another master key, or a changed line)."""
    return unseal(master, entry.wrapped, key_context(entry.session_id, entry.created_at))


def read_entries(path: Path) -> list[KeyEntry]:
    """Every well-formed line of a key list; a last line a crash cut short (no newline) is skipped."""
    entries: list[KeyEntry] = []
    for line in path.read_bytes().split(b"\n")[:-1]:
        parts = line.decode("ascii", "replace").split(" ")
        if len(parts) != 3 or not SESSION_ID.fullmatch(parts[0]):
            continue
        try:
            float(parts[1])
            wrapped = base64.b64decode(parts[2], validate=True)
        except (ValueError, binascii.Error):
            continue
        if len(wrapped) == KEY_BYTES + OVERHEAD:
            entries.append(KeyEntry(parts[0], parts[1], wrapped))
    return entries


@dataclass(frozen=True)
class _Generation:
    number: int
    master: bytes
    keys: Path


class Keyring:
    """The session keys of one recordings directory; safe to use from several threads and processes."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def create(self, session_id: str, created_at: float) -> bytes:
        """Make, wrap and durably store a key for a new recording; returns the key itself."""
        check_session_id(session_id)
        key = new_key()
        with self._current() as generation:
            line = wrap(generation.master, session_id, created_at, key).line()
            if not _ends_a_line(generation.keys):
                line = b"\n" + line
            append_durably(generation.keys, line)
        return key

    def session_key(self, session_id: str) -> bytes | None:
        """The key of a recording, None if there is none (never recorded, or purged)."""
        with self._current() as generation:
            entry = _find(read_entries(generation.keys), session_id)
            return None if entry is None else unwrap(generation.master, entry)

    def entries(self) -> list[KeyEntry]:
        """All stored session keys (still wrapped), e.g. to see which are past retention."""
        with self._current() as generation:
            return read_entries(generation.keys)

    def destroy(self, session_ids: Collection[str]) -> int:
        """Destroy these sessions' keys by rotating the master key; returns how many were destroyed."""
        with self._current() as generation:
            entries = read_entries(generation.keys)
            doomed = {entry.session_id for entry in entries} & set(session_ids)
            if not doomed:
                return 0
            number = generation.number + 1
            master = new_key()
            write_new(self._master_path(number), master)
            lines: list[bytes] = []
            for entry in entries:
                if entry.session_id in doomed:
                    continue
                try:
                    key = unwrap(generation.master, entry)
                except Undecryptable:
                    log.error("recording key of session %s does not authenticate; dropped", entry.session_id)
                    continue
                context = key_context(entry.session_id, entry.created_at)
                lines.append(KeyEntry(entry.session_id, entry.created_at, seal(master, key, context)).line())
            write_new(self._keys_path(number), b"".join(lines))
            shred(self._master_path(generation.number))
            generation.keys.unlink()
            fsync_dir(self.directory)
            return len(doomed)

    @contextmanager
    def _current(self) -> Iterator[_Generation]:
        private_dir(self.directory)
        with exclusive_lock(self.directory / "keyring.lock"):
            yield self._settle()

    def _settle(self) -> _Generation:
        """Find the current generation, finishing or undoing a rotation a crash interrupted."""
        masters = self._numbers(_MASTER)
        lists = self._numbers(_KEYS)
        complete = masters & lists
        current = max(complete, default=0)
        if lists - complete and max(lists) > current:
            raise KeyringError(f"{self.directory}: a key list without its master key; refusing to go on")
        if not complete:
            current = max(masters, default=0) + 1
            write_new(self._master_path(current), new_key())
            write_new(self._keys_path(current), b"")
        stale = [self._master_path(n) for n in masters - {current}]
        stale_lists = [self._keys_path(n) for n in lists - {current}]
        for path in stale:
            shred(path)
        for path in stale_lists:
            path.unlink()
        if stale or stale_lists:
            fsync_dir(self.directory)
        master = self._master_path(current).read_bytes()
        if len(master) != KEY_BYTES:
            raise KeyringError(f"{self._master_path(current)} is not a {KEY_BYTES}-byte key")
        return _Generation(current, master, self._keys_path(current))

    def _numbers(self, pattern: re.Pattern[str]) -> set[int]:
        return {int(match[1]) for path in self.directory.iterdir() if (match := pattern.fullmatch(path.name))}

    def _master_path(self, number: int) -> Path:
        return self.directory / f"master-{number:06d}.key"

    def _keys_path(self, number: int) -> Path:
        return self.directory / f"keys-{number:06d}.log"


def _ends_a_line(path: Path) -> bool:
    """True if the list is empty or its last line is complete, so an append starts a line of its own."""
    with path.open("rb") as handle:
        if handle.seek(0, os.SEEK_END) == 0:
            return True
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"


def _find(entries: list[KeyEntry], session_id: str) -> KeyEntry | None:
    """The first key of a session: a recording's key is appended before its file is created, so a
    later line for the same id (a bug elsewhere) never shadows the key of an existing recording."""
    return next((entry for entry in entries if entry.session_id == session_id), None)
