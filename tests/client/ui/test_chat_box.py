"""The customer's chat shows text as text, counts what was missed, and sends with Enter."""

import pytest
from PySide6.QtCore import Qt

from client.ui.chat_box import clock_time
from client.ui.control_panel import ControlPanel

pytestmark = pytest.mark.gui


@pytest.fixture
def chat(qtbot):
    panel = ControlPanel("Anna Berger", "Beispiel GmbH")
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    yield panel.chat


def test_markup_is_shown_as_text(chat):
    chat.add_message("Anna Berger", "<b>bold</b><script>alert(1)</script>", "17:00", own=False)
    assert chat.log.toPlainText() == "[17:00] Anna Berger: <b>bold</b><script>alert(1)</script>"


def test_messages_while_folded_count_as_unread_until_opened(qtbot, chat):
    assert not chat.is_open
    chat.add_message("Anna Berger", "Hallo", "17:00", own=False)
    chat.add_message("Anna Berger", "Sind Sie da?", "17:01", own=False)
    assert chat.unread == 2
    assert chat.toggle_button.text() == "&Chat (2 new)"
    qtbot.mouseClick(chat.toggle_button, Qt.MouseButton.LeftButton)
    assert chat.is_open
    assert chat.unread == 0
    assert chat.toggle_button.text() == "&Chat"
    chat.add_message("Anna Berger", "Gut.", "17:02", own=False)
    assert chat.unread == 0


def test_own_messages_are_never_unread(chat):
    chat.add_message("You", "Ja", "17:00", own=True)
    assert chat.unread == 0


def test_enter_sends_the_trimmed_text_and_clears_the_field(qtbot, chat):
    qtbot.mouseClick(chat.toggle_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(chat.input, "  Der Drucker geht nicht  ")
    with qtbot.waitSignal(chat.message_submitted) as sent:
        qtbot.keyClick(chat.input, Qt.Key.Key_Return)
    assert sent.args == ["Der Drucker geht nicht"]
    assert chat.input.text() == ""


def test_blank_input_sends_nothing(qtbot, chat):
    qtbot.mouseClick(chat.toggle_button, Qt.MouseButton.LeftButton)
    with qtbot.assertNotEmitted(chat.message_submitted):
        qtbot.keyClicks(chat.input, "   ")
        qtbot.mouseClick(chat.send_button, Qt.MouseButton.LeftButton)


def test_the_input_is_limited_to_what_the_protocol_allows(chat):
    assert chat.input.maxLength() == 2000


def test_every_control_has_an_accessible_name(chat):
    for widget in (chat.toggle_button, chat.log, chat.input, chat.send_button):
        assert widget.accessibleName()


def test_server_times_are_shown_as_local_clock_times():
    assert len(clock_time("2026-11-24T17:00:00Z")) == 5
    assert clock_time("not a time") == ""
