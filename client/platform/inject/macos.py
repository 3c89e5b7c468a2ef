"""Input injection on macOS through Quartz events (CoreGraphics via ctypes).

Events are posted through an event source of our own whose local-events suppression interval is
0: with the default (0.25 s) every injected event would freeze the customer's own mouse and
keyboard for a quarter second. Each event also carries `INJECTION_TAG` as its
`kCGEventSourceUserData`, and its source PID is ours; the local-input tap ignores exactly those.

macOS asks the customer for the Accessibility permission first; without it events are dropped
silently, so the injector refuses to open. Quartz places the pointer in points; the physical
pixels of the protocol are converted per display.
"""

from __future__ import annotations

import ctypes
import time
from collections.abc import Sequence
from typing import NamedTuple

from client.platform.inject.base import BUTTONS, INJECTION_TAG, InjectionError
from client.platform.inject.key_codes import check_typeable, mac_keycode

EVENT_SOURCE_UNIX_PROCESS_ID = 41  # kCGEventSourceUnixProcessID
EVENT_SOURCE_USER_DATA = 42  # kCGEventSourceUserData
_APPLICATION_SERVICES = "/System/Library/Frameworks/ApplicationServices.framework/ApplicationServices"
_CORE_FOUNDATION = "/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation"
_HID_SYSTEM_STATE = 1
_HID_EVENT_TAP = 0
_MOUSE_MOVED, _KEY_DOWN, _KEY_UP, _FLAGS_CHANGED = 5, 10, 11, 12
_MOUSE_BUTTON_NUMBER, _MOUSE_CLICK_STATE = 3, 1
_SCROLL_UNIT_LINE = 1
_RETURN, _TAB = 0x24, 0x30
_MAX_UNICODE_CHUNK = 20  # CGEventKeyboardSetUnicodeString takes at most 20 UTF-16 units
DOUBLE_CLICK_S = 0.5

BUTTON_EVENTS: dict[str, tuple[int, int, int, int]] = {
    "left": (1, 2, 6, 0),
    "right": (3, 4, 7, 1),
    "middle": (25, 26, 27, 2),
    "back": (25, 26, 27, 3),
    "forward": (25, 26, 27, 4),
}
"""button -> (down, up, dragged event type, CGMouseButton number)."""

MODIFIER_FLAGS = {
    "ShiftLeft": 0x20000, "ShiftRight": 0x20000, "ControlLeft": 0x40000, "ControlRight": 0x40000,
    "AltLeft": 0x80000, "AltRight": 0x80000, "MetaLeft": 0x100000, "MetaRight": 0x100000,
}  # fmt: skip
"""kCGEventFlagMask* of each modifier key: Quartz reads modifiers from each event's flags."""


class DisplayArea(NamedTuple):
    """One display: its bounds in points and its pixels per point."""

    x: float
    y: float
    width: float
    height: float
    scale: float


def pixel_to_point(x: int, y: int, displays: Sequence[DisplayArea]) -> tuple[float, float]:
    """A virtual-desktop pixel in Quartz points: divided by the scale of the display it lies on
    (each display's pixel area starts at its origin in points times its scale)."""
    for area in displays:
        left, top = area.x * area.scale, area.y * area.scale
        if left <= x < left + area.width * area.scale and top <= y < top + area.height * area.scale:
            return x / area.scale, y / area.scale
    scale = displays[0].scale if displays else 1.0
    return x / scale, y / scale


def flags_for(held: Sequence[str]) -> int:
    """The event flags while the modifier keys `held` are down."""
    flags = 0
    for code in held:
        flags |= MODIFIER_FLAGS.get(code, 0)
    return flags


def unicode_chunks(text: str) -> list[str | int]:
    """`text` as Unicode-string chunks for keyboard events, with newline and tab as the key codes
    of Return and Tab."""
    check_typeable(text)
    chunks: list[str | int] = []
    current = ""
    for char in text:
        if char in "\n\t":
            chunks += [current] if current else []
            chunks.append(_RETURN if char == "\n" else _TAB)
            current = ""
        elif len((current + char).encode("utf-16-le")) > 2 * _MAX_UNICODE_CHUNK:
            chunks.append(current)
            current = char
        else:
            current += char
    return chunks + ([current] if current else [])


class _Point(ctypes.Structure):
    _fields_ = [("x", ctypes.c_double), ("y", ctypes.c_double)]


class _Rect(ctypes.Structure):
    _fields_ = [("origin", _Point), ("size", _Point)]


def _quartz() -> tuple[ctypes.CDLL, ctypes.CDLL]:
    try:
        services, foundation = ctypes.CDLL(_APPLICATION_SERVICES), ctypes.CDLL(_CORE_FOUNDATION)
    except OSError as exc:
        raise InjectionError(f"Quartz is not available: {exc}") from exc
    void, u32 = ctypes.c_void_p, ctypes.c_uint32
    signatures: dict[str, tuple[list[type], type | None]] = {
        "AXIsProcessTrusted": ([], ctypes.c_bool),
        "CGEventSourceCreate": ([ctypes.c_int32], void),
        "CGEventSourceSetLocalEventsSuppressionInterval": ([void, ctypes.c_double], None),
        "CGEventCreateMouseEvent": ([void, u32, _Point, u32], void),
        "CGEventCreateKeyboardEvent": ([void, ctypes.c_uint16, ctypes.c_bool], void),
        "CGEventCreateScrollWheelEvent2": (
            [void, u32, u32, ctypes.c_int32, ctypes.c_int32, ctypes.c_int32],
            void,
        ),
        "CGEventKeyboardSetUnicodeString": ([void, ctypes.c_ulong, ctypes.c_void_p], None),
        "CGEventSetIntegerValueField": ([void, u32, ctypes.c_int64], None),
        "CGEventSetFlags": ([void, ctypes.c_uint64], None),
        "CGEventSetType": ([void, u32], None),
        "CGEventPost": ([u32, void], None),
        "CGGetActiveDisplayList": ([u32, ctypes.POINTER(u32), ctypes.POINTER(u32)], ctypes.c_int32),
        "CGDisplayBounds": ([u32], _Rect),
        "CGDisplayCopyDisplayMode": ([u32], void),
        "CGDisplayModeGetPixelWidth": ([void], ctypes.c_size_t),
        "CGDisplayModeRelease": ([void], None),
    }
    for name, (argtypes, restype) in signatures.items():
        function = getattr(services, name)
        function.argtypes, function.restype = argtypes, restype
    foundation.CFRelease.argtypes, foundation.CFRelease.restype = [void], None
    return services, foundation


class MacInputInjector:
    """An `InputInjector` posting Quartz events to the HID event tap. Threading: one thread."""

    def __init__(self) -> None:
        self._cg, self._cf = _quartz()
        if not self._cg.AXIsProcessTrusted():
            raise InjectionError("macOS has not given Fernhilfe the Accessibility permission")
        self._source = self._cg.CGEventSourceCreate(_HID_SYSTEM_STATE)
        if not self._source:
            raise InjectionError("CGEventSourceCreate failed")
        self._cg.CGEventSourceSetLocalEventsSuppressionInterval(self._source, 0.0)
        self._held_keys: list[str] = []
        self._held_buttons: list[str] = []
        self._position = _Point(0.0, 0.0)
        self._last_click = ("", 0.0, 0)  # button, time, click count
        self._closed = False

    def move_pointer(self, x: int, y: int) -> None:
        self._position = _Point(*pixel_to_point(x, y, self._displays()))
        kind = BUTTON_EVENTS[self._held_buttons[-1]][2] if self._held_buttons else _MOUSE_MOVED
        button = BUTTON_EVENTS[self._held_buttons[-1]][3] if self._held_buttons else 0
        self._post(self._cg.CGEventCreateMouseEvent(self._source, kind, self._position, button))

    def press_button(self, button: str, down: bool) -> None:
        if button not in BUTTONS:
            raise ValueError(f"no pointer button {button!r}")
        down_type, up_type, _, number = BUTTON_EVENTS[button]
        event = self._cg.CGEventCreateMouseEvent(
            self._source, down_type if down else up_type, self._position, number
        )
        self._cg.CGEventSetIntegerValueField(event, _MOUSE_BUTTON_NUMBER, number)
        self._cg.CGEventSetIntegerValueField(event, _MOUSE_CLICK_STATE, self._click_count(button, down))
        self._post(event)
        if button in self._held_buttons:
            self._held_buttons.remove(button)
        if down:
            self._held_buttons.append(button)

    def scroll(self, dx: int, dy: int) -> None:
        # Quartz: positive wheel 1 scrolls up, positive wheel 2 scrolls left.
        self._post(self._cg.CGEventCreateScrollWheelEvent2(self._source, _SCROLL_UNIT_LINE, 2, -dy, -dx, 0))

    def press_key(self, code: str, down: bool) -> None:
        keycode = mac_keycode(code)
        if code in self._held_keys:
            self._held_keys.remove(code)
        if down:
            self._held_keys.append(code)
        event = self._cg.CGEventCreateKeyboardEvent(self._source, keycode, down)
        if code in MODIFIER_FLAGS:
            self._cg.CGEventSetType(event, _FLAGS_CHANGED)
        self._cg.CGEventSetFlags(event, flags_for(self._held_keys))
        self._post(event)

    def type_text(self, text: str) -> None:
        # Flags 0 on every event: modifiers the expert holds do not turn text into shortcuts.
        for chunk in unicode_chunks(text):
            for down in (True, False):
                if isinstance(chunk, int):
                    event = self._cg.CGEventCreateKeyboardEvent(self._source, chunk, down)
                else:
                    event = self._cg.CGEventCreateKeyboardEvent(self._source, 0, down)
                    units = chunk.encode("utf-16-le")
                    buffer = ctypes.create_string_buffer(units, len(units))
                    self._cg.CGEventKeyboardSetUnicodeString(event, len(units) // 2, buffer)
                self._cg.CGEventSetFlags(event, 0)
                self._post(event)

    def close(self) -> None:
        if self._closed:
            return
        for code in list(reversed(self._held_keys)):
            self.press_key(code, False)
        for button in list(self._held_buttons):
            self.press_button(button, False)
        self._closed = True
        self._cf.CFRelease(self._source)

    def _click_count(self, button: str, down: bool) -> int:
        """Quartz apps see a double click only in the click-state field: count quick repeats."""
        last_button, last_time, count = self._last_click
        if not down:
            return count
        now = time.monotonic()
        count = count + 1 if button == last_button and now - last_time < DOUBLE_CLICK_S else 1
        self._last_click = (button, now, count)
        return count

    def _displays(self) -> list[DisplayArea]:
        ids = (ctypes.c_uint32 * 16)()
        count = ctypes.c_uint32()
        self._cg.CGGetActiveDisplayList(16, ids, ctypes.byref(count))
        areas = []
        for display in ids[: count.value]:
            bounds = self._cg.CGDisplayBounds(display)
            mode = self._cg.CGDisplayCopyDisplayMode(display)
            pixels = self._cg.CGDisplayModeGetPixelWidth(mode) if mode else 0
            if mode:
                self._cg.CGDisplayModeRelease(mode)
            width = bounds.size.x
            scale = pixels / width if pixels and width else 1.0
            areas.append(DisplayArea(bounds.origin.x, bounds.origin.y, width, bounds.size.y, scale))
        return areas

    def _post(self, event: int | None) -> None:
        if not event:
            raise InjectionError("Quartz could not create the event")
        self._cg.CGEventSetIntegerValueField(event, EVENT_SOURCE_USER_DATA, INJECTION_TAG)
        self._cg.CGEventPost(_HID_EVENT_TAP, event)
        self._cf.CFRelease(event)
