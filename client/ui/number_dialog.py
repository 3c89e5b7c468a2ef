"""The first window: the customer types the session number the expert reads out."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QPixmap, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from client.core.session_number import DEFAULT_DIGITS, group_for_reading, normalise, regroup_as_typed

LOGO_HEIGHT = 48


class SessionNumberDialog(QDialog):
    """Asks for the number. Signals: `join_requested(digits)`, `cancelled()`.

    `show_busy()` shows progress while the connection is opened; `show_error(text)` brings the
    form back with a plain-language reason. `keep_checkbox` is the customer's answer to whether
    this client stays installed after the session; it is read when the run ends.
    """

    join_requested = Signal(str)
    cancelled = Signal()

    def __init__(
        self, organisation: str, parent: QWidget | None = None, number_digits: int = DEFAULT_DIGITS
    ) -> None:
        super().__init__(parent)
        self._number_digits = number_digits
        self.setWindowTitle(self.tr("Fernhilfe remote support"))
        self.setAccessibleName(self.tr("Enter session number"))
        self.setMinimumWidth(420)

        self.logo_label = QLabel()
        self.logo_label.setAccessibleName(self.tr("Logo of %1").replace("%1", organisation))
        self.logo_label.hide()
        self.phone_label = QLabel()
        self.phone_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.phone_label.hide()

        intro = QLabel(
            self.tr(
                "Your support contact at %1 will read you a session number. "
                "Type it here to start remote support. Nothing is shared until you allow it."
            ).replace("%1", organisation)
        )
        intro.setWordWrap(True)

        label = QLabel(self.tr("&Session number:"))
        self.number_edit = self._make_number_edit()
        label.setBuddy(self.number_edit)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setAccessibleName(self.tr("Error"))
        self.error_label.hide()

        self.progress = self._make_progress()

        self.keep_checkbox = QCheckBox(self.tr("&Keep Fernhilfe on this computer for later sessions"))
        self.keep_checkbox.setAccessibleName(self.tr("Keep Fernhilfe on this computer"))
        self.keep_checkbox.setAccessibleDescription(
            self.tr("Otherwise Fernhilfe removes itself from this computer when the session ends.")
        )

        buttons = QDialogButtonBox()
        self.connect_button = QPushButton(self.tr("&Connect"))
        self.connect_button.setAccessibleName(self.tr("Connect"))
        self.connect_button.setEnabled(False)
        self.connect_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        buttons.addButton(self.connect_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)

        layout = QVBoxLayout(self)
        layout.addWidget(self.logo_label)
        layout.addWidget(intro)
        layout.addWidget(label)
        layout.addWidget(self.number_edit)
        layout.addWidget(self.error_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.keep_checkbox)
        layout.addWidget(self.phone_label)
        layout.addWidget(buttons)

        self.number_edit.textEdited.connect(self._regroup)
        self.number_edit.textChanged.connect(self._on_text_changed)
        self.connect_button.clicked.connect(self._on_connect)
        self.cancel_button.clicked.connect(self.reject)

    def _make_number_edit(self) -> QLineEdit:
        """Digits, spaces and dashes only, in a large font: the number is read out over the phone.

        What is typed is regrouped in threes at once, as the console shows the number.
        """
        edit = QLineEdit()
        edit.setAccessibleName(self.tr("Session number"))
        edit.setPlaceholderText(group_for_reading("123456789012"[: self._number_digits]))
        edit.setMaxLength(24)
        edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9 \-]*"), self))
        edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        font = edit.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        edit.setFont(font)
        return edit

    def _make_progress(self) -> QProgressBar:
        """A busy indicator without a percentage: opening a connection has no known length."""
        progress = QProgressBar()
        progress.setRange(0, 0)
        progress.setTextVisible(False)
        progress.setAccessibleName(self.tr("Connecting"))
        progress.hide()
        return progress

    def show_branding(self, logo: Path | None, support_phone: str) -> None:
        """The organisation's logo and phone number, so the customer knows who they are letting in.

        A logo that cannot be read is left out rather than stopping the client.
        """
        pixmap = QPixmap(str(logo)) if logo is not None else QPixmap()
        if not pixmap.isNull():
            self.logo_label.setPixmap(
                pixmap.scaledToHeight(LOGO_HEIGHT, Qt.TransformationMode.SmoothTransformation)
            )
            self.logo_label.show()
        if support_phone:
            self.phone_label.setText(self.tr("Questions? Call %1").replace("%1", support_phone))
            self.phone_label.show()

    def show_busy(self) -> None:
        self.error_label.hide()
        self.progress.show()
        self.number_edit.setEnabled(False)
        self.connect_button.setEnabled(False)

    def show_error(self, text: str) -> None:
        self.progress.hide()
        self.number_edit.setEnabled(True)
        self.error_label.setText(text)
        self.error_label.show()
        self._on_text_changed(self.number_edit.text())
        self.number_edit.setFocus()
        self.number_edit.selectAll()

    def reject(self) -> None:
        """Esc, Cancel and the close button all end here: the customer does not want support."""
        super().reject()
        self.cancelled.emit()

    def _regroup(self, text: str) -> None:
        grouped, cursor = regroup_as_typed(text, self.number_edit.cursorPosition(), self._number_digits)
        if grouped != text:
            self.number_edit.setText(grouped)
            self.number_edit.setCursorPosition(cursor)

    def _on_text_changed(self, _text: str) -> None:
        """Reads the field, not the signal's text: Qt still reports the text from before `_regroup`."""
        complete = normalise(self.number_edit.text(), self._number_digits) is not None
        self.connect_button.setEnabled(self.number_edit.isEnabled() and complete)

    def _on_connect(self) -> None:
        digits = normalise(self.number_edit.text(), self._number_digits)
        if digits is not None:
            self.join_requested.emit(digits)
