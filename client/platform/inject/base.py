"""The input-injection capability: what remote control needs to act on the customer's desktop.

Keys arrive on two channels, as the protocol's `key` and `text` messages do: physical keys (a
`KeyboardEvent.code` such as `KeyC` or `ShiftLeft`, layout-independent, for shortcuts and special
keys) and typed text (Unicode, whatever the customer's keyboard layout can produce).
"""

from __future__ import annotations

from typing import Protocol

BUTTONS = ("left", "middle", "right", "back", "forward")
"""The pointer buttons `press_button` accepts, as the protocol names them."""


INJECTION_TAG = 0x4648_494E
"""Marks every event this process injects where the system carries a tag ("FHIN": Windows
`dwExtraInfo`, macOS `kCGEventSourceUserData`), so the local-input watch knows it for ours."""


class UnknownKey(ValueError):
    """`press_key` got a code this platform has no key for."""


class InjectionError(Exception):
    """Input cannot be injected: no display server, extension or permission missing."""


class InputInjector(Protocol):
    """Injects input into the local desktop. Coordinates are physical pixels of the virtual desktop.
    Not thread-safe: create, use and close on one thread (the client's event-loop thread)."""

    def move_pointer(self, x: int, y: int) -> None: ...

    def press_button(self, button: str, down: bool) -> None:
        """`button` is one of `BUTTONS`; anything else raises ValueError."""
        ...

    def scroll(self, dx: int, dy: int) -> None:
        """Wheel notches; +dy scrolls down, +dx right."""
        ...

    def press_key(self, code: str, down: bool) -> None:
        """A physical key by its `KeyboardEvent.code`; raises `UnknownKey` for codes it cannot map."""
        ...

    def type_text(self, text: str) -> None:
        """Types any Unicode text; "\\n" as Return, "\\t" as Tab. Other control characters raise
        ValueError before anything is typed. Keys held through `press_key` do not change the text."""
        ...

    def close(self) -> None:
        """Release every button and key still held, undo keymap changes, drop the connection.
        Safe to call more than once."""
        ...
