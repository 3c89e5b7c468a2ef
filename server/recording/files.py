"""Durable file operations: nothing the recordings depend on is left in a page cache on a crash.

Every write that matters is followed by `fsync` of the file and, when a name appears or goes away,
of its directory. Locks are `flock` locks, which the kernel drops when a process dies, so a crash
never leaves one behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def private_dir(path: Path) -> Path:
    """Create `path` (and parents) readable by the server's user only."""
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    return path


def fsync_dir(path: Path) -> None:
    """Make the creation, renaming or removal of names in `path` durable."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_all(fd: int, data: bytes) -> None:
    """`os.write` until every byte is out (a regular file may take a write in parts)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def write_new(path: Path, data: bytes) -> None:
    """Write a whole file under its final name atomically, private from the start, and durably."""
    partial = path.with_name(f".{path.name}.partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    try:
        write_all(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(partial, path)
    fsync_dir(path.parent)


def append_durably(path: Path, data: bytes) -> None:
    """Append `data` with one write to an existing file and wait until it is on disk."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    try:
        write_all(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def shred(path: Path) -> None:
    """Overwrite a small secret with zeros, then remove it. Best effort: on SSDs and copy-on-write
    file systems the old blocks may survive, which is why keys are also rotated (ADR 0003)."""
    with contextlib.suppress(FileNotFoundError):
        size = path.stat().st_size
        fd = os.open(path, os.O_WRONLY)
        try:
            write_all(fd, bytes(size))
            os.fsync(fd)
        finally:
            os.close(fd)
        path.unlink()


@contextlib.contextmanager
def exclusive_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive `flock` on `path` (created if needed), across threads and processes."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def try_exclusive_lock(fd: int) -> bool:
    """Take an exclusive `flock` on an open file unless someone else holds any lock on it."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def shared_lock(fd: int) -> None:
    """Mark an open file as in use; `try_exclusive_lock` elsewhere fails while it is held."""
    fcntl.flock(fd, fcntl.LOCK_SH)
