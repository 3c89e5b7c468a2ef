"""How to type a character on X11: pure decisions over a snapshot of the keyboard mapping.

A character is typed either *directly* (a keycode of the current group produces its keysym, with
or without Shift) or through a *slot*: a spare keycode (one with no keysyms) temporarily bound to
the keysym, as `xdotool type` does. Only the Shift level is used directly, so AltGr characters
(€ @ { } on a German layout), and every character the layout lacks, go through a slot: whatever
modifiers or group are active, a slot bound to [keysym, keysym] yields exactly that keysym.
Dead keys are never pressed: a character is matched by its own keysym (`asciicircum`), never by
a dead keysym (`dead_circumflex`) that merely composes it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from client.platform.inject.key_codes import check_typeable

RETURN = 0xFF0D
TAB = 0xFF09
_KEYPAD = frozenset(range(0xFF80, 0xFFBE))
_UNICODE_BASE = 0x01000000


def char_keysym(char: str) -> int:
    """The keysym of one character: Latin-1 keysyms equal the code point, the rest are Unicode
    keysyms (0x01000000 + code point); "\\n" is Return and "\\t" Tab.

    Raises ValueError for other control characters, which no key types.
    """
    if char == "\n":
        return RETURN
    if char == "\t":
        return TAB
    check_typeable(char)
    point = ord(char)
    if point <= 0xFF:
        return point
    return _UNICODE_BASE | point


@dataclass(frozen=True)
class Direct:
    """Press `keycode`, with Shift held when `shift`."""

    keycode: int
    shift: bool


@dataclass(frozen=True)
class ViaSlot:
    """Bind `keysym` to a spare keycode, then press that."""

    keysym: int


Stroke = Direct | ViaSlot


class KeymapSnapshot:
    """The core keyboard mapping at one moment: keycode -> keysyms (0 is NoSymbol)."""

    def __init__(self, first_keycode: int, rows: Sequence[Sequence[int]]) -> None:
        self.rows: dict[int, tuple[int, ...]] = {
            first_keycode + index: tuple(row) for index, row in enumerate(rows)
        }
        self._direct: dict[tuple[int, int], Direct] = {}
        # Core columns: group 1 is (0, 1), group 2 is (2, 3). Later entries win: no Shift over
        # Shift, then the lowest keycode. NumLock, not Shift, picks a keypad key's second level.
        keys = [
            (code, row) for code, row in sorted(self.rows.items(), reverse=True) if _KEYPAD.isdisjoint(row)
        ]
        for group in (0, 1):
            for column in (2 * group + 1, 2 * group):
                for keycode, row in keys:
                    if column < len(row) and row[column]:
                        self._direct[(group, row[column])] = Direct(keycode, shift=column % 2 == 1)

    def stroke(self, keysym: int, group: int) -> Stroke:
        """How to type `keysym` while XKB group `group` (0-based) is active."""
        return self._direct.get((group, keysym)) or ViaSlot(keysym)

    def spare_keycodes(self) -> list[int]:
        """Keycodes without any keysym, highest first (the ones least likely on a real keyboard)."""
        return sorted((code for code, row in self.rows.items() if not any(row)), reverse=True)

    def binds(self, keycode: int, keysym: int) -> bool:
        """True if `keycode` carries the slot binding: `keysym` in every column that has one (the
        server repeats a binding into the columns of other groups)."""
        row = self.rows.get(keycode, ())
        return bool(row) and row[0] == keysym and all(symbol in (0, keysym) for symbol in row)


class SlotTable:
    """Which spare keycodes are bound to which keysyms, least recently used first.

    Bindings stay in place after typing: an application translates a key press with the mapping
    it fetches when it handles the event, so unbinding right after the press can turn the
    character into nothing. They are undone when a slot is recycled and when the injector closes.
    """

    def __init__(self) -> None:
        self._bound: dict[int, int] = {}

    @property
    def bound(self) -> Mapping[int, int]:
        """keycode -> keysym, least recently used first."""
        return dict(self._bound)

    def forget_lost(self, keymap: KeymapSnapshot) -> None:
        """Drop bindings the mapping no longer shows (a new layout was loaded, say)."""
        self._bound = {code: sym for code, sym in self._bound.items() if keymap.binds(code, sym)}

    def find(self, keysym: int) -> int | None:
        """The keycode bound to `keysym`, marked as just used; None if there is none."""
        for keycode, bound in self._bound.items():
            if bound == keysym:
                del self._bound[keycode]
                self._bound[keycode] = keysym
                return keycode
        return None

    def choose(self, keymap: KeymapSnapshot) -> tuple[int, bool]:
        """A keycode for a new binding and whether it recycles one in use (free spares first).

        Raises LookupError when the mapping has no spare keycode at all.
        """
        for keycode in keymap.spare_keycodes():
            if keycode not in self._bound:
                return keycode, False
        if not self._bound:
            raise LookupError("the keyboard mapping has no spare keycode")
        return next(iter(self._bound)), True

    def bind(self, keycode: int, keysym: int) -> None:
        self._bound.pop(keycode, None)
        self._bound[keycode] = keysym

    def clear(self) -> None:
        self._bound.clear()
