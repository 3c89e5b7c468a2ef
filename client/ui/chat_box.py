"""The customer's side of the chat: folded into the control panel, with an unread count."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from protocol.limits import MAX_CHAT_CHARS


class ChatBox(QWidget):
    """Shows messages as plain text (never as markup). Signal: `message_submitted(text)`."""

    message_submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.unread = 0
        self.toggle_button = QPushButton()
        self.toggle_button.setCheckable(True)
        self.toggle_button.setAccessibleName(self.tr("Show or hide the chat"))
        self.toggle_button.setAccessibleDescription(self.tr("Write with your support contact."))

        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setAccessibleName(self.tr("Chat messages"))
        self.log.setAccessibleDescription(self.tr("What you and your support contact wrote."))
        self.log.setMinimumHeight(120)

        self.input = QLineEdit()
        self.input.setMaxLength(MAX_CHAT_CHARS)
        self.input.setPlaceholderText(self.tr("Write to your support contact"))
        self.input.setAccessibleName(self.tr("Message to your support contact"))
        self.input.setAccessibleDescription(self.tr("Press Enter to send."))
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setAccessibleName(self.tr("Send message"))
        self.send_button.setAccessibleDescription(self.tr("Sends what you wrote to your support contact."))

        for button in (self.toggle_button, self.send_button):
            button.setAutoDefault(True)  # outside a dialog: Enter presses the focused button, like Space
        self._body = QWidget()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.input, 1)
        row.addWidget(self.send_button)
        body_layout = QVBoxLayout(self._body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.log)
        body_layout.addLayout(row)
        self._body.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toggle_button)
        layout.addWidget(self._body)

        self.toggle_button.toggled.connect(self._set_open)
        self.send_button.clicked.connect(self._submit)
        self.input.returnPressed.connect(self._submit)
        self._update_toggle()

    @property
    def is_open(self) -> bool:
        return self.toggle_button.isChecked()

    def add_message(self, author: str, text: str, time_text: str, *, own: bool) -> None:
        """Append one message; someone else's message counts as unread while the chat is folded."""
        prefix = f"[{time_text}] " if time_text else ""
        self.log.appendPlainText(f"{prefix}{author}: {text}")
        if not own and not self.is_open:
            self.unread += 1
            self._update_toggle()

    def _set_open(self, opened: bool) -> None:
        self._body.setVisible(opened)
        if opened:
            self.unread = 0
            self.input.setFocus()
        self._update_toggle()
        window = self.window()
        window.adjustSize()

    def _update_toggle(self) -> None:
        unread = self.tr("&Chat (%1 new)").replace("%1", str(self.unread))
        self.toggle_button.setText(unread if self.unread else self.tr("&Chat"))

    def _submit(self) -> None:
        text = self.input.text().strip()
        if text:
            self.message_submitted.emit(text)
            self.input.clear()


def clock_time(stamp: str) -> str:
    """HH:MM in local time of a server timestamp (ISO-8601 UTC); now for one without a stamp."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00")) if stamp else datetime.now(UTC)
    except ValueError:
        return ""
    return moment.astimezone().strftime("%H:%M")
