"""Input injection on X11 through the XTEST extension, with python-xlib.

XTEST events are real device events (they come from the server's "XTEST" slave devices), so every
application takes them as typing and clicking, unlike `XSendEvent`, which xterm and many others
ignore. The local-input watch tells them apart from the customer's own devices by that source.

Keys go in as keycodes: physical codes through the evdev table (`key_codes`), text through the
current keyboard mapping or, for characters the layout cannot type at the Shift level, a spare
keycode bound to the character (`x11_keysyms`). Importing python-xlib opens no connection; the
injector connects when it is created, so a client without an X server still starts.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from Xlib import X, error
from Xlib.display import Display
from Xlib.ext import xinput, xtest
from Xlib.protocol import rq

from client.platform.inject.base import InjectionError, UnknownKey
from client.platform.inject.key_codes import x_keycode
from client.platform.inject.x11_keysyms import Direct, KeymapSnapshot, SlotTable, char_keysym

SETTLE_S = 0.1
"""How long an application gets to translate a key press before the slot it used is rebound or
unbound. X11 offers no way to know when it has; `xdotool type` waits in the same way."""

_BUTTONS = {"left": 1, "middle": 2, "right": 3, "back": 8, "forward": 9}
_WHEEL = {"up": 4, "down": 5, "left": 6, "right": 7}
_SHIFT_L = 0xFFE1
_CAPS_LOCK = 0xFFE5
_LOCK_KEYSYMS = frozenset({0xFFE5, 0xFFE6, 0xFF7F, 0xFF14})  # Caps, Shift, Num and Scroll Lock
_LOCK_MASK = 1 << 1
_VIRTUAL_CORE_POINTER = 2
_XI_QUERY_POINTER = 40


@contextmanager
def _x_errors(action: str) -> Iterator[None]:
    """Report a broken X connection or a refused request as `InjectionError`."""
    try:
        yield
    except (error.XError, error.ConnectionClosedError, OSError) as exc:
        raise InjectionError(f"{action} failed: {exc}") from exc


class X11InputInjector:
    """An `InputInjector` on one X display connection of its own.

    Slot bindings stay until a slot is recycled or the injector closes; either may wait up to
    `SETTLE_S` for the last character typed through a slot. Threading: create, use and close on
    one thread (the connection is not shared).
    """

    def __init__(self, display_name: str | None = None) -> None:
        try:
            self._display = Display(display_name)
        except (error.DisplayError, error.ConnectionClosedError, OSError) as exc:
            raise InjectionError(f"cannot open the X display: {exc}") from exc
        with _x_errors("opening the injector"):
            extension = self._display.query_extension("XInputExtension")
            if not self._display.has_extension("XTEST") or extension is None:
                self._display.close()
                raise InjectionError("the X server lacks the XTEST or XInput extension")
            self._xi_opcode: int = extension.major_opcode
            # XI2 requests are refused until the client has said which XI2 version it speaks.
            xinput.XIQueryVersion(
                display=self._display.display, opcode=self._xi_opcode, major_version=2, minor_version=2
            )
            self._root = self._display.screen().root
            self._max_keycode: int = self._display.display.info.max_keycode
        self._held_keys: list[int] = []
        self._held_buttons: set[int] = set()
        self._slots = SlotTable()
        self._last_slot_use = -SETTLE_S
        self._closed = False

    def move_pointer(self, x: int, y: int) -> None:
        with _x_errors("moving the pointer"):
            xtest.fake_input(self._display, X.MotionNotify, detail=0, root=self._root, x=x, y=y)
            self._display.flush()

    def press_button(self, button: str, down: bool) -> None:
        if button not in _BUTTONS:
            raise ValueError(f"no pointer button {button!r}")
        number = _BUTTONS[button]
        with _x_errors("pressing a button"):
            self._fake_button(number, down)
            self._display.flush()
        if down:
            self._held_buttons.add(number)
        else:
            self._held_buttons.discard(number)

    def scroll(self, dx: int, dy: int) -> None:
        vertical = _WHEEL["down" if dy > 0 else "up"]
        horizontal = _WHEEL["right" if dx > 0 else "left"]
        with _x_errors("scrolling"):
            for number, notches in ((vertical, abs(dy)), (horizontal, abs(dx))):
                for _ in range(notches):
                    self._fake_button(number, True)
                    self._fake_button(number, False)
            self._display.flush()

    def press_key(self, code: str, down: bool) -> None:
        keycode = x_keycode(code)
        if keycode > self._max_keycode:
            raise UnknownKey(f"keycode {keycode} of {code!r} is beyond this X server's range")
        with _x_errors("pressing a key"):
            self._fake_key(keycode, down)
            self._display.flush()
        if keycode in self._held_keys:
            self._held_keys.remove(keycode)
        if down:
            self._held_keys.append(keycode)

    def type_text(self, text: str) -> None:
        keysyms = [char_keysym(char) for char in text]
        if not keysyms:
            return
        with _x_errors("typing text"):
            keymap = self._current_keymap()
            mods, group = self._keyboard_state()
            lifted = self._lift_held_modifiers(keymap)
            caps = self._direct_keycode(keymap, _CAPS_LOCK) if mods & _LOCK_MASK else None
            if caps is not None:
                self._tap(caps)  # Caps Lock would capitalise what we type: unlock it meanwhile
            try:
                for keysym in keysyms:
                    self._type_keysym(keymap, keysym, group)
            finally:
                if caps is not None:
                    self._tap(caps)
                for keycode in lifted:
                    self._fake_key(keycode, True)
                self._display.sync()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            with _x_errors("closing the injector"):
                for keycode in reversed(self._held_keys):
                    self._fake_key(keycode, False)
                for number in self._held_buttons:
                    self._fake_button(number, False)
                self._unbind_slots()
                self._display.sync()
        finally:
            self._held_keys.clear()
            self._held_buttons.clear()
            self._display.close()

    def _fake_key(self, keycode: int, down: bool) -> None:
        xtest.fake_input(self._display, X.KeyPress if down else X.KeyRelease, keycode)

    def _fake_button(self, number: int, down: bool) -> None:
        xtest.fake_input(self._display, X.ButtonPress if down else X.ButtonRelease, number)

    def _tap(self, keycode: int) -> None:
        self._fake_key(keycode, True)
        self._fake_key(keycode, False)

    def _current_keymap(self) -> KeymapSnapshot:
        """Fetch the mapping as it is now (a layout switch or another client may have changed it)."""
        while self._display.pending_events():
            self._display.next_event()  # MappingNotify and the like: nothing to act on
        first = self._display.display.info.min_keycode
        rows = self._display.get_keyboard_mapping(first, self._max_keycode - first + 1)
        keymap = KeymapSnapshot(first, rows)
        self._slots.forget_lost(keymap)
        return keymap

    def _keyboard_state(self) -> tuple[int, int]:
        """The effective modifier mask and XKB group of the core keyboard."""
        reply: Any = _XIQueryPointer(
            display=self._display.display,
            opcode=self._xi_opcode,
            window=self._root,
            deviceid=_VIRTUAL_CORE_POINTER,
        )
        # The server leaves the `effective` fields zero: combine the parts as XKB does.
        mods = reply.mods.base_mods | reply.mods.latched_mods | reply.mods.locked_mods
        group = (reply.group.base_group + reply.group.latched_group + reply.group.locked_group) % 256
        return int(mods), int(group)

    def _lift_held_modifiers(self, keymap: KeymapSnapshot) -> list[int]:
        """Release the modifier keys we hold (Shift, Control, Alt, AltGr, ...; not the locks), so
        that they do not change the typed text; returns them for pressing again afterwards."""
        modifiers = {code for codes in self._display.get_modifier_mapping() for code in codes if code}
        lifted = [
            code
            for code in self._held_keys
            if code in modifiers and _LOCK_KEYSYMS.isdisjoint(keymap.rows.get(code, ()))
        ]
        for keycode in lifted:
            self._fake_key(keycode, False)
        return lifted

    @staticmethod
    def _direct_keycode(keymap: KeymapSnapshot, keysym: int) -> int | None:
        stroke = keymap.stroke(keysym, 0)
        return stroke.keycode if isinstance(stroke, Direct) else None

    def _type_keysym(self, keymap: KeymapSnapshot, keysym: int, group: int) -> None:
        stroke = keymap.stroke(keysym, group)
        if isinstance(stroke, Direct):
            shift = self._direct_keycode(keymap, _SHIFT_L) or x_keycode("ShiftLeft")
            if stroke.shift:
                self._fake_key(shift, True)
            self._tap(stroke.keycode)
            if stroke.shift:
                self._fake_key(shift, False)
            return
        keycode = self._slots.find(keysym)
        if keycode is None:
            try:
                keycode, recycled = self._slots.choose(keymap)
            except LookupError as exc:
                raise InjectionError(f"cannot type keysym {keysym:#x}: {exc}") from exc
            if recycled:
                self._settle()
            self._display.change_keyboard_mapping(keycode, [(keysym, keysym)])
            self._slots.bind(keycode, keysym)
        self._tap(keycode)
        self._last_slot_use = time.monotonic()

    def _settle(self) -> None:
        """Wait until the last key typed through a slot has had `SETTLE_S` to be translated."""
        self._display.sync()
        remaining = self._last_slot_use + SETTLE_S - time.monotonic()
        if remaining > 0:
            time.sleep(remaining)

    def _unbind_slots(self) -> None:
        self._current_keymap()
        if not self._slots.bound:
            return
        self._settle()
        for keycode in self._slots.bound:
            self._display.change_keyboard_mapping(keycode, [(0, 0)])
        self._slots.clear()


class _XIQueryPointer(rq.ReplyRequest):
    """XIQueryPointer (python-xlib lacks it): it reports the XKB group, which the core protocol
    hides from clients that do not speak XKB."""

    _request = rq.Struct(
        rq.Card8("opcode"),
        rq.Opcode(_XI_QUERY_POINTER),
        rq.RequestLength(),
        rq.Window("window"),
        rq.Card16("deviceid"),
        rq.Pad(2),
    )
    _reply = rq.Struct(
        rq.ReplyCode(),
        rq.Pad(1),
        rq.Card16("sequence_number"),
        rq.ReplyLength(),
        rq.Window("root"),
        rq.Window("child"),
        rq.Int32("root_x"),
        rq.Int32("root_y"),
        rq.Int32("win_x"),
        rq.Int32("win_y"),
        rq.Card8("same_screen"),
        rq.Pad(1),
        rq.LengthOf("buttons", 2),
        rq.Object("mods", xinput.ModifierInfo),
        rq.Object("group", xinput.GroupInfo),
        rq.List("buttons", rq.Card32),
    )
