"""The customer's chat shows text as text in bubbles, opens itself for a message, and sends with Enter."""

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
    assert chat.text() == "Anna Berger · 17:00: <b>bold</b><script>alert(1)</script>"
    assert chat.bubbles[0].text_label.textFormat() is Qt.TextFormat.PlainText


def test_a_message_from_the_expert_is_visible_without_a_click(qtbot, chat):
    assert not chat.is_open
    long_text = "Bitte klicken Sie unten links auf Start und dann auf Einstellungen, dann auf System."
    chat.add_message("Anna Berger", long_text, "17:00", own=False)
    text = chat.bubbles[0].text_label
    qtbot.waitUntil(text.isVisible)
    assert chat.is_open
    assert not chat.input.hasFocus(), "the customer's keyboard stays where it was"
    qtbot.waitUntil(lambda: text.visibleRegion().boundingRect().height() == text.height())
    assert text.height() >= text.heightForWidth(text.width()), "the whole message fits its bubble"
    assert chat.toggle_button.text() == "Hide &chat"


def test_the_newest_message_is_scrolled_into_view(qtbot, chat):
    for number in range(30):
        chat.add_message("Anna Berger", f"Schritt {number}", "17:00", own=False)
    newest = chat.bubbles[-1].text_label
    qtbot.waitUntil(lambda: not newest.visibleRegion().isEmpty())
    assert chat.bubbles[0].text_label.visibleRegion().isEmpty()


def test_own_messages_do_not_open_a_folded_chat(chat):
    chat.add_message("You", "Ja", "17:00", own=True)
    assert not chat.is_open
    assert chat.bubbles[0].own


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
