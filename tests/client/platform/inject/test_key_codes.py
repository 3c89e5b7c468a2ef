"""The physical-key table: every code maps on every system that has the key, unknown codes raise."""

import pytest

from client.platform.inject.base import UnknownKey
from client.platform.inject.key_codes import (
    ALIASES,
    KEYS,
    MODIFIER_CODES,
    check_typeable,
    mac_keycode,
    physical_key,
    windows_scan_code,
    x_keycode,
)

NO_MAC_KEY = {"F21", "F22", "F23", "F24", "PrintScreen", "ScrollLock", "Pause", "KanaMode", "Convert",
              "NonConvert", "MediaPlayPause", "MediaStop", "MediaTrackNext",
              "MediaTrackPrevious"}  # fmt: skip
UNKNOWN = ["", "keya", "KeyÄ", "Fn", "F25", "Hyper", "Unidentified", "Numpad10"]


def test_the_table_covers_a_full_keyboard():
    letters = {f"Key{chr(c)}" for c in range(ord("A"), ord("Z") + 1)}
    digits = {f"Digit{d}" for d in range(10)}
    functions = {f"F{n}" for n in range(1, 25)}
    numpad = {f"Numpad{d}" for d in range(10)}
    others = {"Enter", "Escape", "Backspace", "Tab", "Space", "Backquote", "IntlBackslash", "ArrowUp",
              "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End", "PageUp", "PageDown", "Insert",
              "Delete", "CapsLock", "ContextMenu", *MODIFIER_CODES}  # fmt: skip
    assert letters | digits | functions | numpad | others <= KEYS.keys()


def test_every_code_has_a_distinct_x_keycode_in_the_x_range():
    keycodes = [x_keycode(code) for code in KEYS]
    assert all(8 <= keycode <= 255 for keycode in keycodes)
    assert len(set(keycodes)) == len(keycodes)


def test_every_code_has_a_distinct_windows_scan_code():
    scans = [windows_scan_code(code) for code in KEYS]
    assert all(0 < scan <= 0xFF for scan, _ in scans)
    assert len(set(scans)) == len(scans)
    assert windows_scan_code("KeyA") == (0x1E, False)
    assert windows_scan_code("ArrowUp") == (0x48, True)
    assert windows_scan_code("ControlRight") == (0x1D, True)


def test_every_code_a_mac_has_maps_to_a_distinct_virtual_key():
    codes = [code for code in KEYS if code not in NO_MAC_KEY]
    keycodes = [mac_keycode(code) for code in codes]
    assert all(0 <= keycode <= 0x7F for keycode in keycodes)
    assert len(set(keycodes)) == len(keycodes)
    assert (mac_keycode("KeyA"), mac_keycode("MetaLeft"), mac_keycode("Enter")) == (0x00, 0x37, 0x24)


@pytest.mark.parametrize("code", sorted(NO_MAC_KEY))
def test_keys_a_mac_lacks_are_unknown_there_only(code):
    with pytest.raises(UnknownKey):
        mac_keycode(code)
    assert x_keycode(code) and windows_scan_code(code)


@pytest.mark.parametrize("code", UNKNOWN)
def test_unknown_codes_raise_everywhere(code):
    for lookup in (physical_key, x_keycode, windows_scan_code, mac_keycode):
        with pytest.raises(UnknownKey, match="code"):
            lookup(code)


def test_old_firefox_meta_codes_are_aliases():
    for old, new in ALIASES.items():
        assert physical_key(old) == physical_key(new)


@pytest.mark.parametrize("text", ["", "abc", "tab\there", "two\nlines", "äöüß€ 😀", "\u00a0"])
def test_text_without_control_characters_is_typeable(text):
    check_typeable(text)


@pytest.mark.parametrize("text", ["\r", "a\x00b", "\x1b[A", "\x7f", "\x85"])
def test_control_characters_are_refused(text):
    with pytest.raises(ValueError, match="control character"):
        check_typeable(text)
