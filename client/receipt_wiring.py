"""The receipt at the end of a session: noted from every action, saved and shown when it ends.

Runs on the Qt main thread, like the rest of the wiring in client/app.py.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path

from client.core import actions as act
from client.core.receipt_log import ReceiptLog
from client.core.session import CustomerSession
from client.receipt_file import save_receipt
from client.ui.branding import Organisation
from client.ui.receipt_dialog import ReceiptDialog
from client.ui.receipt_html import receipt_html
from protocol.receipt import Receipt

log = logging.getLogger(__name__)


class ReceiptWiring:
    """`closed` is set once the receipt shown at the end was closed (at once when none is shown)."""

    def __init__(
        self, directory: Path | None, organisation: Organisation, wall_clock: Callable[[], float]
    ) -> None:
        self._directory = directory
        self._organisation = organisation
        self._wall_clock = wall_clock
        self.log = ReceiptLog()
        self.receipt: Receipt | None = None
        self.path: Path | None = None
        self.dialog: ReceiptDialog | None = None
        self.closed = asyncio.Event()

    def note(self, action: act.Action) -> None:
        self.log.note(action, self._wall_clock())

    def finish(self, session: CustomerSession) -> None:
        """Build the receipt; with a folder for it, save it there and show it."""
        welcome, expert = session.welcome, session.expert
        if welcome is not None and expert is not None:
            self.receipt = self.log.receipt(
                welcome.session_id, expert, session.identity, welcome.recorded, welcome.retention_days
            )
        if self.receipt is None or self._directory is None:
            self.closed.set()
            return
        html = receipt_html(self.receipt, self._organisation.support_phone)
        try:
            self.path = save_receipt(self._directory, self.receipt, html)
        except OSError as exc:
            log.error("the receipt could not be saved in %s: %s", self._directory, exc)
        self.dialog = ReceiptDialog(html, self.path, self._organisation)
        self.dialog.closed.connect(self.closed.set)
        self.dialog.show()

    def close(self) -> None:
        """Close a receipt still shown (the run is over)."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.reject()
