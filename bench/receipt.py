"""The server's receipt is read from the recording on every request: how long that takes for a
short and for a long recorded session.

Each recording is written with the real vault (encrypted, fsynced) into a temporary data directory:
who the session was with, a control log and chat of `ENTRIES` entries, and `shots` screenshots of
`SHOT_BYTES` each (random bytes: a PNG of a busy 1080p screen is about that size, and the cipher
does not care what it seals). Then `read_receipt` runs `ROUNDS` times on a fresh `Vault`, as a
request after a restart does:

    .venv/bin/python -m bench.receipt

The last line is machine-readable: `receipt short_ms=… long_ms=… long_mib=…` (medians).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from bench.stats import summary
from server.core.journal import ChatEntry, ControlEntry, SessionFacts
from server.recording.receipts import read_receipt
from server.recording.records import Screenshot
from server.recording.vault import Vault

ROUNDS = 10
ENTRIES = 200
SHOT_BYTES = 600_000
SHORT_SHOTS = 30
"""A few minutes of a session with some activity (at most one screenshot per 10 s)."""
LONG_SHOTS = 360
"""An hour of a screen that changed all the time: one screenshot every 10 s."""
T0 = 1_700_000_000.0


def _record(data_dir: Path, session_id: str, shots: int) -> int:
    """Write one ended recording; returns its size in bytes."""
    writer = Vault(data_dir).open(session_id, T0)
    writer.append(SessionFacts(T0, "Beispiel GmbH", "Anna Berger", "anna", True, "0427", 90))
    writer.append(ControlEntry(T0, "customer_joined", "customer", detail="Fernhilfe/0.1"))
    writer.append(ControlEntry(T0 + 1, "tier_granted", "customer", tier=1))
    for number in range(ENTRIES):
        writer.append(ChatEntry(T0 + 2 + number, "expert", f"Nachricht {number}: bitte klicken Sie auf OK."))
    for number in range(shots):
        writer.append(Screenshot(T0 + 10 * number, 0, 1920, 1080, os.urandom(SHOT_BYTES)))
    writer.append(ControlEntry(T0 + 10 * shots, "session_ended", "customer", detail="customer_ended"))
    writer.close()
    return Vault(data_dir).path(session_id).stat().st_size


def _time(data_dir: Path, session_id: str) -> list[float]:
    times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        receipt = read_receipt(Vault(data_dir), session_id)
        times.append((time.perf_counter() - started) * 1000)
        assert receipt is not None and len(receipt.chat) == ENTRIES
    return times


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="fernhilfe-receipt-bench-") as folder:
        data = Path(folder)
        _record(data, "short", SHORT_SHOTS)
        size = _record(data, "long", LONG_SHOTS)
        short, long = _time(data, "short"), _time(data, "long")
    print(summary(f"short ({SHORT_SHOTS} screenshots) ms", short))
    print(summary(f"long ({LONG_SHOTS} screenshots, {size / 2**20:.0f} MiB) ms", long))
    print(
        f"receipt short_ms={statistics.median(short):.1f} long_ms={statistics.median(long):.1f}"
        f" long_mib={size / 2**20:.0f}"
    )


if __name__ == "__main__":
    main()
