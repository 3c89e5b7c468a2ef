"""The always-visible control panel: who sees the screen, the chat, and one click to end the session.

The panel keeps itself wholly inside the available area of the monitor it is on: it grows upward
from its bottom edge when the chat opens, and never grows taller than that area (the chat's
message list shrinks instead), so "End session" can never end up below the screen edge.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QMoveEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from client.core.actions import LinkTrouble
from client.ui.admin_view import AdminView
from client.ui.branding import BrandHeader, Organisation
from client.ui.chat_box import ChatBox
from client.ui.style import Role, lay_out, mark

SCREEN_MARGIN = 24


def fitted_rect(frame: QRect, anchor: QPoint, area: QRect) -> QRect:
    """Where a window frame of `frame`'s size goes: bottom-right corner at `anchor`, inside `area`.

    Keeping the bottom-right corner makes the panel grow upward and leftward; the area wins over
    the anchor, so no edge is ever outside it.
    """
    width = min(frame.width(), area.width())
    height = min(frame.height(), area.height())
    left = min(max(anchor.x() - width + 1, area.left()), area.right() - width + 1)
    top = min(max(anchor.y() - height + 1, area.top()), area.bottom() - height + 1)
    return QRect(left, top, width, height)


class ControlPanel(QWidget):
    """Shows the session state.

    Signals: `end_requested()` (the button, or closing the window); `view_only_requested()` (drop
    remote control, keep showing the screen). A normal window (in the task bar and Alt+Tab),
    always on top; Alt+S stops the session, Alt+C shows the chat, Alt+V drops remote control.
    """

    end_requested = Signal()
    view_only_requested = Signal()

    def __init__(self, expert_name: str, organisation: str, branding: Organisation | None = None) -> None:
        """`branding` is the organisation the client was built for (its header on top)."""
        super().__init__(None)
        self.setObjectName("controlPanel")
        self.setWindowTitle(self.tr("Fernhilfe remote support"))
        self.setAccessibleName(self.tr("Remote support control panel"))
        self.setAccessibleDescription(
            self.tr(
                "Shows who can see your screen. "
                "Alt+S stops the session, Alt+C shows the chat, Alt+V stops remote control."
            )
        )
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self._ending = False
        self._anchor: QPoint | None = None
        self._fitting = False

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
        self.view_only_button.setAccessibleDescription(
            self.tr("Your support contact can still see your screen but no longer use it.")
        )
        self.view_only_button.hide()

        self.admin = AdminView(branding.support_phone if branding is not None else "")
        self.chat = ChatBox()

        self.end_button = QPushButton(self.tr("&Stop"))
        self.end_button.setAccessibleName(self.tr("End session"))
        self.end_button.setAccessibleDescription(
            self.tr("Stops sharing your screen at once and disconnects your support contact.")
        )
        self.end_button.setToolTip(self.tr("Stop ends the session at once: nothing is shared any more."))
        mark(self.end_button, Role.DANGER)
        for button in (self.view_only_button, self.end_button):
            button.setAutoDefault(True)  # outside a dialog: Enter presses the focused button, like Space
        self.shortcut_label = QLabel()
        self.shortcut_label.setWordWrap(True)
        self.shortcut_label.hide()

        self._layout = layout = QVBoxLayout(self)
        lay_out(layout)
        if branding is not None:
            layout.addWidget(BrandHeader(branding))
        layout.addWidget(self.status_label)
        layout.addWidget(self.tier_label)
        layout.addWidget(self.view_only_button)
        layout.addWidget(self.admin)
        layout.addWidget(self.chat, 1)
        layout.addWidget(self.end_button)
        layout.addWidget(self.shortcut_label)
        self.setMinimumWidth(320)

        self.end_button.clicked.connect(self._request_end)
        self.view_only_button.clicked.connect(self.view_only_requested.emit)
        self.chat.opened_changed.connect(self._on_chat_opened)

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
        self.fit_on_screen()

    def show_stop_shortcut(self, shortcut: str) -> None:
        """Name the key combination that stops the session from anywhere on the desktop, with the
        key names printed on the customer's keyboard (a German one says Strg and Ende)."""
        printed = {
            "Ctrl+Alt+End": self.tr("Ctrl+Alt+End"),
            "Control+Option+End": self.tr("Control+Option+End"),
        }.get(shortcut, shortcut)
        self.shortcut_label.setText(self.tr("Or press %1 anywhere to stop.").replace("%1", printed))
        self.shortcut_label.show()

    def show_reconnecting(self, trouble: LinkTrouble | None) -> None:
        """Say that the connection is being restored and why (nothing is shared meanwhile), or, for
        None, that it is back."""
        if trouble is LinkTrouble.SERVER_RESTARTING:
            self.status_label.setText(
                self.tr(
                    "The support server is restarting. Reconnecting… "
                    "Nothing is shared or controlled meanwhile."
                )
            )
        elif trouble is LinkTrouble.SERVER_UNREACHABLE:
            self.status_label.setText(
                self.tr(
                    "The support server cannot be reached right now (it may be restarting, or the network "
                    "is down). Still trying… Nothing is shared or controlled meanwhile."
                )
            )
        elif trouble is LinkTrouble.LOST:
            self.status_label.setText(
                self.tr("The connection was lost. Reconnecting… Nothing is shared or controlled meanwhile.")
            )
        else:
            self.status_label.setText(self._status)
        self.adjustSize()

    def place_bottom_right(self) -> None:
        """Put the panel in the bottom-right corner of the primary monitor's available area."""
        area = QGuiApplication.primaryScreen().availableGeometry()
        self._anchor = QPoint(area.right() - SCREEN_MARGIN, area.bottom() - SCREEN_MARGIN)
        self.fit_on_screen()

    def fit_on_screen(self) -> None:
        """Take the size the content needs, capped by the monitor, and keep the bottom-right corner."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        self._layout.activate()
        decoration = self.frameGeometry().size() - self.geometry().size()
        wanted = self.sizeHint().expandedTo(self.minimumSizeHint())
        width = min(max(wanted.width(), self.minimumWidth()), area.width() - decoration.width())
        height = min(wanted.height(), area.height() - decoration.height())
        anchor = self._anchor or self.frameGeometry().bottomRight()
        frame = QRect(0, 0, width + decoration.width(), height + decoration.height())
        target = fitted_rect(frame, anchor, area)
        self._fitting = True
        try:
            self.resize(width, height)
            self.move(target.topLeft())
        finally:
            self._fitting = False

    def close_for_end(self) -> None:
        """Close because the session is over (not a request to end it)."""
        self._ending = True
        self.close()

    def event(self, event: QEvent) -> bool:
        """After the layout changed (a longer text, a shown button), fit again."""
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest and self.isVisible() and not self._fitting:
            self.fit_on_screen()
        return handled

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.fit_on_screen()

    def moveEvent(self, event: QMoveEvent) -> None:  # noqa: N802 (Qt override)
        """A move the customer made (dragging the panel) becomes the new corner to grow from.

        A move that would put part of the panel off the monitor is pulled back inside.
        """
        super().moveEvent(event)
        if not self._fitting and self.isVisible():
            self._anchor = self.frameGeometry().bottomRight()
            self.fit_on_screen()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if not self._ending:
            self._request_end()
        super().closeEvent(event)

    def _on_chat_opened(self, _opened: bool) -> None:
        self.fit_on_screen()
        self.raise_()

    def _request_end(self) -> None:
        if not self._ending:
            self._ending = True
            self.end_requested.emit()
