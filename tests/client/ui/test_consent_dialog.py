"""The consent dialog grants only on a deliberate Allow; Enter, Esc, closing all deny or do nothing."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from client.ui.consent_dialog import ConsentDialog

pytestmark = pytest.mark.gui


class _RecordingConsentDialog(ConsentDialog):
    answers: list[bool]


QUESTIONS = {
    1: "Anna Berger from Beispiel GmbH asks to see your screen.",
    2: "Anna Berger from Beispiel GmbH asks to control your mouse and keyboard.",
    3: "Anna Berger from Beispiel GmbH asks for administrator rights on this computer.",
}


@pytest.fixture(params=[1, 2, 3], ids=["view", "control", "admin"])
def dialog(qtbot, request):
    """A consent dialog for each tier: every one of them must deny on Enter, Esc and close."""
    widget = _RecordingConsentDialog(
        request.param, "Anna Berger", "Beispiel GmbH", recorded=True, retention_days=90
    )
    qtbot.addWidget(widget)
    answers: list[bool] = []
    widget.answered.connect(answers.append)
    widget.answers = answers
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_names_the_expert_and_the_recording(dialog):
    texts = " ".join(label.text() for label in dialog.findChildren(type(dialog.recording_label)))
    assert QUESTIONS[dialog.tier] in texts
    assert "deleted after 90 days" in texts


def test_allow_grants(qtbot, dialog):
    qtbot.mouseClick(dialog.allow_button, Qt.MouseButton.LeftButton)
    assert dialog.answers == [True]


def test_deny_denies(qtbot, dialog):
    qtbot.mouseClick(dialog.deny_button, Qt.MouseButton.LeftButton)
    assert dialog.answers == [False]


def test_no_button_is_a_default(dialog):
    for button in dialog.findChildren(QPushButton):
        assert not button.isDefault()
        assert not button.autoDefault()


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_enter_never_grants_wherever_the_focus_is(qtbot, dialog, key):
    for target in (dialog, dialog.deny_button, dialog.allow_button):
        target.setFocus()
        qtbot.keyClick(target, key)
    assert dialog.answers == []
    assert dialog.isVisible()


def test_escape_denies(qtbot, dialog):
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.answers == [False]
    assert not dialog.isVisible()


def test_closing_the_window_denies(dialog):
    dialog.close()
    assert dialog.answers == [False]


def test_space_on_the_focused_allow_button_grants(qtbot, dialog):
    dialog.allow_button.setFocus()
    qtbot.keyClick(dialog.allow_button, Qt.Key.Key_Space)
    assert dialog.answers == [True]


def test_answers_only_once(qtbot, dialog):
    qtbot.mouseClick(dialog.deny_button, Qt.MouseButton.LeftButton)
    dialog.close()
    assert dialog.answers == [False]


def test_dismissing_does_not_answer(dialog):
    dialog.dismiss()
    assert dialog.answers == []
    assert not dialog.isVisible()


def test_countdown_is_shown(dialog):
    dialog.set_seconds_left(42)
    assert "42" in dialog.countdown_label.text()


def test_unrecorded_sessions_say_so(qtbot):
    widget = ConsentDialog(1, "Anna", "Org", recorded=False, retention_days=0)
    qtbot.addWidget(widget)
    assert widget.recording_label.text() == "The session is not recorded."


def test_markup_in_names_is_shown_as_text(qtbot):
    widget = ConsentDialog(1, "<b>Eve</b>", "<img src=x>", recorded=True, retention_days=90)
    qtbot.addWidget(widget)
    labels = [
        label for label in widget.findChildren(type(widget.recording_label)) if "<b>Eve</b>" in label.text()
    ]
    assert labels
    assert labels[0].textFormat() == Qt.TextFormat.PlainText


def test_the_control_dialog_says_how_to_take_control_back(qtbot):
    widget = ConsentDialog(2, "Anna Berger", "Beispiel GmbH", recorded=True, retention_days=90)
    qtbot.addWidget(widget)
    texts = " ".join(label.text() for label in widget.findChildren(type(widget.recording_label)))
    assert "Anna Berger from Beispiel GmbH asks to control your mouse and keyboard." in texts
    assert "simply move your mouse" in texts
    assert widget.allow_button.accessibleName() == "Allow remote control"


def test_the_admin_dialog_says_what_the_rights_allow_and_that_the_password_prompt_follows(qtbot):
    widget = ConsentDialog(3, "Anna Berger", "Beispiel GmbH", recorded=True, retention_days=90)
    qtbot.addWidget(widget)
    texts = " ".join(label.text() for label in widget.findChildren(type(widget.recording_label)))
    assert "install or remove programs and change system settings" in texts
    assert "your computer will ask for your password next" in texts
    assert "refuse and do the steps yourself" in texts
    assert widget.allow_button.accessibleName() == "Allow administrator rights"
