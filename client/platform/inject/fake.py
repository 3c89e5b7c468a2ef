"""A fake injector that records what it was asked to do, for tests and demos without a desktop.

Selected by `FERNHILFE_INPUT=fake`. It refuses what the real injectors refuse (unknown buttons and
key codes, control characters), so a test of the caller sees the same errors.
"""

from __future__ import annotations

from client.platform.inject.base import BUTTONS
from client.platform.inject.key_codes import check_typeable, physical_key


class FakeInputInjector:
    """An `InputInjector` that only records.

    `calls` holds one tuple per call, e.g. `("move_pointer", 10, 20)`, `("press_key", "KeyA", True)`,
    `("type_text", "hi")`; `held_keys` and `held_buttons` say what is pressed now.
    Threading: like the real ones, one thread only.
    """

    def __init__(self) -> None:
        self.calls: list[tuple[object, ...]] = []
        self.held_keys: set[str] = set()
        self.held_buttons: set[str] = set()
        self.closed = False

    def move_pointer(self, x: int, y: int) -> None:
        self._record("move_pointer", x, y)

    def press_button(self, button: str, down: bool) -> None:
        if button not in BUTTONS:
            raise ValueError(f"no pointer button {button!r}")
        self._record("press_button", button, down)
        _update(self.held_buttons, button, down)

    def scroll(self, dx: int, dy: int) -> None:
        self._record("scroll", dx, dy)

    def press_key(self, code: str, down: bool) -> None:
        physical_key(code)
        self._record("press_key", code, down)
        _update(self.held_keys, code, down)

    def type_text(self, text: str) -> None:
        check_typeable(text)
        self._record("type_text", text)

    def close(self) -> None:
        """Releases what is held (recorded like any other call), as the real injectors do."""
        if self.closed:
            return
        for code in sorted(self.held_keys):
            self._record("press_key", code, False)
        for button in sorted(self.held_buttons):
            self._record("press_button", button, False)
        self.held_keys.clear()
        self.held_buttons.clear()
        self.closed = True

    def _record(self, *call: object) -> None:
        if self.closed:
            raise RuntimeError("the injector is closed")
        self.calls.append(call)


def _update(held: set[str], name: str, down: bool) -> None:
    if down:
        held.add(name)
    else:
        held.discard(name)
