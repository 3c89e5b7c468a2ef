"""The customer's view of administrator rights in the control panel: that they are active, one
click to take them back, and every command with its output, shown before it runs."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from client.core import actions as act
from client.ui.branding import support_line

AdminShown = act.ShowAdminCommand | act.ShowAdminOutput | act.ShowAdminExit | act.ShowAdminUnavailable


class AdminView(QWidget):
    """Hidden until tier 3 is asked for. Signal: `drop_requested()` (take administrator rights back,
    keep remote control)."""

    drop_requested = Signal()

    def __init__(self, support_phone: str = "", parent: QWidget | None = None) -> None:
        """`support_phone` is the organisation's number, shown when administrator rights fail."""
        super().__init__(parent)
        self._support_phone = support_phone
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.state_label.setAccessibleName(self.tr("Administrator rights"))
        self.state_label.setStyleSheet("font-weight: bold;")

        self.drop_button = QPushButton(self.tr("&Take administrator rights back"))
        self.drop_button.setAccessibleName(self.tr("Take administrator rights back, keep remote control"))

        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setAccessibleName(self.tr("Commands run as administrator and their output"))
        self.log.setMinimumHeight(120)
        self.log.setMaximumBlockCount(5000)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.state_label)
        layout.addWidget(self.drop_button)
        layout.addWidget(self.log)
        self.drop_button.clicked.connect(self.drop_requested.emit)
        self.drop_button.hide()
        self.log.hide()
        self.hide()

    def show_active(self, active: bool) -> None:
        if active:
            self.state_label.setText(
                self.tr("Administrator rights are on: commands below run with full rights on this computer.")
            )
        else:
            self.state_label.setText(self.tr("Administrator rights are off."))
        self.drop_button.setVisible(active)
        self.show()

    def show_step(self, action: AdminShown) -> None:
        """Add a command (before it runs), its output or its end to what the customer sees."""
        match action:
            case act.ShowAdminCommand(command=command):
                self._append(self.tr("Running as administrator:") + f"\n$ {command}\n")
            case act.ShowAdminOutput(data=data):
                self._append(data)
            case act.ShowAdminExit(status=None):
                self._append("\n" + self.tr("[stopped]") + "\n")
            case act.ShowAdminExit(status=status):
                self._append("\n" + self.tr("[finished with exit code %1]").replace("%1", str(status)) + "\n")
            case act.ShowAdminUnavailable(dismissed=dismissed):
                if dismissed:
                    text = self.tr(
                        "The password prompt was not confirmed: no administrator rights. Remote control "
                        "goes on as before; your support contact can ask again if they still need them."
                    )
                else:
                    text = self.tr(
                        "Administrator rights could not be started on this computer. Remote control goes "
                        "on as before; please tell your support contact."
                    )
                self.state_label.setText(f"{text} {support_line(self._support_phone)}".strip())
                self.drop_button.hide()
                self.show()

    def text(self) -> str:
        return self.log.toPlainText()

    def _append(self, text: str) -> None:
        self.log.show()
        self.show()
        self.log.moveCursor(QTextCursor.MoveOperation.End)
        self.log.insertPlainText(text)
        self.log.moveCursor(QTextCursor.MoveOperation.End)
