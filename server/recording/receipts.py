"""The server's receipt of a session, read from its recording whenever it is asked for.

Nothing else keeps it: the recording holds who the session was with (its first record), the
control log and the chat, so the receipt survives restarts and is destroyed with the recording
when the retention time is over (ADR 0003).
"""

from __future__ import annotations

from protocol.receipt import Receipt
from server.core.receipt_builder import ReceiptBuilder
from server.recording.records import Screenshot
from server.recording.vault import NoRecording, Vault


def read_receipt(vault: Vault, session_id: str, *, over: bool = False) -> Receipt | None:
    """The receipt once the recording holds the session's end, None before; `over` says the session
    ended in an earlier run of the server, so a recording without an end was cut short by a crash
    and its receipt ends with its last record. Raises `NoRecording` (never joined, not recorded, or
    purged) and `TamperedRecording`. Reads and decrypts the whole file: call it off the event loop."""
    builder = ReceiptBuilder(session_id)
    try:
        for body in vault.read(session_id):
            if not isinstance(body, Screenshot):
                builder.add(body)
    except FileNotFoundError:
        raise NoRecording(session_id) from None  # purged while being read
    return builder.receipt(cut_short=over)
