"""The watermark: a notice in the top-right corner of every screen while anything is shared.

It draws one `WatermarkState` (what is granted, in words and an icon, and who holds it); the
words and icons per mode are in `watermark_look.py`.

It stays out of the customer's way (no focus, clicks pass through) and in the captured frames,
so the recording shows that the customer saw it. On X11 without a window manager it bypasses
the window manager and is raised periodically so other windows cannot cover it.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QGuiApplication, QPainter, QPaintEvent, QScreen
from PySide6.QtWidgets import QWidget

from client.core.watermark_state import WatermarkState
from client.ui.watermark_look import draw_icon, watermark_text

TOP_OFFSET = 44
"""Logical pixels below the screen's top edge, so title-bar close buttons stay reachable."""
RIGHT_MARGIN = 12
RAISE_INTERVAL_MS = 1000
BACKGROUND = QColor(176, 0, 32)
FOREGROUND = QColor(255, 255, 255)
PADDING = 12
ICON_GAP = 8


class Watermark(QWidget):
    """One screen's watermark. Placed in Qt logical coordinates of `screen`."""

    def __init__(self, screen: QScreen, state: WatermarkState) -> None:
        super().__init__(None)
        flags = (
            Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.Tool
            | Qt.WindowType.WindowTransparentForInput
            | Qt.WindowType.WindowDoesNotAcceptFocus
        )
        if QGuiApplication.platformName() == "xcb":
            flags |= Qt.WindowType.X11BypassWindowManagerHint
        self.setWindowFlags(flags)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.1)
        self.setFont(font)
        self.setScreen(screen)
        self._screen = screen
        self._text = ""
        self.state = state
        self.set_state(state)

    @property
    def text(self) -> str:
        return self._text

    def set_state(self, state: WatermarkState) -> None:
        """Show `state`; the notice stays anchored to the top-right corner."""
        self.state = state
        self._text = watermark_text(state)
        self.setAccessibleName(self._text)
        metrics = QFontMetrics(self.font())
        icon = metrics.height()
        width = PADDING + icon + ICON_GAP + metrics.horizontalAdvance(self._text) + PADDING
        height = metrics.height() + 14
        area = self._screen.geometry()
        left = area.right() + 1 - RIGHT_MARGIN - width
        self.setGeometry(QRect(left, area.top() + TOP_OFFSET, width, height))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.fillRect(self.rect(), BACKGROUND)
        painter.setPen(FOREGROUND)
        side = QFontMetrics(self.font()).height()
        text_area = self.rect().adjusted(PADDING + side + ICON_GAP, 0, -PADDING, 0)
        painter.drawText(text_area, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self._text)
        icon_box = QRectF(PADDING, (self.height() - side) / 2, side, side).adjusted(2, 2, -2, -2)
        draw_icon(painter, self.state.mode, icon_box)
        painter.end()


class WatermarkSet:
    """The watermarks of all screens, shown and hidden together."""

    def __init__(self, state: WatermarkState) -> None:
        self._state = state
        self._marks: list[Watermark] = []
        self._raise_timer = QTimer()
        self._raise_timer.setInterval(RAISE_INTERVAL_MS)
        self._raise_timer.timeout.connect(self._raise_all)

    @property
    def marks(self) -> list[Watermark]:
        return list(self._marks)

    def show(self) -> None:
        for screen in QGuiApplication.screens():
            mark = Watermark(screen, self._state)
            mark.show()
            self._marks.append(mark)
        self._raise_timer.start()
        for mark in self._marks:
            mark.raise_()

    def set_state(self, state: WatermarkState) -> None:
        """Every screen's watermark shows `state` from now on (the moment a tier or holder changes)."""
        self._state = state
        for mark in self._marks:
            mark.set_state(state)

    def all_exposed(self) -> bool:
        """Whether every screen's watermark is mapped and visible to the window system."""
        return bool(self._marks) and all(
            mark.isVisible() and mark.windowHandle() is not None and mark.windowHandle().isExposed()
            for mark in self._marks
        )

    def hide(self) -> None:
        self._raise_timer.stop()
        for mark in self._marks:
            mark.close()
            mark.deleteLater()
        self._marks.clear()

    def _raise_all(self) -> None:
        """Runs from the timer only: `sync()` processes events, which must not happen inside a task."""
        for mark in self._marks:
            mark.raise_()
        QGuiApplication.sync()
