"""Finds text a customer could not read in a shown window: clipped, elided, outside, overlapping."""

from __future__ import annotations

from itertools import combinations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QWidget,
)

_LEAVES = (QLabel, QAbstractButton, QLineEdit, QPlainTextEdit, QProgressBar)


def _plain(label: QLabel) -> str:
    text = label.text()
    if label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and "<" in text
    ):
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&") if label.buddy() else text


def _in_window(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


def _visible_leaves(window: QWidget) -> list[QWidget]:
    return [
        widget
        for widget in window.findChildren(QWidget)
        if isinstance(widget, _LEAVES) and widget.isVisibleTo(window) and widget.window() is window
        and not isinstance(widget.parentWidget(), QLineEdit | QPlainTextEdit)
    ]


def _label_problem(label: QLabel) -> str | None:
    text = _plain(label)
    if not text or not label.pixmap().isNull():
        return None
    room = label.contentsRect()
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height():
            return f"label {text[:40]!r} needs {needed} px of height, has {label.height()}"
        return None
    metrics = label.fontMetrics()
    widest = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
    if widest > room.width():
        return f"label {text[:40]!r} needs {widest} px of width, has {room.width()}"
    if metrics.height() * len(text.split("\n")) > room.height():
        return f"label {text[:40]!r} is cut off at the bottom"
    return None


def _control_problem(widget: QWidget) -> str | None:
    """A button or box narrower than its text; a line edit lower than one line of its text."""
    if isinstance(widget, QAbstractButton):
        needed = widget.sizeHint()
        name = widget.text()
    elif isinstance(widget, QLineEdit):
        needed = widget.sizeHint().boundedTo(QSize(0, widget.sizeHint().height()))
        name = widget.accessibleName()
    else:
        return None  # scrolls (the chat log) or has no text (the progress bar)
    if widget.width() < needed.width() or widget.height() < needed.height():
        return f"{name!r} is {widget.width()}x{widget.height()}, needs {needed.width()}x{needed.height()}"
    return None


def layout_problems(window: QWidget) -> list[str]:
    """Everything in the shown `window` whose text is clipped, elided, outside it or overlapped."""
    problems: list[str] = []
    leaves = _visible_leaves(window)
    bounds = window.rect()
    for widget in leaves:
        problem = _label_problem(widget) if isinstance(widget, QLabel) else _control_problem(widget)
        if problem:
            problems.append(problem)
        if not bounds.contains(_in_window(widget, window)):
            problems.append(f"{type(widget).__name__} {widget.accessibleName()!r} lies outside the window")
    for first, second in combinations(leaves, 2):
        if _in_window(first, window).intersects(_in_window(second, window)):
            problems.append(
                f"{type(first).__name__} {first.accessibleName()!r} overlaps "
                f"{type(second).__name__} {second.accessibleName()!r}"
            )
    return problems
