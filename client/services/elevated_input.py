"""Expert input on Windows while tier 3 is granted: through the elevated helper's `inject` verb,
so elevated windows (installers, system settings) take it; otherwise the client's own injector.

`SendInput` from the client (medium integrity) does not reach windows of a higher integrity
level; the helper runs elevated. The choice is made per call, so input moves to the helper the
moment it is ready and back the moment tier 3 ends. Remote input above this keeps deciding
whether anything is injected at all (consent, yield), so routing cannot widen what is allowed.
"""

from __future__ import annotations

from collections.abc import Callable

from client.platform.inject import InputInjector


class RoutedInjector:
    """An `InputInjector` that passes each call to `elevated()` when it returns one, else `local`."""

    def __init__(self, local: InputInjector, elevated: Callable[[], InputInjector | None]) -> None:
        self._local = local
        self._elevated = elevated

    def _target(self) -> InputInjector:
        return self._elevated() or self._local

    def move_pointer(self, x: int, y: int) -> None:
        self._target().move_pointer(x, y)

    def press_button(self, button: str, down: bool) -> None:
        self._target().press_button(button, down)

    def scroll(self, dx: int, dy: int) -> None:
        self._target().scroll(dx, dy)

    def press_key(self, code: str, down: bool) -> None:
        self._target().press_key(code, down)

    def type_text(self, text: str) -> None:
        self._target().type_text(text)

    def close(self) -> None:
        """Closes the local injector; the helper releases its own keys when its connection ends."""
        self._local.close()
