"""The watermark sits top-right on every screen, out of the way of input, until it is hidden."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from client.ui.watermark import RIGHT_MARGIN, TOP_OFFSET, WatermarkSet

pytestmark = pytest.mark.gui


@pytest.fixture
def watermarks(qapp):
    marks = WatermarkSet("Fernhilfe: Anna Berger (Beispiel GmbH) sees this screen")
    yield marks
    marks.hide()


def test_one_watermark_per_screen_in_the_top_right_corner(qtbot, watermarks):
    watermarks.show()
    qtbot.waitUntil(watermarks.all_exposed)
    screens = QGuiApplication.screens()
    assert len(watermarks.marks) == len(screens)
    for mark, screen in zip(watermarks.marks, screens, strict=True):
        area = screen.geometry()
        frame = mark.geometry()
        assert frame.right() == area.right() - RIGHT_MARGIN
        assert frame.top() == area.top() + TOP_OFFSET
        assert area.contains(frame)


def test_the_watermark_never_takes_focus_or_clicks(qtbot, watermarks):
    watermarks.show()
    qtbot.waitUntil(watermarks.all_exposed)
    for mark in watermarks.marks:
        flags = mark.windowFlags()
        assert flags & Qt.WindowType.WindowTransparentForInput
        assert flags & Qt.WindowType.WindowDoesNotAcceptFocus
        assert flags & Qt.WindowType.WindowStaysOnTopHint
        assert not mark.isActiveWindow()


def test_hiding_removes_every_watermark(qtbot, watermarks):
    watermarks.show()
    qtbot.waitUntil(watermarks.all_exposed)
    shown = watermarks.marks
    watermarks.hide()
    assert watermarks.marks == []
    assert not watermarks.all_exposed()
    assert all(not mark.isVisible() for mark in shown)


def test_nothing_shown_is_not_exposed(watermarks):
    assert not watermarks.all_exposed()
