"""The macOS stop hotkey's decisions, checked on any system: the codes it registers, which presses
it answers, what a refusal says, and the order of its Carbon calls (through a stand-in for the
four calls, since Carbon exists only on a Mac)."""

import logging
from collections.abc import Callable

import pytest

from client.platform.stop_hotkey import HotkeyError, open_stop_hotkey
from client.platform.stop_hotkey.base import shortcut_name
from client.platform.stop_hotkey.macos import (
    EVENT_CLASS_KEYBOARD,
    EVENT_NOT_HANDLED,
    HOT_KEY_EXISTS,
    HOT_KEY_ID,
    KEY_END,
    MODIFIERS,
    NO_ERR,
    SIGNATURE,
    MacStopHotkey,
    four_char_code,
    handler_verdict,
    registration_error,
)


class CarbonCalls:
    """Records the calls the hotkey makes and hands back what a Mac would."""

    def __init__(self, status: int = NO_ERR) -> None:
        self.status = status
        self.calls: list[tuple[object, ...]] = []
        self.handler: Callable[[int, int], int] | None = None

    def install_handler(self, on_hot_key: Callable[[int, int], int]) -> object:
        self.handler = on_hot_key
        self.calls.append(("install",))
        return "handler-ref"

    def register(self, key_code: int, modifiers: int, signature: int, hot_key_id: int) -> tuple[int, object]:
        self.calls.append(("register", key_code, modifiers, signature, hot_key_id))
        return self.status, "hot-key-ref"

    def unregister(self, hot_key: object) -> None:
        self.calls.append(("unregister", hot_key))

    def remove_handler(self, handler: object) -> None:
        self.calls.append(("remove", handler))

    def press(self, signature: int = SIGNATURE, hot_key_id: int = HOT_KEY_ID) -> int:
        assert self.handler is not None
        return self.handler(signature, hot_key_id)


def test_the_codes_are_those_of_the_carbon_headers():
    assert four_char_code("keyb") == 0x6B657962 == EVENT_CLASS_KEYBOARD
    assert four_char_code("----") == 0x2D2D2D2D
    assert (KEY_END, MODIFIERS) == (0x77, 0x1800)
    with pytest.raises(ValueError, match="four characters"):
        four_char_code("key")


def test_only_our_hot_key_is_handled():
    assert handler_verdict(SIGNATURE, HOT_KEY_ID) == NO_ERR
    assert handler_verdict(SIGNATURE, HOT_KEY_ID + 1) == EVENT_NOT_HANDLED
    assert handler_verdict(four_char_code("othr"), HOT_KEY_ID) == EVENT_NOT_HANDLED


def test_the_shortcut_is_named_as_a_mac_keyboard_labels_it():
    assert shortcut_name("darwin") == "Control+Option+End"
    assert shortcut_name("linux") == shortcut_name("win32") == "Ctrl+Alt+End"


def test_start_registers_control_option_end_exclusively_after_installing_the_handler():
    carbon = CarbonCalls()
    presses = []
    hotkey = MacStopHotkey(carbon)
    hotkey.start(lambda: presses.append(1))
    assert carbon.calls == [("install",), ("register", 0x77, 0x1800, SIGNATURE, HOT_KEY_ID)]
    assert carbon.press() == NO_ERR and presses == [1]
    assert carbon.press(hot_key_id=7) == EVENT_NOT_HANDLED and presses == [1]
    with pytest.raises(RuntimeError, match="starts once"):
        hotkey.start(lambda: None)


def test_stop_unregisters_once_and_later_presses_do_nothing():
    carbon = CarbonCalls()
    presses = []
    hotkey = MacStopHotkey(carbon)
    hotkey.start(lambda: presses.append(1))
    hotkey.stop()
    hotkey.stop()
    assert carbon.calls[2:] == [("unregister", "hot-key-ref"), ("remove", "handler-ref")]
    carbon.press()
    assert presses == []


def test_a_combination_another_program_holds_is_refused_and_the_handler_removed():
    carbon = CarbonCalls(status=HOT_KEY_EXISTS)
    with pytest.raises(HotkeyError, match="another program already uses Control\\+Option\\+End"):
        MacStopHotkey(carbon).start(lambda: None)
    assert carbon.calls[-1] == ("remove", "handler-ref")
    assert all(call[0] != "unregister" for call in carbon.calls)
    assert "OSStatus -50" in registration_error(-50)


def test_a_failing_callback_is_logged_and_the_press_still_handled(caplog):
    def broken() -> None:
        raise ValueError("boom")

    carbon = CarbonCalls()
    MacStopHotkey(carbon).start(broken)
    with caplog.at_level(logging.ERROR):
        assert carbon.press() == NO_ERR
    assert "stop-hotkey callback failed" in caplog.text


def test_without_carbon_the_hotkey_cannot_open():
    with pytest.raises(HotkeyError, match="Carbon is not available"):
        MacStopHotkey()


def test_on_a_mac_the_factory_picks_the_carbon_hot_key(monkeypatch):
    monkeypatch.delenv("FERNHILFE_STOP_HOTKEY", raising=False)
    monkeypatch.setattr("sys.platform", "darwin")
    with pytest.raises(HotkeyError, match="Carbon is not available"):
        open_stop_hotkey()
