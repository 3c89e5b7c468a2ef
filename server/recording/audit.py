"""The audit log: who looked at or destroyed recordings, when and why.

`DATA/audit.log` holds one JSON object per line. It is only ever opened for appending, and each
entry is on disk before the action it describes starts.
"""

from __future__ import annotations

import getpass
import json
import os
from pathlib import Path
from typing import Any

from server.core.clock import iso
from server.recording.files import PRIVATE_FILE, fsync_dir, write_all

AUDIT_LOG = "audit.log"


def operator() -> str:
    """The operating-system user running the command."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return f"uid {os.getuid()}"


def append_audit(data_dir: Path, now: float, action: str, **details: Any) -> None:
    """Append one entry (`at`, `action`, `by`, then `details`) and wait until it is on disk."""
    path = data_dir / AUDIT_LOG
    entry = {"at": iso(now), "action": action, "by": operator(), **details}
    line = json.dumps(entry, ensure_ascii=False, sort_keys=False) + "\n"
    existed = path.exists()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, PRIVATE_FILE)
    try:
        write_all(fd, line.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    if not existed:
        fsync_dir(data_dir)


def read_audit(data_dir: Path) -> list[dict[str, Any]]:
    """Every entry so far, oldest first."""
    path = data_dir / AUDIT_LOG
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
