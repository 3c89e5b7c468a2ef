"""The session-number dialog accepts what people type and only asks to join with a whole number."""

import pytest
from PySide6.QtCore import Qt

from client.ui.number_dialog import SessionNumberDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def dialog(qtbot):
    widget = SessionNumberDialog("Beispiel GmbH")
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_connect_is_enabled_only_for_a_complete_number(qtbot, dialog):
    assert not dialog.connect_button.isEnabled()
    qtbot.keyClicks(dialog.number_edit, "123 45")
    assert not dialog.connect_button.isEnabled()
    qtbot.keyClicks(dialog.number_edit, "6-789")
    assert dialog.connect_button.isEnabled()


def test_letters_cannot_be_typed(qtbot, dialog):
    qtbot.keyClicks(dialog.number_edit, "12a3b4")
    assert dialog.number_edit.text() == "1234"


def test_clicking_connect_requests_the_digits_only(qtbot, dialog):
    qtbot.keyClicks(dialog.number_edit, "482 190-337")
    with qtbot.waitSignal(dialog.join_requested) as joined:
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert joined.args == ["482190337"]


def test_enter_joins_with_a_complete_number(qtbot, dialog):
    qtbot.keyClicks(dialog.number_edit, "482190337")
    with qtbot.waitSignal(dialog.join_requested) as joined:
        qtbot.keyClick(dialog.number_edit, Qt.Key.Key_Return)
    assert joined.args == ["482190337"]


def test_escape_cancels(qtbot, dialog):
    with qtbot.waitSignal(dialog.cancelled):
        qtbot.keyClick(dialog.number_edit, Qt.Key.Key_Escape)


def test_busy_state_blocks_input_and_error_brings_the_form_back(qtbot, dialog):
    qtbot.keyClicks(dialog.number_edit, "482190337")
    dialog.show_busy()
    assert dialog.progress.isVisible()
    assert not dialog.number_edit.isEnabled()
    assert not dialog.connect_button.isEnabled()
    dialog.show_error("This session number is not valid.")
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == "This session number is not valid."
    assert not dialog.progress.isVisible()
    assert dialog.number_edit.isEnabled()
    assert dialog.connect_button.isEnabled()


def test_every_control_has_an_accessible_name(dialog):
    for widget in (dialog, dialog.number_edit, dialog.connect_button, dialog.cancel_button, dialog.progress):
        assert widget.accessibleName()
