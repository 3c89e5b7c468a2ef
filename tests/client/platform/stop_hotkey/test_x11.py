"""Ctrl+Alt+End pressed on the test X server's own keyboard device, from another process, stops
the session whichever window has the focus; other combinations do not.

"Not reported" is checked without sleeping: the real combination follows as a barrier, and the
hotkey thread reads events in order, so exactly one report must have arrived once it is seen.
"""

import threading

import pytest
from Xlib import XK
from Xlib.display import Display

from client.platform.stop_hotkey import HotkeyError
from client.platform.stop_hotkey.x11 import X11StopHotkey
from tests.support.call_counter import CallCounter
from tests.support.x_devices import real_chord


def keycodes(*names):
    display = Display()
    try:
        return [display.keysym_to_keycode(XK.string_to_keysym(name)) for name in names]
    finally:
        display.close()


STOP = keycodes("Control_L", "Alt_L", "End")


@pytest.fixture
def hotkey():
    grab = X11StopHotkey()
    yield grab
    grab.stop()


def test_the_combination_from_the_real_keyboard_is_reported_on_the_hotkey_thread(hotkey):
    presses = CallCounter()
    hotkey.start(presses)
    real_chord(*STOP)
    assert presses.wait_for(1) == 1
    assert presses.threads and threading.current_thread() not in presses.threads


@pytest.mark.parametrize(
    "chord",
    [("End",), ("Control_L", "End"), ("Alt_L", "End"), ("Control_L", "Alt_L", "Home")],
    ids=["End", "Ctrl+End", "Alt+End", "Ctrl+Alt+Home"],
)
def test_other_combinations_are_not_reported(hotkey, chord):
    presses = CallCounter()
    hotkey.start(presses)
    real_chord(*keycodes(*chord))
    real_chord(*STOP)
    presses.wait_for(1)
    assert presses.count == 1


def test_caps_lock_does_not_disable_the_combination(hotkey):
    presses = CallCounter()
    hotkey.start(presses)
    (caps,) = keycodes("Caps_Lock")
    real_chord(caps)
    try:
        real_chord(*STOP)
        assert presses.wait_for(1) == 1
    finally:
        real_chord(caps)


def test_a_second_grab_is_refused_until_the_first_one_stops(hotkey):
    hotkey.start(CallCounter())
    second = X11StopHotkey()
    with pytest.raises(HotkeyError, match="already uses Ctrl\\+Alt\\+End"):
        second.start(CallCounter())
    second.stop()
    hotkey.stop()
    third = X11StopHotkey()
    presses = CallCounter()
    third.start(presses)
    try:
        real_chord(*STOP)
        assert presses.wait_for(1) == 1
    finally:
        third.stop()


def test_stop_is_prompt_and_repeatable(hotkey):
    hotkey.start(CallCounter())
    hotkey.stop()
    hotkey.stop()
