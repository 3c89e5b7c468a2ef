"""Shows the session receipt at the end, and where it was saved."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget


class ReceiptDialog(QDialog):
    """Signal: `closed()` once the customer closed it (any way)."""

    closed = Signal()

    def __init__(self, html: str, saved_to: Path | None, parent: QWidget | None = None) -> None:
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
            where = self.tr("The receipt could not be saved.")
        self.saved_label = QLabel(where)
        self.saved_label.setTextFormat(Qt.TextFormat.PlainText)
        self.saved_label.setWordWrap(True)
        self.close_button = QPushButton(self.tr("&Close"))
        self.close_button.clicked.connect(self.accept)
        self._closed = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(self.saved_label)
        layout.addWidget(self.close_button)

    def done(self, result: int) -> None:
        """Close, Esc and the window's close button all end here."""
        super().done(result)
        if not self._closed:
            self._closed = True
            self.closed.emit()
