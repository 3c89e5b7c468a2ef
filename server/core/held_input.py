"""Keys and buttons the console pressed and has not let go of, so they are let go when it goes.

A console whose connection drops (a closed laptop, a lost network) never sends the `key` or
`pointer_button` with `down: false` that would end a press; the customer's computer would go on
holding the key or button down. The session notes every press it relays and, when the console
detaches or is replaced, sends the customer the releases the console owed. A yield, a revoke or
a drop of the customer's link releases everything on the customer's side already, so the notes
are simply forgotten then.
"""

from __future__ import annotations

from protocol.messages import Key, Message, PointerButton


class HeldInput:
    """The presses relayed to the customer that are still down, in the order they went down."""

    def __init__(self) -> None:
        self._keys: dict[str, Key] = {}
        self._buttons: dict[str, PointerButton] = {}

    def note(self, message: Message) -> None:
        """A relayed input message: remember a press, forget it at its release."""
        if isinstance(message, Key):
            if message.down:
                self._keys[message.code] = message
            else:
                self._keys.pop(message.code, None)
        elif isinstance(message, PointerButton):
            if message.down:
                self._buttons[message.button] = message
            else:
                self._buttons.pop(message.button, None)

    def releases(self) -> list[Message]:
        """The releases the console owes, newest press first; afterwards nothing is held."""
        owed: list[Message] = [Key(code=key.code, down=False) for key in reversed(self._keys.values())]
        owed += [
            PointerButton(monitor=b.monitor, x=b.x, y=b.y, button=b.button, down=False)
            for b in reversed(self._buttons.values())
        ]
        self.forget()
        return owed

    def forget(self) -> None:
        self._keys.clear()
        self._buttons.clear()
