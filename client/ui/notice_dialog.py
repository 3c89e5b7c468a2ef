"""The message that ends a run: what happened, what to do next, whom to call, details for support."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from client.core.notice import Notice
from client.ui.branding import BrandHeader, Organisation, support_text
from client.ui.notice_text import IDENTITY_WARNINGS, PROBLEMS, notice_text, use_x11_text
from client.ui.style import Role, keep_fitted, lay_out, mark


def diagnostics_button() -> QPushButton:
    """The "copy details for support" button (hidden until there is something to report)."""
    button = QPushButton(QCoreApplication.translate("Diagnostics", "Copy &details for support"))
    button.setAccessibleName(QCoreApplication.translate("Diagnostics", "Copy details for support"))
    button.setAccessibleDescription(
        QCoreApplication.translate(
            "Diagnostics", "Copies the version, the system and recent log lines, never your screen."
        )
    )
    button.setAutoDefault(True)  # Enter presses it while it has the focus, never otherwise
    button.hide()
    return button


class NoticeDialog(QDialog):
    """One notice under the organisation's header. Signal: `diagnostics_requested()`.

    With `offer_diagnostics` (an error) it shows the support phone number and a button that copies
    details for support; a `warning` (the customer may be talking to a scammer) stands out in the
    error style. OK (the default, and the focus) closes it.
    """

    diagnostics_requested = Signal()

    def __init__(
        self,
        organisation: Organisation,
        title: str,
        text: str,
        *,
        offer_diagnostics: bool,
        warning: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.warning = warning
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(460)
        self.message_label = QLabel(text)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setWordWrap(True)
        self.message_label.setAccessibleName(self.tr("Message"))
        if warning:
            mark(self.message_label, Role.ERROR)
        self.support_label = QLabel(support_text(organisation) if offer_diagnostics else "")
        self.support_label.setWordWrap(True)
        self.support_label.setAccessibleName(self.tr("Support phone number"))
        self.support_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.support_label.setVisible(bool(self.support_label.text()))

        self.diagnostics_button = diagnostics_button()
        self.diagnostics_button.setVisible(offer_diagnostics)
        self.ok_button = QPushButton(self.tr("OK"))
        self.ok_button.setAccessibleName(self.tr("Close this message"))
        self.ok_button.setAccessibleDescription(self.tr("Fernhilfe closes when you have read the message."))
        self.ok_button.setDefault(True)
        mark(self.ok_button, Role.PRIMARY)

        buttons = QHBoxLayout()
        buttons.addWidget(self.diagnostics_button)
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        lay_out(layout)
        layout.addWidget(BrandHeader(organisation))
        layout.addWidget(self.message_label)
        layout.addWidget(self.support_label)
        layout.addLayout(buttons)

        self.diagnostics_button.clicked.connect(self.diagnostics_requested.emit)
        self.ok_button.clicked.connect(self.accept)
        self.ok_button.setFocus()
        keep_fitted(self)

    def text(self) -> str:
        return self.message_label.text()


def final_notice(organisation: Organisation, notice: Notice, expert_name: str = "") -> NoticeDialog:
    """The message that ends a session for `notice`: errors with the phone number and diagnostics."""
    box = NoticeDialog(
        organisation,
        QCoreApplication.translate("CustomerApp", "Fernhilfe remote support"),
        notice_text(notice, expert_name=expert_name, phone=organisation.support_phone),
        offer_diagnostics=notice in PROBLEMS,
        warning=notice in IDENTITY_WARNINGS,
    )
    box.setAccessibleName(QCoreApplication.translate("CustomerApp", "Session ended"))
    return box


def use_x11_notice(organisation: Organisation) -> NoticeDialog:
    """A Wayland desktop that cannot be shared: log into an X11 session instead."""
    box = NoticeDialog(
        organisation,
        QCoreApplication.translate("CustomerApp", "Fernhilfe remote support"),
        use_x11_text(),
        offer_diagnostics=True,
        warning=True,
    )
    box.setAccessibleName(QCoreApplication.translate("CustomerApp", "Screen sharing is not possible"))
    return box
