"""Saving the session receipt where the customer keeps documents (platformdirs decides where)."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import platformdirs

from protocol.receipt import Receipt

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


def receipts_dir() -> Path:
    """`Fernhilfe` in the customer's documents folder (e.g. ~/Documents, Dokumente)."""
    return platformdirs.user_documents_path() / "Fernhilfe"


def save_receipt(directory: Path, receipt: Receipt, html: str) -> Path:
    """Write the page as a new file named by the session's start and id; returns its path."""
    directory.mkdir(parents=True, exist_ok=True)
    started = datetime.fromtimestamp(receipt.started_at).strftime("%Y-%m-%d_%H-%M")
    path = directory / f"Fernhilfe-receipt-{started}-{_UNSAFE.sub('_', receipt.session_id)[:64]}.html"
    path.write_text(html, encoding="utf-8")
    return path
