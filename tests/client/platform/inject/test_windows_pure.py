"""The Windows injector's decisions, checked on any system: SendInput fields and coordinates."""

import pytest

from client.platform.inject.base import INJECTION_TAG, InjectionError, UnknownKey
from client.platform.inject.key_codes import KEYS
from client.platform.inject.windows import (
    BUTTON_FLAGS,
    WindowsInputInjector,
    _mouse,
    absolute_coordinate,
    key_fields,
    text_fields,
)

SCANCODE, EXTENDED, KEYUP, UNICODE = 0x8, 0x1, 0x2, 0x4


def test_keys_go_in_as_scan_codes_with_the_extended_flag_where_needed():
    assert key_fields("KeyA", True) == (0, 0x1E, SCANCODE)
    assert key_fields("KeyA", False) == (0, 0x1E, SCANCODE | KEYUP)
    assert key_fields("ArrowLeft", True) == (0, 0x4B, SCANCODE | EXTENDED)
    assert key_fields("AltRight", False) == (0, 0x38, SCANCODE | EXTENDED | KEYUP)
    assert key_fields("OSLeft", True) == (0, 0x5B, SCANCODE | EXTENDED)


def test_pause_and_num_lock_go_in_as_virtual_keys():
    assert key_fields("Pause", True) == (0x13, 0x45, 0)
    assert key_fields("NumLock", False) == (0x90, 0x45, EXTENDED | KEYUP)


def test_every_code_of_the_table_has_fields_and_unknown_codes_raise():
    assert all(key_fields(code, True)[1] for code in KEYS)
    with pytest.raises(UnknownKey):
        key_fields("Fn", True)


@pytest.mark.parametrize(("origin", "size"), [(0, 1920), (-1280, 3200), (0, 7680), (-3840, 11520), (0, 1)])
def test_absolute_coordinates_map_back_to_exactly_the_pixel(origin, size):
    for pixel in range(origin, origin + size):
        normalised = absolute_coordinate(pixel, origin, size)
        assert 0 <= normalised <= 65535
        assert origin + normalised * size // 65536 == pixel


def test_absolute_coordinates_outside_the_desktop_stick_to_its_edge():
    assert absolute_coordinate(-5, 0, 1920) == 0
    assert absolute_coordinate(5000, 0, 1920) == absolute_coordinate(1919, 0, 1920)


def test_text_is_unicode_keys_with_return_and_tab_as_keys():
    assert text_fields("ä\n\t") == [
        (0, 0xE4, UNICODE),
        (0, 0xE4, UNICODE | KEYUP),
        (0x0D, 0, 0),
        (0x0D, 0, KEYUP),
        (0x09, 0, 0),
        (0x09, 0, KEYUP),
    ]


def test_characters_beyond_the_bmp_are_two_utf16_units():
    assert [scan for _, scan, flags in text_fields("😀") if not flags & KEYUP] == [0xD83D, 0xDE00]


def test_control_characters_are_refused_before_anything_is_sent():
    with pytest.raises(ValueError, match="control character"):
        text_fields("ok\r")


def test_every_mouse_event_carries_our_tag_and_buttons_have_their_flags():
    event = _mouse(0, 0, -120, 0x0800)
    assert event.u.mi.dwExtraInfo == INJECTION_TAG
    assert event.u.mi.mouseData == 0xFFFFFF88
    assert BUTTON_FLAGS["back"][2] == 1 and BUTTON_FLAGS["forward"][2] == 2


def test_the_injector_refuses_to_open_outside_windows():
    with pytest.raises(InjectionError, match="Windows"):
        WindowsInputInjector()
