"""Before the first consent: "Did you call <organisation> yourself?" and, if not, a scam warning.

Esc, the close button and the timeout never continue: they count as "No" on the question and as
"End session" on the warning.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class CallerCheckDialog(QDialog):
    """Signals: `answered(called_themselves)` for the question, `warning_answered(proceed)` after
    `show_warning()`; each is emitted at most once."""

    answered = Signal(bool)
    warning_answered = Signal(bool)

    def __init__(self, organisation: str, phone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._organisation = organisation
        self._phone = phone
        self._step = "question"
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self.setMinimumWidth(460)
        self.setWindowTitle(self.tr("Who called whom?"))
        self.setAccessibleName(self.tr("Who called whom?"))
        self.text_label = QLabel(
            self.tr("Did you call %1 yourself at %2?").replace("%1", organisation).replace("%2", phone)
        )
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.text_label.setWordWrap(True)
        self.yes_button = QPushButton(self.tr("&Yes, I called them"))
        self.no_button = QPushButton(self.tr("&No, they called me"))
        self.continue_button = QPushButton(self.tr("&Continue anyway"))
        self.end_button = QPushButton(self.tr("&End session"))
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        for button in (self.no_button, self.yes_button, self.end_button, self.continue_button):
            button.setAutoDefault(False)
            self.buttons.addWidget(button)
        self.continue_button.hide()
        self.end_button.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.text_label)
        layout.addLayout(self.buttons)
        self.yes_button.clicked.connect(lambda: self._answer(True))
        self.no_button.clicked.connect(lambda: self._answer(False))
        self.continue_button.clicked.connect(lambda: self._answer(True))
        self.end_button.clicked.connect(lambda: self._answer(False))

    def show_warning(self) -> None:
        """The customer was called: warn, with the official number, and offer to end or continue."""
        self._step = "warning"
        self.setWindowTitle(self.tr("Warning: possible scam"))
        self.text_label.setText(
            self.tr(
                "Warning: %1 does not call customers unannounced to get access to their computer. "
                "Scammers pretend to be support staff. End this session and call %1 yourself at %2."
            )
            .replace("%1", self._organisation)
            .replace("%2", self._phone)
        )
        self.text_label.setStyleSheet("color: #8a0010; font-weight: bold;")
        self.yes_button.hide()
        self.no_button.hide()
        self.end_button.show()
        self.continue_button.show()
        self.end_button.setFocus()

    def dismiss(self) -> None:
        """Close without answering: the session decided."""
        self._step = "done"
        self.close()

    def reject(self) -> None:
        self._answer(False)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self._answer(False)
        super().closeEvent(event)

    def _answer(self, yes: bool) -> None:
        """A "No" to the question keeps the dialog open: the session answers with `show_warning()`."""
        step = self._step
        if step == "question":
            self._step = "done" if yes else "waiting"
            self.answered.emit(yes)
        elif step == "warning":
            self._step = "done"
            self.warning_answered.emit(yes)
        else:
            return
        if self._step == "done":
            self.done(QDialog.DialogCode.Accepted if yes else QDialog.DialogCode.Rejected)
