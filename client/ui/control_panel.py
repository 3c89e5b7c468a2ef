"""The always-visible control panel: who sees the screen, the chat, and one click to end the session."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from client.ui.chat_box import ChatBox

SCREEN_MARGIN = 24


class ControlPanel(QWidget):
    """Shows the session state.

    Signals: `end_requested()` (the button, or closing the window); `view_only_requested()` (drop
    remote control, keep showing the screen).
    """

    end_requested = Signal()
    view_only_requested = Signal()

    def __init__(self, expert_name: str, organisation: str) -> None:
        super().__init__(None)
        self.setWindowTitle(self.tr("Fernhilfe remote support"))
        self.setAccessibleName(self.tr("Remote support control panel"))
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self._ending = False

        self._status = (
            self.tr("%1 (%2) can see your screen.").replace("%1", expert_name).replace("%2", organisation)
        )
        self.status_label = QLabel(self._status)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(self.tr("Session state"))

        self.tier_label = QLabel(self.tr("Permissions: view only. Your mouse and keyboard stay yours."))
        self.tier_label.setWordWrap(True)

        self.view_only_button = QPushButton(self.tr("&View only"))
        self.view_only_button.setAccessibleName(self.tr("Stop remote control, keep showing the screen"))
        self.view_only_button.hide()

        self.chat = ChatBox()

        self.end_button = QPushButton(self.tr("&End session"))
        self.end_button.setAccessibleName(self.tr("End session"))
        self.end_button.setStyleSheet("font-weight: bold;")

        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(self.tier_label)
        layout.addWidget(self.view_only_button)
        layout.addWidget(self.chat)
        layout.addWidget(self.end_button)
        self.setMinimumWidth(320)

        self.end_button.clicked.connect(self._request_end)
        self.view_only_button.clicked.connect(self.view_only_requested.emit)

    def show_control(self, tier: int, expert_holds: bool) -> None:
        """Show what is granted now and who has mouse and keyboard."""
        if tier < 2:
            self.tier_label.setText(self.tr("Permissions: view only. Your mouse and keyboard stay yours."))
        elif expert_holds:
            self.tier_label.setText(
                self.tr("Remote control is on. Move your mouse to take over at any time.")
            )
        else:
            self.tier_label.setText(
                self.tr("You have control. Remote control resumes when you stop using mouse and keyboard.")
            )
        self.view_only_button.setVisible(tier >= 2)
        self.adjustSize()

    def show_reconnecting(self, reconnecting: bool) -> None:
        """Say that the connection is being restored (nothing is shared meanwhile), or that it is back."""
        if reconnecting:
            self.status_label.setText(
                self.tr("The connection was lost. Reconnecting… Nothing is shared or controlled meanwhile.")
            )
        else:
            self.status_label.setText(self._status)
        self.adjustSize()

    def place_bottom_right(self) -> None:
        area = QGuiApplication.primaryScreen().availableGeometry()
        self.adjustSize()
        size = self.size()
        self.move(area.right() - size.width() - SCREEN_MARGIN, area.bottom() - size.height() - SCREEN_MARGIN)

    def close_for_end(self) -> None:
        """Close because the session is over (not a request to end it)."""
        self._ending = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if not self._ending:
            self._request_end()
        super().closeEvent(event)

    def _request_end(self) -> None:
        if not self._ending:
            self._ending = True
            self.end_requested.emit()
