"""What a screen reader gets from every customer window, read through Qt's accessibility interface."""

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface

from client.core.watermark_state import WatermarkMode, WatermarkState
from client.ui.watermark import WatermarkSet
from tests.support.window_gallery import LANGUAGES, WINDOWS, language, show

pytestmark = pytest.mark.gui

CONTROLS = {
    QAccessible.Role.Button,
    QAccessible.Role.CheckBox,
    QAccessible.Role.EditableText,
    QAccessible.Role.ProgressBar,
}


def tree(node: QAccessibleInterface) -> Iterator[QAccessibleInterface]:
    yield node
    for index in range(node.childCount()):
        child = node.child(index)
        if child is not None and child.isValid():
            yield from tree(child)


def shown_controls(window) -> list[QAccessibleInterface]:
    root = QAccessible.queryAccessibleInterface(window)
    return [node for node in tree(root) if node.role() in CONTROLS and not node.state().invisible]


@pytest.fixture
def open_window(qtbot):
    opened = []

    def open_one(name):
        window = show(name)
        qtbot.addWidget(window)
        opened.append(window)
        return window

    return open_one


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("name", [name for name in WINDOWS if name != "watermark"])
def test_every_control_has_a_name_and_a_description(open_window, name, code):
    with language(code):
        window = open_window(name)
    controls = shown_controls(window)
    assert controls, "the window shows controls"
    for control in controls:
        label = control.text(QAccessible.Text.Name)
        assert label, f"{control.role()} has no name"
        if control.role() is not QAccessible.Role.ProgressBar:
            assert control.text(QAccessible.Text.Description), f"{label!r} has no description"
    window_node = QAccessible.queryAccessibleInterface(window)
    assert window_node.text(QAccessible.Text.Name)


def tab_cycle(qtbot, window, steps):
    """The accessible names of the focused control, then after each of `steps` presses of Tab."""
    names = []
    for step in range(steps + 1):
        if step:
            qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
        names.append(QAccessible.queryAccessibleInterface(window.focusWidget()).text(QAccessible.Text.Name))
    return names


def test_the_number_dialog_tabs_top_to_bottom_and_round(qtbot, open_window):
    window = open_window("number-dialog-wrong-number")
    qtbot.waitUntil(lambda: window.focusWidget() is window.number_edit)
    assert tab_cycle(qtbot, window, 5) == [
        "Session number",
        "Keep Fernhilfe on this computer",
        "Copy details for support",
        "Connect",
        "Cancel",
        "Session number",
    ]


def test_the_consent_dialog_starts_on_deny_and_tabs_to_allow(qtbot, open_window):
    window = open_window("consent-view")
    names = tab_cycle(qtbot, window, 2)
    assert names == ["Deny screen viewing", "Allow screen viewing", "Deny screen viewing"]


def test_an_error_notice_starts_on_ok_and_tabs_to_the_details(qtbot, open_window):
    window = open_window("notice-connection-lost")
    assert tab_cycle(qtbot, window, 2) == [
        "Close this message",
        "Copy details for support",
        "Close this message",
    ]


@pytest.mark.parametrize("key", [Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_space_and_enter_press_the_focused_button_of_the_control_panel(qtbot, open_window, key):
    panel = open_window("control-panel")
    panel.end_button.setFocus()
    with qtbot.waitSignal(panel.end_requested):
        qtbot.keyClick(panel.end_button, key)


@pytest.mark.parametrize("key", [Qt.Key.Key_Space, Qt.Key.Key_Return])
def test_space_and_enter_press_the_focused_details_button_not_the_default(qtbot, open_window, key):
    notice = open_window("notice-connection-lost")
    notice.diagnostics_button.setFocus()
    with qtbot.waitSignal(notice.diagnostics_requested):
        qtbot.keyClick(notice.diagnostics_button, key)
    assert notice.isVisible(), "OK, the default button, was not pressed"


@pytest.mark.parametrize("key", [Qt.Key.Key_Space, Qt.Key.Key_Return])
def test_enter_on_the_focused_details_button_does_not_connect(qtbot, open_window, key):
    dialog = open_window("number-dialog-wrong-number")
    assert dialog.connect_button.isEnabled() and dialog.connect_button.isDefault()
    dialog.diagnostics_button.setFocus()
    with qtbot.assertNotEmitted(dialog.join_requested), qtbot.waitSignal(dialog.diagnostics_requested):
        qtbot.keyClick(dialog.diagnostics_button, key)


def test_the_watermark_tells_a_screen_reader_who_sees_the_screen(qtbot):
    marks = WatermarkSet(WatermarkState(WatermarkMode.VIEWING, "Anna Berger", "Beispiel GmbH"))
    marks.show()
    try:
        qtbot.waitUntil(marks.all_exposed)
        for mark in marks.marks:
            node = QAccessible.queryAccessibleInterface(mark)
            assert node.text(QAccessible.Text.Name) == mark.text
            assert "Anna Berger (Beispiel GmbH)" in mark.text
            assert "End the session" in node.text(QAccessible.Text.Description)
    finally:
        marks.hide()
