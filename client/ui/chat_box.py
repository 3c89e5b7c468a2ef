"""The customer's side of the chat, in the control panel: bubbles like the console's.

A message from the support contact opens the chat by itself (with the system's bell), so a
customer on the phone sees the instructions without finding a button first.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from protocol.limits import MAX_CHAT_CHARS

LOG_MIN_HEIGHT = 80
LOG_PREFERRED_HEIGHT = 200
BUBBLE_STYLE = {
    True: "background: #1f5fa8; color: #ffffff; border-radius: 10px; padding: 6px 10px;",
    False: "background: #eef1f4; color: #1b1f24; border-radius: 10px; padding: 6px 10px;",
}


class ChatBubble(QFrame):
    """One message: author and time above, the text as plain text in a rounded bubble."""

    def __init__(self, author: str, text: str, time_text: str, *, own: bool) -> None:
        super().__init__()
        self.own = own
        meta = f"{author} · {time_text}" if time_text else author
        self.meta_label = QLabel(meta)
        self.meta_label.setTextFormat(Qt.TextFormat.PlainText)
        self.text_label = QLabel(text)
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text_label.setStyleSheet(BUBBLE_STYLE[own])
        self.setAccessibleName(f"{meta}: {text}")
        align = Qt.AlignmentFlag.AlignRight if own else Qt.AlignmentFlag.AlignLeft
        self.meta_label.setAlignment(align)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        if own:
            row.addStretch(1)
        row.addWidget(self.text_label, 4)
        if not own:
            row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.meta_label)
        layout.addLayout(row)

    def plain_text(self) -> str:
        return f"{self.meta_label.text()}: {self.text_label.text()}"


class ChatBox(QWidget):
    """Shows messages as plain text (never as markup).

    Signals: `message_submitted(text)`; `opened_changed(bool)` when the chat is shown or hidden, so
    the panel can keep itself on screen.
    """

    message_submitted = Signal(str)
    opened_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bubbles: list[ChatBubble] = []
        self._focus_on_open = True
        self.toggle_button = QPushButton()
        self.toggle_button.setCheckable(True)
        self.toggle_button.setAccessibleName(self.tr("Show or hide the chat"))

        self._log_body = QWidget()
        self._log_layout = QVBoxLayout(self._log_body)
        self._log_layout.addStretch(1)
        self.log = QScrollArea()
        self.log.setWidget(self._log_body)
        self.log.setWidgetResizable(True)
        self.log.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.log.setAccessibleName(self.tr("Chat messages"))
        self.log.setMinimumHeight(LOG_MIN_HEIGHT)
        self.log.verticalScrollBar().rangeChanged.connect(self._scroll_to_end)

        self.input = QLineEdit()
        self.input.setMaxLength(MAX_CHAT_CHARS)
        self.input.setPlaceholderText(self.tr("Write to your support contact"))
        self.input.setAccessibleName(self.tr("Message to your support contact"))
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setAccessibleName(self.tr("Send message"))

        self._body = QWidget()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.input, 1)
        row.addWidget(self.send_button)
        body_layout = QVBoxLayout(self._body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.log, 1)
        body_layout.addLayout(row)
        self._body.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toggle_button)
        layout.addWidget(self._body, 1)

        self.toggle_button.toggled.connect(self._set_open)
        self.send_button.clicked.connect(self._submit)
        self.input.returnPressed.connect(self._submit)
        self._update_toggle()

    @property
    def is_open(self) -> bool:
        return self.toggle_button.isChecked()

    def text(self) -> str:
        """The conversation as lines of "author · time: text", for tests and screen readers."""
        return "\n".join(bubble.plain_text() for bubble in self.bubbles)

    def add_message(self, author: str, text: str, time_text: str, *, own: bool) -> None:
        """Append one message; someone else's message opens the chat without taking the keyboard."""
        bubble = ChatBubble(author, text, time_text, own=own)
        self.bubbles.append(bubble)
        self._log_layout.addWidget(bubble)
        if not own:
            QApplication.beep()
            if not self.is_open:
                self._open(focus_input=False)

    def _open(self, *, focus_input: bool) -> None:
        self._focus_on_open = focus_input
        self.toggle_button.setChecked(True)

    def _set_open(self, opened: bool) -> None:
        self._body.setVisible(opened)
        if opened and self._focus_on_open:
            self.input.setFocus()
        self._focus_on_open = True
        self._update_toggle()
        self.opened_changed.emit(opened)

    def _update_toggle(self) -> None:
        self.toggle_button.setText(self.tr("Hide &chat") if self.is_open else self.tr("&Chat"))

    def _scroll_to_end(self, _minimum: int, maximum: int) -> None:
        self.log.verticalScrollBar().setValue(maximum)

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
