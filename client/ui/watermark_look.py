"""The watermark's words and icon for each `WatermarkMode`: the one table to extend for a new mode."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen, QPolygonF

from client.core.watermark_state import WatermarkMode, WatermarkState


def watermark_text(state: WatermarkState) -> str:
    """The sentence on the watermark: the mode in words, then who."""
    templates = {
        WatermarkMode.VIEWING: QCoreApplication.translate("Watermark", "Viewing: %1 (%2) sees your screen"),
        WatermarkMode.CONTROLLING: QCoreApplication.translate(
            "Watermark", "Controlling: %1 (%2) can use your mouse and keyboard"
        ),
        WatermarkMode.CUSTOMER_HAS_CONTROL: QCoreApplication.translate(
            "Watermark", "Customer has control: %1 (%2) is paused"
        ),
        WatermarkMode.ADMIN: QCoreApplication.translate(
            "Watermark", "Admin: %1 (%2) may act with administrator rights"
        ),
        WatermarkMode.RECONNECTING: QCoreApplication.translate(
            "Watermark", "Reconnecting: %1 (%2) sees nothing until the connection is back"
        ),
    }
    return templates[state.mode].replace("%1", state.expert_name).replace("%2", state.organisation)


def draw_icon(painter: QPainter, mode: WatermarkMode, box: QRectF) -> None:
    """Draw the mode's icon into `box` with the painter's pen colour (an outline and solid shapes)."""
    colour = painter.pen().color()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(colour, max(box.width() / 10, 1.5)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    _ICONS[mode](painter, box)


def _eye(painter: QPainter, box: QRectF) -> None:
    painter.drawEllipse(box.adjusted(0, box.height() * 0.2, 0, -box.height() * 0.2))
    painter.setBrush(painter.pen().color())
    radius = box.width() * 0.16
    painter.drawEllipse(box.center(), radius, radius)


def _pointer(painter: QPainter, box: QRectF) -> None:
    x, y, w, h = box.x(), box.y(), box.width(), box.height()
    arrow = QPolygonF(
        [
            QPointF(x + w * 0.2, y),
            QPointF(x + w * 0.2, y + h * 0.85),
            QPointF(x + w * 0.42, y + h * 0.65),
            QPointF(x + w * 0.6, y + h),
            QPointF(x + w * 0.75, y + h * 0.93),
            QPointF(x + w * 0.58, y + h * 0.58),
            QPointF(x + w * 0.85, y + h * 0.58),
        ]
    )
    painter.setBrush(painter.pen().color())
    painter.drawPolygon(arrow)


def _pause(painter: QPainter, box: QRectF) -> None:
    painter.setBrush(painter.pen().color())
    bar = box.width() * 0.22
    painter.drawRect(QRectF(box.x() + box.width() * 0.18, box.y(), bar, box.height()))
    painter.drawRect(QRectF(box.right() - box.width() * 0.18 - bar, box.y(), bar, box.height()))


def _shield(painter: QPainter, box: QRectF) -> None:
    x, y, w, h = box.x(), box.y(), box.width(), box.height()
    path = QPainterPath(QPointF(x + w / 2, y))
    path.lineTo(x + w * 0.95, y + h * 0.18)
    path.cubicTo(x + w * 0.95, y + h * 0.65, x + w * 0.7, y + h * 0.88, x + w / 2, y + h)
    path.cubicTo(x + w * 0.3, y + h * 0.88, x + w * 0.05, y + h * 0.65, x + w * 0.05, y + h * 0.18)
    path.closeSubpath()
    painter.setBrush(painter.pen().color())
    painter.drawPath(path)


_ICONS = {
    WatermarkMode.VIEWING: _eye,
    WatermarkMode.CONTROLLING: _pointer,
    WatermarkMode.CUSTOMER_HAS_CONTROL: _pause,
    WatermarkMode.ADMIN: _shield,
    WatermarkMode.RECONNECTING: _pause,
}
