"""The first window: the customer types the session number the expert reads out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
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
from client.ui.branding import BrandHeader, Organisation, support_text
from client.ui.notice_dialog import diagnostics_button
from client.ui.style import Role, keep_fitted, lay_out, mark
from protocol import limits

if TYPE_CHECKING:
    from client.config import ClientConfig


class SessionNumberDialog(QDialog):
    """Asks for the number. Signals: `join_requested(digits)`, `cancelled()`, `diagnostics_requested()`.

    `show_busy()` shows progress while the connection is opened; `show_error(text)` brings the
    form back with a plain-language reason. `keep_checkbox` is the customer's answer to whether
    this client stays installed after the session; it is read when the run ends.
    """

    join_requested = Signal(str)
    cancelled = Signal()
    diagnostics_requested = Signal()

    def __init__(
        self, organisation: str, parent: QWidget | None = None, number_digits: int = DEFAULT_DIGITS
    ) -> None:
        super().__init__(parent)
        self._number_digits = number_digits
        self.setWindowTitle(self.tr("Fernhilfe remote support"))
        self.setAccessibleName(self.tr("Enter session number"))
        self.setMinimumWidth(460)
        self._organisation = organisation

        self.header = BrandHeader(Organisation(organisation))
        self.logo_label = self.header.logo_label
        self.phone_label = QLabel()
        self.phone_label.setWordWrap(True)
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
        mark(self.error_label, Role.ERROR)
        self.error_label.setAccessibleName(self.tr("Error"))
        self.error_label.hide()

        self.progress = self._make_progress()

        self.keep_checkbox = QCheckBox(self.tr("&Keep Fernhilfe on this computer for later sessions"))
        self.keep_checkbox.setAccessibleName(self.tr("Keep Fernhilfe on this computer"))
        self.keep_checkbox.setAccessibleDescription(
            self.tr("Otherwise Fernhilfe removes itself from this computer when the session ends.")
        )

        self.connect_button = QPushButton(self.tr("&Connect"))
        self.connect_button.setAccessibleName(self.tr("Connect"))
        self.connect_button.setEnabled(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        buttons = self._button_box()
        self.diagnostics_button = diagnostics_button()  # Tab: number, keep, details; the button box last

        layout = QVBoxLayout(self)
        lay_out(layout)
        for widget in (
            self.header,
            intro,
            label,
            self.number_edit,
            self.error_label,
            self.progress,
            self.keep_checkbox,
            self.phone_label,
        ):
            layout.addWidget(widget)
        layout.addWidget(self.diagnostics_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(buttons)
        self.connect_button.setDefault(True)  # once inside the dialog, so the dialog knows its default

        self.number_edit.textEdited.connect(self._regroup)
        self.number_edit.textChanged.connect(self._on_text_changed)
        self.connect_button.clicked.connect(self._on_connect)
        self.cancel_button.clicked.connect(self.reject)
        self.diagnostics_button.clicked.connect(self.diagnostics_requested.emit)
        keep_fitted(self)

    def _button_box(self) -> QDialogButtonBox:
        """Connect (the default: Enter in the number field) and Cancel, described for screen readers."""
        self.connect_button.setAccessibleDescription(
            self.tr("Connects to your support contact. Nothing is shared until you allow it.")
        )
        mark(self.connect_button, Role.PRIMARY)
        self.cancel_button.setAccessibleDescription(self.tr("Closes Fernhilfe without connecting."))
        buttons = QDialogButtonBox()
        buttons.addButton(self.connect_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        return buttons

    def _make_number_edit(self) -> QLineEdit:
        """Digits, spaces and dashes only, in a large font: the number is read out over the phone.

        What is typed is regrouped in threes at once, as the console shows the number.
        """
        edit = QLineEdit()
        edit.setAccessibleName(self.tr("Session number"))
        edit.setAccessibleDescription(self.tr("The number your support contact reads out to you."))
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
        organisation = Organisation(self._organisation, logo, support_phone)
        self.header.show_organisation(organisation)
        self.phone_label.setText(support_text(organisation))
        self.phone_label.setVisible(bool(support_phone))

    def show_busy(self) -> None:
        self.error_label.hide()
        self.progress.show()
        self.number_edit.setEnabled(False)
        self.connect_button.setEnabled(False)

    def show_error(self, text: str) -> None:
        self.progress.hide()
        self.number_edit.setEnabled(True)
        self.error_label.setText(text)
        self.error_label.setAccessibleDescription(text)
        self.error_label.show()
        self.diagnostics_button.show()
        self._on_text_changed(self.number_edit.text())
        self.number_edit.setFocus()
        self.number_edit.selectAll()

    def reject(self) -> None:
        """Esc, Cancel and the close button all end here: the customer does not want support."""
        super().reject()
        self.cancelled.emit()

    def _regroup(self, text: str) -> None:
        longest = limits.SESSION_NUMBER_MAX_DIGITS
        grouped, cursor = regroup_as_typed(text, self.number_edit.cursorPosition(), longest)
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


def number_dialog_for(config: ClientConfig) -> SessionNumberDialog:
    """The organisation's number dialog, with its logo and phone number."""
    dialog = SessionNumberDialog(config.organisation, number_digits=config.session_number_digits)
    dialog.show_branding(config.logo, config.support_phone)
    return dialog
