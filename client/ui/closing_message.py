"""The last word after the customer ends a session: sharing has stopped, and what happens to Fernhilfe."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

DEFAULT_CLOSE_AFTER_S = 6.0


class ClosingMessage(QDialog):
    """Says that nobody sees the screen any more and whether Fernhilfe stays; closes by itself.

    `finished` (QDialog's) is emitted when it closes, by OK, Esc or after `close_after_s`.
    """

    def __init__(
        self,
        stays_installed: bool,
        close_after_s: float = DEFAULT_CLOSE_AFTER_S,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Fernhilfe remote support"))
        self.setAccessibleName(self.tr("Session ended"))
        self.message_label = QLabel(self.tr("Session ended. Nobody sees your screen any more."))
        self.message_label.setWordWrap(True)
        font = self.message_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.message_label.setFont(font)
        if stays_installed:
            fate = self.tr("Fernhilfe stays on this computer for later sessions.")
        else:
            fate = self.tr("Fernhilfe now removes itself from this computer.")
        self.fate_label = QLabel(fate)
        self.fate_label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_label)
        layout.addWidget(self.fate_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(round(close_after_s * 1000))
        self._timer.timeout.connect(self.accept)

    def show_for_a_while(self) -> None:
        """Show, and close by itself after the configured seconds."""
        self.show()
        self.raise_()
        self._timer.start()
