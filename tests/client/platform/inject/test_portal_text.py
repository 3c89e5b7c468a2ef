"""Text becomes keysym presses where the layout has them and Unicode entry where it does not."""

from client.platform.inject.portal_text import CONTROL_L, LETTER_U, SHIFT_L, SPACE, text_events

US = frozenset(range(0x20, 0x7F)) | {0xFF0D, 0xFF09}
GERMAN = US | {0xE4, 0xF6, 0xFC, 0xDF, 0xC4, 0xD6, 0xDC, 0x20AC}


def taps(*keysyms):
    return [event for keysym in keysyms for event in ((keysym, True), (keysym, False))]


def test_characters_the_layout_has_are_their_keysyms_pressed_and_released():
    assert text_events("Grüße €", GERMAN) == taps(0x47, 0x72, 0xFC, 0xDF, 0x65, 0x20, 0x20AC)


def test_a_character_the_layout_lacks_is_typed_by_unicode_entry():
    entry = [(CONTROL_L, True), (SHIFT_L, True), (LETTER_U, True), (LETTER_U, False), (SHIFT_L, False)]
    entry += [(CONTROL_L, False), *taps(ord("2"), ord("0"), ord("a"), ord("c"), SPACE)]
    assert text_events("a€", US) == taps(0x61) + entry


def test_newline_and_tab_are_return_and_tab_whatever_the_layout_says():
    assert text_events("\n\t", frozenset()) == taps(0xFF0D, 0xFF09)


def test_an_unknown_layout_sends_every_keysym_as_it_is():
    assert text_events("ß", None) == taps(0xDF)
