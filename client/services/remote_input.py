"""Remote input: injects the expert's pointer and keyboard while the session core allows it.

The app creates it when the customer grants control and closes it when control ends. Only the
core's `InjectInput` actions reach `inject`, and the core emits them only while the expert holds
control. `block_now` is the fast path for yielding: the local-input watcher calls it from its own
thread the moment the customer touches mouse or keyboard, before the core has even heard of it.

Threading: everything except `block_now` runs on the event-loop thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from client.core.actions import InputMessage
from client.core.input_policy import desktop_point
from client.platform.inject import InputInjector, UnknownKey
from protocol.messages import Key, Modifier, Monitor, PointerButton, PointerMove, Text, Wheel

log = logging.getLogger(__name__)

MODIFIER_CODES: dict[Modifier, str] = {
    "shift": "ShiftLeft",
    "control": "ControlLeft",
    "alt": "AltLeft",
    "altgr": "AltRight",
    "meta": "MetaLeft",
}


class RemoteInput:
    """Remembers what the expert holds down, so that a yield or the end can release it all."""

    def __init__(
        self,
        injector_factory: Callable[[], InputInjector],
        monitors: Callable[[], tuple[Monitor, ...]],
    ) -> None:
        self._injector_factory = injector_factory
        self._monitors = monitors
        self._injector: InputInjector | None = None
        self._blocked = threading.Event()
        self._held_buttons: list[str] = []
        self._held_keys: list[str] = []
        self._pressed_modifiers: dict[str, list[str]] = {}

    def start(self) -> None:
        self._injector = self._injector_factory()

    def block_now(self) -> None:
        """Stop injecting at once. Safe from any thread."""
        self._blocked.set()

    def yield_to_customer(self) -> None:
        """The customer took over: release what the expert holds and inject nothing more."""
        self._blocked.set()
        self._release_held()

    def resume(self) -> None:
        self._blocked.clear()

    def inject(self, message: InputMessage) -> str | None:
        """Inject `message`; returns why it was dropped, or None if it was injected."""
        injector = self._injector
        if injector is None or self._blocked.is_set():
            return f"dropped {message.TYPE!r}: input is paused"
        try:
            return self._inject(injector, message)
        except (UnknownKey, ValueError) as exc:
            return f"dropped {message.TYPE!r}: {exc}"

    def close(self) -> None:
        """Release everything the expert holds, then stop for good."""
        self._blocked.set()
        self._release_held()
        if self._injector is not None:
            self._injector.close()
            self._injector = None

    def _inject(self, injector: InputInjector, message: InputMessage) -> str | None:
        if isinstance(message, Text):
            injector.type_text(message.text)
            return None
        if isinstance(message, Key):
            self._key(injector, message)
            return None
        point = desktop_point(self._monitors(), message.monitor, message.x, message.y)
        if point is None:
            where = f"({message.x}, {message.y})"
            return f"dropped {message.TYPE!r}: {where} is not on shared monitor {message.monitor}"
        injector.move_pointer(*point)
        if isinstance(message, PointerButton):
            self._button(injector, message)
        elif isinstance(message, Wheel):
            injector.scroll(message.dx, message.dy)
        else:
            assert isinstance(message, PointerMove)
        return None

    def _button(self, injector: InputInjector, message: PointerButton) -> None:
        if message.down and message.button not in self._held_buttons:
            injector.press_button(message.button, True)
            self._held_buttons.append(message.button)
        elif not message.down and message.button in self._held_buttons:
            injector.press_button(message.button, False)
            self._held_buttons.remove(message.button)

    def _key(self, injector: InputInjector, message: Key) -> None:
        if message.down:
            pressed = [
                MODIFIER_CODES[m] for m in message.modifiers if MODIFIER_CODES[m] not in self._held_keys
            ]
            for code in pressed:
                injector.press_key(code, True)
                self._held_keys.append(code)
            injector.press_key(message.code, True)
            if message.code not in self._held_keys:
                self._held_keys.append(message.code)
            self._pressed_modifiers[message.code] = pressed
        elif message.code in self._held_keys:
            injector.press_key(message.code, False)
            self._held_keys.remove(message.code)
            for code in reversed(self._pressed_modifiers.pop(message.code, [])):
                if code in self._held_keys:
                    injector.press_key(code, False)
                    self._held_keys.remove(code)

    def _release_held(self) -> None:
        injector = self._injector
        if injector is None:
            return
        for button in reversed(self._held_buttons):
            injector.press_button(button, False)
        for code in reversed(self._held_keys):
            try:
                injector.press_key(code, False)
            except UnknownKey:
                log.warning("could not release key %s", code)
        if self._held_buttons or self._held_keys:
            log.info("released %s and %s held by the expert", self._held_buttons, self._held_keys)
        self._held_buttons.clear()
        self._held_keys.clear()
        self._pressed_modifiers.clear()
