"""The keysym a keyboard layout uses for a character, as libxkbcommon names it.

Compositors look a keysym up in the customer's layout (`NotifyKeyboardKeysym`), and layouts name
many characters by their legacy keysym, not the Unicode one: the German layout's AltGr+E is
`EuroSign` (0x20ac), never U+20AC (0x10020ac), so "€" sent as the Unicode keysym was dropped on
the test desktop while "@" (Latin-1) arrived. libxkbcommon, which every Wayland compositor and Qt
use, knows that table; where it cannot be loaded, the Unicode keysym is the best left.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Callable
from functools import cache

from client.platform.inject.x11_keysyms import char_keysym

_UNICODE_KEYSYMS = 0x01000000


@cache
def _utf32_to_keysym() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("xkbcommon")
    if name is None:
        return None
    try:
        function = ctypes.CDLL(name).xkb_utf32_to_keysym
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_uint32]
    function.restype = ctypes.c_uint32
    return lambda point: int(function(point))


def layout_keysym(char: str) -> int:
    """The keysym a layout would carry for `char` ("\\n" is Return, "\\t" Tab; Latin-1 is its code
    point); raises ValueError for other control characters."""
    keysym = char_keysym(char)
    if keysym < _UNICODE_KEYSYMS:
        return keysym
    convert = _utf32_to_keysym()
    legacy = convert(ord(char)) if convert is not None else 0
    return legacy or keysym
