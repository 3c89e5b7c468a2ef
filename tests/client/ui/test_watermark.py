"""The watermark sits top-right on every screen, out of the way of input, until it is hidden."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from client.core.watermark_state import WatermarkMode, WatermarkState
from client.ui.watermark import RIGHT_MARGIN, TOP_OFFSET, WatermarkSet
from client.ui.watermark_look import watermark_text
from tests.support.customer import watermark_shows

pytestmark = pytest.mark.gui


@pytest.fixture
def watermarks(qapp):
    marks = WatermarkSet(WatermarkState(WatermarkMode.VIEWING, "Anna Berger", "Beispiel GmbH"))
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


ANNA = ("Anna Berger", "Beispiel GmbH")


def test_each_mode_says_what_is_granted_in_words_and_who(qapp):
    texts = {mode: watermark_text(WatermarkState(mode, *ANNA)) for mode in WatermarkMode}
    assert texts == {
        WatermarkMode.VIEWING: "Viewing: Anna Berger (Beispiel GmbH) sees your screen",
        WatermarkMode.CONTROLLING: "Controlling: Anna Berger (Beispiel GmbH) can use your mouse and keyboard",
        WatermarkMode.CUSTOMER_HAS_CONTROL: "Customer has control: Anna Berger (Beispiel GmbH) is paused",
        WatermarkMode.ADMIN: "Admin: Anna Berger (Beispiel GmbH) may act with administrator rights",
        WatermarkMode.RECONNECTING: (
            "Reconnecting: Anna Berger (Beispiel GmbH) sees nothing until the connection is back"
        ),
    }


def test_the_screen_shows_each_mode_the_moment_it_changes(qtbot, watermarks):
    watermarks.show()
    qtbot.waitUntil(watermarks.all_exposed)
    renders = set()
    for mode in [*WatermarkMode, WatermarkMode.VIEWING]:
        state = WatermarkState(mode, *ANNA)
        watermarks.set_state(state)
        qtbot.waitUntil(lambda state=state: watermark_shows(state))
        assert all(mark.text == watermark_text(state) for mark in watermarks.marks)
        assert not watermark_shows(WatermarkState(_other(mode), *ANNA))
        renders.add(mode)
    assert renders == set(WatermarkMode)


def _other(mode):
    modes = list(WatermarkMode)
    return modes[(modes.index(mode) + 1) % len(modes)]
