"""Characters become the keysyms keyboard layouts carry (legacy names where layouts use them)."""

import pytest

from client.platform.inject.xkb_keysyms import layout_keysym


def test_the_euro_sign_is_the_layouts_eurosign_not_the_unicode_keysym():
    assert layout_keysym("€") == 0x20AC


def test_german_typography_gets_the_legacy_keysyms_german_layouts_carry():
    assert [layout_keysym(c) for c in "„“\u2013…"] == [0xAFE, 0xAD2, 0xAAA, 0xAAE]


def test_latin1_return_and_tab_keep_their_own_keysyms():
    assert [layout_keysym(c) for c in "aäß\n\t"] == [0x61, 0xE4, 0xDF, 0xFF0D, 0xFF09]


def test_a_character_without_a_legacy_keysym_is_the_unicode_keysym():
    assert layout_keysym("☺") == 0x0100263A


def test_control_characters_cannot_be_typed():
    with pytest.raises(ValueError):
        layout_keysym("\x07")
