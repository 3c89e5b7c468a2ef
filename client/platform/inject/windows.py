"""Input injection on Windows through `SendInput` (user32 via ctypes).

Keys go in as scan codes, so a physical code means the same key whatever layout is active; text
goes in as `KEYEVENTF_UNICODE` characters, which need no layout at all. Every event carries
`INJECTION_TAG` in `dwExtraInfo`, which is how the local-input hook knows it for ours.

Limits of the platform: `SendInput` cannot reach windows of a higher integrity level (an elevated
program, unless the client runs elevated) nor the secure desktop (UAC prompts, the lock screen);
it then inserts nothing and `InjectionError` is raised. Coordinates are physical pixels only in a
per-monitor DPI-aware process (Qt 6 makes the client one).
"""

from __future__ import annotations

import ctypes
import sys
from ctypes import wintypes

from client.platform.inject.base import BUTTONS, INJECTION_TAG, InjectionError
from client.platform.inject.key_codes import MODIFIER_CODES, check_typeable, windows_scan_code

_INPUT_MOUSE, _INPUT_KEYBOARD = 0, 1
_MOUSEEVENTF_MOVE = 0x0001
_MOUSEEVENTF_WHEEL = 0x0800
_MOUSEEVENTF_HWHEEL = 0x1000
_MOUSEEVENTF_VIRTUALDESK = 0x4000
_MOUSEEVENTF_ABSOLUTE = 0x8000
_WHEEL_DELTA = 120
_KEYEVENTF_EXTENDEDKEY = 0x0001
_KEYEVENTF_KEYUP = 0x0002
_KEYEVENTF_UNICODE = 0x0004
_KEYEVENTF_SCANCODE = 0x0008
_VK_RETURN, _VK_TAB = 0x0D, 0x09
_SM_XVIRTUALSCREEN, _SM_YVIRTUALSCREEN, _SM_CXVIRTUALSCREEN, _SM_CYVIRTUALSCREEN = 76, 77, 78, 79

BUTTON_FLAGS: dict[str, tuple[int, int, int]] = {
    "left": (0x0002, 0x0004, 0),
    "right": (0x0008, 0x0010, 0),
    "middle": (0x0020, 0x0040, 0),
    "back": (0x0080, 0x0100, 1),  # XBUTTON1
    "forward": (0x0080, 0x0100, 2),  # XBUTTON2
}
"""button -> (down flag, up flag, mouseData)."""

VIRTUAL_KEY_CODES: dict[str, tuple[int, int, bool]] = {
    "Pause": (0x13, 0x45, False),
    "NumLock": (0x90, 0x45, True),
}
"""Keys a scan code cannot express in `SendInput` (Pause is E1 1D 45 on the wire; the layout maps a
bare 0x45 to NumLock): code -> (virtual key, scan code, extended)."""


def key_fields(code: str, down: bool) -> tuple[int, int, int]:
    """`KEYBDINPUT` (wVk, wScan, dwFlags) for a physical key; raises `UnknownKey`."""
    up = 0 if down else _KEYEVENTF_KEYUP
    if code in VIRTUAL_KEY_CODES:
        vk, scan, extended = VIRTUAL_KEY_CODES[code]
        return vk, scan, up | (_KEYEVENTF_EXTENDEDKEY if extended else 0)
    scan, extended = windows_scan_code(code)
    return 0, scan, up | _KEYEVENTF_SCANCODE | (_KEYEVENTF_EXTENDEDKEY if extended else 0)


def absolute_coordinate(value: int, origin: int, size: int) -> int:
    """A virtual-desktop pixel as `MOUSEEVENTF_ABSOLUTE` wants it (0..65535 across the desktop).

    Windows maps n back to origin + n * size // 65536; rounding up makes that exactly `value`.
    """
    offset = min(max(value - origin, 0), size - 1)
    return min(-(-offset * 65536 // size), 65535)


def text_fields(text: str) -> list[tuple[int, int, int]]:
    """`KEYBDINPUT` (wVk, wScan, dwFlags) events typing `text`: UTF-16 units as Unicode keys,
    newline and tab as the Return and Tab keys."""
    check_typeable(text)
    events: list[tuple[int, int, int]] = []
    for char in text:
        if char in "\n\t":
            vk = _VK_RETURN if char == "\n" else _VK_TAB
            events += [(vk, 0, 0), (vk, 0, _KEYEVENTF_KEYUP)]
            continue
        encoded = char.encode("utf-16-le")
        for index in range(0, len(encoded), 2):
            unit = int.from_bytes(encoded[index : index + 2], "little")
            events += [(0, unit, _KEYEVENTF_UNICODE), (0, unit, _KEYEVENTF_UNICODE | _KEYEVENTF_KEYUP)]
    return events


class _MouseInput(ctypes.Structure):
    _fields_ = [
        ("dx", wintypes.LONG),
        ("dy", wintypes.LONG),
        ("mouseData", wintypes.DWORD),
        ("dwFlags", wintypes.DWORD),
        ("time", wintypes.DWORD),
        ("dwExtraInfo", ctypes.c_size_t),
    ]


class _KeybdInput(ctypes.Structure):
    _fields_ = [
        ("wVk", wintypes.WORD),
        ("wScan", wintypes.WORD),
        ("dwFlags", wintypes.DWORD),
        ("time", wintypes.DWORD),
        ("dwExtraInfo", ctypes.c_size_t),
    ]


class _HardwareInput(ctypes.Structure):
    _fields_ = [("uMsg", wintypes.DWORD), ("wParamL", wintypes.WORD), ("wParamH", wintypes.WORD)]


class _InputUnion(ctypes.Union):
    _fields_ = [("mi", _MouseInput), ("ki", _KeybdInput), ("hi", _HardwareInput)]


class _Input(ctypes.Structure):
    _fields_ = [("type", wintypes.DWORD), ("u", _InputUnion)]


def _user32() -> ctypes.CDLL:
    if sys.platform == "win32":
        user32 = ctypes.WinDLL("user32", use_last_error=True)
        user32.SendInput.argtypes = [wintypes.UINT, ctypes.POINTER(_Input), ctypes.c_int]
        user32.SendInput.restype = wintypes.UINT
        user32.GetSystemMetrics.argtypes = [ctypes.c_int]
        user32.GetSystemMetrics.restype = ctypes.c_int
        return user32
    else:
        raise InjectionError("SendInput exists only on Windows")


def _last_error() -> int:
    if sys.platform == "win32":
        return ctypes.get_last_error()
    else:
        return 0


class WindowsInputInjector:
    """An `InputInjector` over `SendInput`. Threading: one thread (it tracks held keys)."""

    def __init__(self) -> None:
        self._user32 = _user32()
        self._held_keys: list[str] = []
        self._held_buttons: set[str] = set()
        self._closed = False

    def move_pointer(self, x: int, y: int) -> None:
        metrics = self._user32.GetSystemMetrics
        left, top = metrics(_SM_XVIRTUALSCREEN), metrics(_SM_YVIRTUALSCREEN)
        width, height = metrics(_SM_CXVIRTUALSCREEN), metrics(_SM_CYVIRTUALSCREEN)
        flags = _MOUSEEVENTF_MOVE | _MOUSEEVENTF_ABSOLUTE | _MOUSEEVENTF_VIRTUALDESK
        self._send(
            [_mouse(absolute_coordinate(x, left, width), absolute_coordinate(y, top, height), 0, flags)]
        )

    def press_button(self, button: str, down: bool) -> None:
        if button not in BUTTONS:
            raise ValueError(f"no pointer button {button!r}")
        down_flag, up_flag, data = BUTTON_FLAGS[button]
        self._send([_mouse(0, 0, data, down_flag if down else up_flag)])
        if down:
            self._held_buttons.add(button)
        else:
            self._held_buttons.discard(button)

    def scroll(self, dx: int, dy: int) -> None:
        events = []
        if dy:
            events.append(_mouse(0, 0, -dy * _WHEEL_DELTA, _MOUSEEVENTF_WHEEL))  # positive is away (up)
        if dx:
            events.append(_mouse(0, 0, dx * _WHEEL_DELTA, _MOUSEEVENTF_HWHEEL))  # positive is right
        if events:
            self._send(events)

    def press_key(self, code: str, down: bool) -> None:
        self._send([_keyboard(*key_fields(code, down))])
        if code in self._held_keys:
            self._held_keys.remove(code)
        if down:
            self._held_keys.append(code)

    def type_text(self, text: str) -> None:
        typed = [_keyboard(*fields) for fields in text_fields(text)]
        if not typed:
            return
        lifted = [code for code in self._held_keys if code in MODIFIER_CODES]
        release = [_keyboard(*key_fields(code, False)) for code in lifted]
        press = [_keyboard(*key_fields(code, True)) for code in lifted]
        self._send([*release, *typed, *press])

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        events = [_keyboard(*key_fields(code, False)) for code in reversed(self._held_keys)]
        events += [_mouse(0, 0, BUTTON_FLAGS[b][2], BUTTON_FLAGS[b][1]) for b in self._held_buttons]
        self._held_keys.clear()
        self._held_buttons.clear()
        if events:
            self._send(events)

    def _send(self, events: list[_Input]) -> None:
        array = (_Input * len(events))(*events)
        sent = self._user32.SendInput(len(events), array, ctypes.sizeof(_Input))
        if sent != len(events):
            raise InjectionError(
                f"SendInput inserted {sent} of {len(events)} events (error {_last_error()}): "
                "a window of higher integrity or the secure desktop has the input"
            )


def _mouse(dx: int, dy: int, data: int, flags: int) -> _Input:
    event = _Input(type=_INPUT_MOUSE)
    event.u.mi = _MouseInput(dx, dy, data & 0xFFFFFFFF, flags, 0, INJECTION_TAG)
    return event


def _keyboard(vk: int, scan: int, flags: int) -> _Input:
    event = _Input(type=_INPUT_KEYBOARD)
    event.u.ki = _KeybdInput(vk, scan, flags, 0, INJECTION_TAG)
    return event
