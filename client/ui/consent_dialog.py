"""The consent dialog: the customer decides whether the named expert may see or control the screen,
or act with administrator rights.

It has no default button: Enter never grants. Esc, the close button and the timeout deny.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from client.core.identity import VerifiedIdentity
from client.ui.identity_banner import IdentityBanner


@dataclass(frozen=True)
class _Wording:
    title: str
    name: str
    asks: str
    explains: str
    allow_name: str
    deny_name: str


def _wording(tier: int) -> _Wording:
    if tier == 1:
        return _Wording(
            title=QCoreApplication.translate("ConsentDialog", "Allow screen viewing?"),
            name=QCoreApplication.translate("ConsentDialog", "Consent to screen viewing"),
            asks=QCoreApplication.translate("ConsentDialog", "%1 from %2 asks to see your screen."),
            explains=QCoreApplication.translate(
                "ConsentDialog",
                "They will see everything on your screens, but cannot use your mouse or keyboard. "
                "A notice in the top-right corner shows while your screen is shared. "
                "You can end the session at any time.",
            ),
            allow_name=QCoreApplication.translate("ConsentDialog", "Allow screen viewing"),
            deny_name=QCoreApplication.translate("ConsentDialog", "Deny screen viewing"),
        )
    if tier == 3:
        return _Wording(
            title=QCoreApplication.translate("ConsentDialog", "Allow administrator rights?"),
            name=QCoreApplication.translate("ConsentDialog", "Consent to administrator rights"),
            asks=QCoreApplication.translate(
                "ConsentDialog", "%1 from %2 asks for administrator rights on this computer."
            ),
            explains=QCoreApplication.translate(
                "ConsentDialog",
                "With administrator rights they can install or remove programs and change system "
                "settings that affect everyone using this computer. Every command is shown to you in "
                "the control panel before it runs, and you can take the rights back with one click. "
                "If you allow it, your computer will ask for your password next. You can also refuse "
                "and do the steps yourself while they guide you.",
            ),
            allow_name=QCoreApplication.translate("ConsentDialog", "Allow administrator rights"),
            deny_name=QCoreApplication.translate("ConsentDialog", "Deny administrator rights"),
        )
    return _Wording(
        title=QCoreApplication.translate("ConsentDialog", "Allow remote control?"),
        name=QCoreApplication.translate("ConsentDialog", "Consent to remote control"),
        asks=QCoreApplication.translate(
            "ConsentDialog", "%1 from %2 asks to control your mouse and keyboard."
        ),
        explains=QCoreApplication.translate(
            "ConsentDialog",
            "They will be able to use your mouse and keyboard. To take control back at any time, "
            "simply move your mouse: remote control pauses until you have stopped for a moment. "
            "The control panel switches back to view-only or ends the session with one click.",
        ),
        allow_name=QCoreApplication.translate("ConsentDialog", "Allow remote control"),
        deny_name=QCoreApplication.translate("ConsentDialog", "Deny remote control"),
    )


class ConsentDialog(QDialog):
    """Asks for one tier (1: view, 2: control, 3: administrator rights).

    Signal: `answered(granted)`, emitted exactly once.
    """

    answered = Signal(bool)

    def __init__(
        self,
        tier: int,
        expert_name: str,
        organisation: str,
        *,
        recorded: bool,
        retention_days: int,
        identity: VerifiedIdentity | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._done = False
        self.tier = tier
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self.setMinimumWidth(460)
        wording = _wording(tier)
        self.setWindowTitle(wording.title)
        self.setAccessibleName(wording.name)
        asks, explains = wording.asks, wording.explains
        allow_name, deny_name = wording.allow_name, wording.deny_name

        question = QLabel(asks.replace("%1", expert_name).replace("%2", organisation))
        question.setTextFormat(Qt.TextFormat.PlainText)
        question.setWordWrap(True)
        font = question.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        question.setFont(font)

        explanation = QLabel(explains)
        explanation.setWordWrap(True)

        if recorded:
            recording_text = self.tr(
                "The session is recorded (screenshots, chat and who controlled the computer) "
                "and the recording is deleted after %1 days."
            ).replace("%1", str(retention_days))
        else:
            recording_text = self.tr("The session is not recorded.")
        self.recording_label = QLabel(recording_text)
        self.recording_label.setWordWrap(True)

        self.countdown_label = QLabel()
        self.countdown_label.setAccessibleName(self.tr("Time left to answer"))

        self.allow_button = QPushButton(self.tr("&Allow"))
        self.allow_button.setAccessibleName(allow_name)
        self.deny_button = QPushButton(self.tr("&Deny"))
        self.deny_button.setAccessibleName(deny_name)
        for button in (self.allow_button, self.deny_button):
            button.setAutoDefault(False)
            button.setDefault(False)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.deny_button)
        buttons.addWidget(self.allow_button)

        self.identity_banner = IdentityBanner(identity)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(explanation)
        layout.addWidget(self.recording_label)
        layout.addWidget(self.countdown_label)
        layout.addLayout(buttons)
        layout.insertWidget(0, self.identity_banner)

        self.allow_button.clicked.connect(lambda: self._answer(True))
        self.deny_button.clicked.connect(lambda: self._answer(False))
        self.deny_button.setFocus()

    def set_seconds_left(self, seconds: int) -> None:
        self.countdown_label.setText(
            self.tr("Without an answer, this is denied in %1 s.").replace("%1", str(max(seconds, 0)))
        )

    def dismiss(self) -> None:
        """Close without answering: the session decided (timeout, ended by the other side)."""
        self._done = True
        self.close()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        """Enter is swallowed so that a stray keypress never grants; Space on a button still works."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        """Esc and the close button land here: they deny, unless the dialog was dismissed."""
        if self._done:
            super().reject()
        else:
            self._answer(False)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if not self._done:
            self._answer(False)
        super().closeEvent(event)

    def _answer(self, granted: bool) -> None:
        if self._done:
            return
        self._done = True
        self.answered.emit(granted)
        self.done(QDialog.DialogCode.Accepted if granted else QDialog.DialogCode.Rejected)
