"""The session-number dialog accepts what people type and only asks to join with a whole number."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QKeySequence

from client.ui.branding import LOGO_HEIGHT
from client.ui.number_dialog import SessionNumberDialog
from tests.support.layout_check import layout_problems

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
    qtbot.keyClicks(dialog.number_edit, "6-7")
    assert not dialog.connect_button.isEnabled(), "7 digits are not a number this server issues"
    qtbot.keyClicks(dialog.number_edit, "89")
    assert dialog.connect_button.isEnabled()


def test_digits_are_grouped_as_the_console_shows_them_while_typing(qtbot, dialog):
    qtbot.keyClicks(dialog.number_edit, "1234")
    assert dialog.number_edit.text() == "123 4"
    qtbot.keyClicks(dialog.number_edit, "56-789")
    assert dialog.number_edit.text() == "123 456 789"
    qtbot.keyClicks(dialog.number_edit, "0123")
    assert dialog.number_edit.text() == "123 456 789 012", "no digit beyond the longest number"
    assert dialog.connect_button.isEnabled(), "a busy server issues longer numbers"


def test_a_digit_typed_in_the_middle_lands_where_the_cursor_is(qtbot, dialog):
    qtbot.keyClicks(dialog.number_edit, "12356789")
    dialog.number_edit.setCursorPosition(3)
    qtbot.keyClicks(dialog.number_edit, "4")
    assert dialog.number_edit.text() == "123 456 789"
    assert dialog.number_edit.cursorPosition() == 5
    qtbot.keyClick(dialog.number_edit, Qt.Key.Key_Backspace)
    assert dialog.number_edit.text() == "123 567 89"


def test_the_field_accepts_the_length_the_organisation_configured(qtbot):
    short = SessionNumberDialog("Beispiel GmbH", number_digits=7)
    qtbot.addWidget(short)
    assert short.number_edit.placeholderText() == "123 456 7"
    qtbot.keyClicks(short.number_edit, "123456")
    assert not short.connect_button.isEnabled()
    qtbot.keyClicks(short.number_edit, "7")
    assert short.number_edit.text() == "123 456 7"
    assert short.connect_button.isEnabled()


def test_letters_cannot_be_typed(qtbot, dialog):
    qtbot.keyClicks(dialog.number_edit, "12a3b4")
    assert dialog.number_edit.text() == "123 4"


def test_clicking_connect_requests_the_digits_only(qtbot, dialog):
    qtbot.keyClicks(dialog.number_edit, "482 190-337")
    assert dialog.number_edit.text() == "482 190 337"
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
    widgets = (dialog.number_edit, dialog.keep_checkbox, dialog.connect_button, dialog.cancel_button)
    for widget in (dialog, *widgets, dialog.progress):
        assert widget.accessibleName()


def test_keeping_fernhilfe_is_offered_and_off_by_default(dialog):
    box = dialog.keep_checkbox
    assert box.isVisible()
    assert not box.isChecked()
    assert box.text() == "&Keep Fernhilfe on this computer for later sessions"
    assert box.accessibleName() == "Keep Fernhilfe on this computer"
    assert "removes itself" in box.accessibleDescription()


def test_keeping_can_be_chosen_with_the_keyboard(qtbot, dialog):
    """Tab from the number, then Space; Alt+K from anywhere. (The built client's test types them.)"""
    dialog.number_edit.setFocus()
    qtbot.keyClick(dialog.number_edit, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.keep_checkbox, "the box comes right after the number"
    qtbot.keyClick(dialog.keep_checkbox, Qt.Key.Key_Space)
    assert dialog.keep_checkbox.isChecked()
    qtbot.keyClick(dialog.keep_checkbox, Qt.Key.Key_Space)
    assert not dialog.keep_checkbox.isChecked()
    mnemonic = QKeySequence.mnemonic(dialog.keep_checkbox.text())
    assert mnemonic.matches(QKeySequence("Alt+K")) is QKeySequence.SequenceMatch.ExactMatch


def test_the_organisations_logo_and_phone_number_are_shown(qtbot, dialog, tmp_path):
    logo = tmp_path / "logo.png"
    image = QImage(200, 100, QImage.Format.Format_RGB32)
    image.fill(QColor("#1f5fa8"))
    assert image.save(str(logo))
    dialog.show_branding(logo, "+49 30 1234567")
    assert dialog.logo_label.isVisible()
    assert dialog.logo_label.pixmap().deviceIndependentSize().height() == LOGO_HEIGHT
    assert dialog.logo_label.accessibleName() == "Logo of Beispiel GmbH"
    assert dialog.phone_label.isVisible()
    assert dialog.phone_label.text() == "Questions? Call +49 30 1234567"


def test_a_missing_logo_and_phone_number_leave_the_dialog_plain(dialog, tmp_path):
    dialog.show_branding(tmp_path / "missing.png", "")
    assert not dialog.logo_label.isVisible()
    assert not dialog.phone_label.isVisible()


def test_the_explanation_stays_whole_when_an_error_line_appears(qtbot, dialog):
    """The bug the issue found: the dialog did not grow for the error, so the text was cut off."""
    qtbot.keyClicks(dialog.number_edit, "673 329 22")
    dialog.show_error(
        "This session number is not valid. Please check it with your support contact, "
        "who can give you a new one if it has expired."
    )
    qtbot.waitUntil(lambda: layout_problems(dialog) == [])
    assert dialog.error_label.isVisible()
    assert dialog.diagnostics_button.isVisible()
    assert dialog.height() >= dialog.layout().heightForWidth(dialog.width())
