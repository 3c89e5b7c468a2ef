"""The Windows stop hotkey, checked on any system: the codes it registers, and that it refuses to
open where there is no user32."""

import pytest

from client.platform.stop_hotkey import HotkeyError
from client.platform.stop_hotkey.windows import MOD_ALT, MOD_CONTROL, MOD_NOREPEAT, VK_END, WindowsStopHotkey


def test_the_codes_are_those_of_the_windows_headers():
    assert (MOD_ALT, MOD_CONTROL, MOD_NOREPEAT, VK_END) == (0x0001, 0x0002, 0x4000, 0x23)


def test_without_user32_the_hotkey_cannot_open():
    with pytest.raises(HotkeyError, match="only on Windows"):
        WindowsStopHotkey()

