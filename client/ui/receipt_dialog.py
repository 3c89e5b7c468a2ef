"""Shows the session receipt at the end, and where it was saved."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from client.ui.branding import BrandHeader, Organisation, support_line
from client.ui.style import lay_out


class ReceiptDialog(QDialog):
    """Signal: `closed()` once the customer closed it (any way)."""

    closed = Signal()

    def __init__(
        self, html: str, saved_to: Path | None, organisation: Organisation, parent: QWidget | None = None
    ) -> None:
        """`organisation` is the one the client was built for: its header on top, its number if
        the receipt could not be saved."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Fernhilfe: session receipt"))
        self.setAccessibleName(self.tr("Session receipt"))
        self.resize(640, 600)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setHtml(html)
        if saved_to is not None:
            where = self.tr("A copy was saved to %1").replace("%1", str(saved_to))
        else:
            where = self.tr(
                "The receipt could not be saved. You can still read it here; if you need a copy, "
                "ask your support contact."
            )
            where = f"{where} {support_line(organisation.support_phone)}".strip()
        self.saved_label = QLabel(where)
        self.saved_label.setTextFormat(Qt.TextFormat.PlainText)
        self.saved_label.setWordWrap(True)
        self.browser.setAccessibleName(self.tr("What happened in the session"))
        self.browser.setAccessibleDescription(
            self.tr("Who helped you, what they were allowed to do, and when.")
        )
        self.close_button = QPushButton(self.tr("&Close"))
        self.close_button.setAccessibleName(self.tr("Close the receipt"))
        self.close_button.setAccessibleDescription(self.tr("Fernhilfe closes when you have read it."))
        self.close_button.clicked.connect(self.accept)
        self._closed = False
        layout = QVBoxLayout(self)
        lay_out(layout)
        layout.addWidget(BrandHeader(organisation))
        layout.addWidget(self.browser)
        layout.addWidget(self.saved_label)
        layout.addWidget(self.close_button)

    def done(self, result: int) -> None:
        """Close, Esc and the window's close button all end here."""
        super().done(result)
        if not self._closed:
            self._closed = True
            self.closed.emit()
