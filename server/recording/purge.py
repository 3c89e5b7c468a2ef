"""Retention: recordings older than the retention time are destroyed, key first, then files.

Run by the server on a timer and by `fernhilfe-server purge`. A recording counts from the moment
it started (the customer joined); one that some process is still writing is left for the next run.
"""

from __future__ import annotations

import logging
from pathlib import Path

from server.recording.audit import append_audit
from server.recording.vault import Vault

log = logging.getLogger("fernhilfe.server")

DAY_SECONDS = 86400.0
PURGE_EVERY_SECONDS = 3600.0
"""How often the server looks for expired recordings (and once at start)."""


def purge(data_dir: Path, now: float, retention_days: int, by: str) -> list[str]:
    """Destroy the expired recordings under `data_dir`; returns their session ids, sorted.

    File names are listed before keys are read, so a recording started meanwhile (key first, then
    file) is never mistaken for a file without a key. Files whose key is already gone (a purge
    interrupted after the rotation) are deleted as well: nothing can decrypt them.
    """
    vault = Vault(data_dir)
    files = vault.files()
    entries = vault.keyring.entries()
    horizon = now - retention_days * DAY_SECONDS
    expired = {entry.session_id for entry in entries if entry.created <= horizon}
    orphans = files - {entry.session_id for entry in entries}
    with vault.idle(expired | orphans) as idle:
        doomed = expired & idle
        if doomed:
            details = {"sessions": sorted(doomed), "retention_days": retention_days, "via": by}
            append_audit(data_dir, now, "purge", **details)
            vault.keyring.destroy(doomed)
        vault.delete(idle)
    if doomed:
        log.info("purged %d recording(s) older than %d days", len(doomed), retention_days)
    return sorted(doomed)
