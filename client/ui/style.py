"""The client's one visual style: calm, large and high-contrast, set once for the whole application.

Every customer window gets it through the QApplication (palette, font, style sheet); widgets
only say what a control *is* with `mark(widget, Role.…)`, never how it looks. Text is 12 pt
(11 pt at the smallest), colours keep at least 7:1 contrast for text on its background (WCAG AAA),
and the focused control always shows a thick outline, because many customers use the keyboard
while someone on the phone tells them what to press.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QLayout, QWidget

BASE_POINT_SIZE = 12.0
SMALL_POINT_SIZE = 11.0
"""The smallest text anywhere in the client."""
HEADING_SCALE = 1.25
SPACING = 12
MARGIN = 20

WINDOW = QColor("#ffffff")
TEXT = QColor("#1a1a1a")
MUTED_TEXT = QColor("#3d3d3d")
ACCENT = QColor("#0a4f99")
"""Primary buttons and the focus ring (9.0:1 on white)."""
ON_ACCENT = QColor("#ffffff")
DANGER = QColor("#a4001d")
"""Errors and the end-session button (8.3:1 on white)."""
BORDER = QColor("#767676")
"""Borders of controls (4.5:1 on white); 3 px in every state, so focus never moves the layout."""
FOCUS = QColor("#b35900")
"""The focus ring (4.6:1 on white), distinct from the accent so a focused primary button shows it."""
SURFACE = QColor("#eef2f7")


class Role(Enum):
    """What a widget is, for the style sheet: `mark(widget, Role.PRIMARY)`."""

    PRIMARY = "primary"
    DANGER = "danger"
    ERROR = "error"
    HEADING = "heading"
    ORGANISATION = "organisation"
    NOTE = "note"


def mark(widget: QWidget, role: Role) -> None:
    """Give `widget` a role the style sheet knows; repolished so it shows at once."""
    widget.setProperty("role", role.value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def _style_sheet() -> str:
    return f"""
QWidget {{ color: {TEXT.name()}; }}
QDialog, QMessageBox, QWidget#controlPanel {{ background: {WINDOW.name()}; }}
QLabel[role="heading"] {{ font-size: {BASE_POINT_SIZE * HEADING_SCALE:.1f}pt; font-weight: bold; }}
QLabel[role="organisation"] {{ font-size: {BASE_POINT_SIZE * HEADING_SCALE:.1f}pt; font-weight: bold;
    color: {ACCENT.name()}; }}
QLabel[role="error"] {{ color: {DANGER.name()}; font-weight: bold; border-left: 4px solid {DANGER.name()};
    padding-left: 8px; }}
QLabel[role="note"] {{ color: {MUTED_TEXT.name()}; font-size: {SMALL_POINT_SIZE:.1f}pt; }}
QPushButton {{ background: {SURFACE.name()}; border: 3px solid {BORDER.name()}; border-radius: 6px;
    padding: 8px 18px; min-height: 1.4em; }}
QPushButton:hover {{ background: #dde5ef; }}
QPushButton:focus {{ border-color: {FOCUS.name()}; }}
QPushButton:disabled {{ color: #6b6b6b; border-color: #b0b0b0; background: #f4f4f4; }}
QPushButton[role="primary"] {{ background: {ACCENT.name()}; color: {ON_ACCENT.name()};
    border-color: {ACCENT.name()}; font-weight: bold; }}
QPushButton[role="primary"]:focus, QPushButton[role="danger"]:focus {{ border-color: {FOCUS.name()}; }}
QPushButton[role="primary"]:disabled {{ background: #9db3cc; border-color: #9db3cc; color: #ffffff; }}
QPushButton[role="danger"] {{ background: {DANGER.name()}; color: {ON_ACCENT.name()};
    border-color: {DANGER.name()}; font-weight: bold; }}
QLineEdit, QPlainTextEdit {{ background: #ffffff; border: 3px solid {BORDER.name()}; border-radius: 4px;
    padding: 6px; }}
QLineEdit:focus, QPlainTextEdit:focus {{ border-color: {FOCUS.name()}; }}
QCheckBox {{ spacing: 10px; border: 2px solid transparent; border-radius: 4px; }}
QCheckBox:focus {{ border-color: {FOCUS.name()}; }}
QCheckBox::indicator {{ width: 20px; height: 20px; }}
"""


def _palette() -> QPalette:
    palette = QPalette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Window, WINDOW)
        palette.setColor(group, QPalette.ColorRole.WindowText, TEXT)
        palette.setColor(group, QPalette.ColorRole.Base, WINDOW)
        palette.setColor(group, QPalette.ColorRole.Text, TEXT)
        palette.setColor(group, QPalette.ColorRole.Button, SURFACE)
        palette.setColor(group, QPalette.ColorRole.ButtonText, TEXT)
        palette.setColor(group, QPalette.ColorRole.Highlight, ACCENT)
        palette.setColor(group, QPalette.ColorRole.HighlightedText, ON_ACCENT)
        palette.setColor(group, QPalette.ColorRole.PlaceholderText, MUTED_TEXT)
    return palette


def apply_style(app: QApplication) -> None:
    """Set the client's look on `app`; call once, before the first window is shown."""
    app.setStyle("Fusion")
    app.setPalette(_palette())
    font = QFont(app.font())
    font.setPointSizeF(max(font.pointSizeF(), BASE_POINT_SIZE))
    app.setFont(font)
    app.setStyleSheet(_style_sheet())


def lay_out(layout: QLayout) -> None:
    """The client's margins and spacing for a window's top-level layout."""
    layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
    layout.setSpacing(SPACING)


def fit_to_content(window: QWidget) -> None:
    """Grow `window` (and its minimum size) so that all of its text fits.

    Qt leaves word-wrapped labels' height-for-width out of a window's minimum size, and an explicit
    minimum width hides the layout's own; so a window whose text grows (an error line, a longer
    translation, a larger scale) clips it unless it is fitted again after the change.
    """
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    least = layout.minimumSize()
    width = max(window.width(), least.width(), window.minimumWidth())
    height = layout.heightForWidth(width) if layout.hasHeightForWidth() else layout.sizeHint().height()
    height = max(height, least.height())
    window.setMinimumSize(max(least.width(), window.minimumWidth()), height)
    if window.height() < height or window.width() < width:
        window.resize(width, max(height, window.height()))


class _ContentFitter(QObject):
    """Refits its window whenever the window's layout changes or the window is shown."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._busy = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (
            not self._busy
            and isinstance(watched, QWidget)
            and event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Show)
        ):
            self._busy = True
            try:
                fit_to_content(watched)
            finally:
                self._busy = False
        return False


def keep_fitted(window: QWidget) -> None:
    """From now on, `window` grows whenever its content needs more room (see `fit_to_content`)."""
    window.installEventFilter(_ContentFitter(window))
