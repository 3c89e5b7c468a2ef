"""Typing text through the portal, as keysym presses: pure decisions, tested without a desktop.

A character is sent as its keysym where the customer's layout carries it: the compositor then finds
the key and level itself (ä on a German layout, € with AltGr). A character the layout lacks cannot
be typed that way (the portal cannot remap keys; mutter drops it, "No keycode found for keyval").
The fallback is Unicode entry: Ctrl+Shift+U, the code point in hex, then space. GTK applications
(its built-in input method) and every application under IBus, GNOME's input method, turn that into
the character; an application outside both gets the letters instead, so the fallback is used only
for characters the layout lacks. Which keysyms the layout has is read from XWayland's keyboard
mapping, which mirrors the compositor's (`xwayland_keymap`); where that is unknown, keysyms are sent
as they are.
"""

from __future__ import annotations

from client.platform.inject.xkb_keysyms import layout_keysym

CONTROL_L, SHIFT_L, SPACE, LETTER_U = 0xFFE3, 0xFFE1, 0x20, 0x75

KeyEvent = tuple[int, bool]
"""A keysym and whether it goes down (True) or up."""


def text_events(text: str, layout: frozenset[int] | None) -> list[KeyEvent]:
    """The keysym presses and releases that type `text` on a layout with keysyms `layout` (None:
    not known). Raises ValueError for control characters other than newline and tab."""
    events: list[KeyEvent] = []
    for char in text:
        keysym = layout_keysym(char)
        if layout is None or keysym in layout or char in "\n\t":
            events += [(keysym, True), (keysym, False)]
        else:
            events += unicode_entry(ord(char))
    return events


def unicode_entry(point: int) -> list[KeyEvent]:
    """Ctrl+Shift+U, the hex digits of `point`, space: GTK's and IBus's Unicode entry."""
    events: list[KeyEvent] = [(CONTROL_L, True), (SHIFT_L, True), (LETTER_U, True), (LETTER_U, False)]
    events += [(SHIFT_L, False), (CONTROL_L, False)]
    for digit in f"{point:x}":
        events += [(ord(digit), True), (ord(digit), False)]
    return [*events, (SPACE, True), (SPACE, False)]
