"""The `inject` verb (Windows only): expert input the elevated helper inserts with `SendInput`,
so elevated windows can be operated while tier 3 is granted. Local to the machine, never on the
wire; docs/adr/0004-administrator-rights.md specifies it.

Both ends live here, so they cannot drift: `VerbInjector` (the client) turns the injector calls
of remote input into verb lines, `apply` (the helper) checks one line strictly and performs it.
A line is `{"verb": "inject", "op": …}` with exactly the fields of its op:

- `move` `x`, `y` (virtual-desktop pixels), `button` `button` (one of BUTTONS), `down`;
- `scroll` `dx`, `dy` (notches), `key` `code` (a `KeyboardEvent.code`), `down`; `text` `text`.

Anything else is refused, and a refusal ends the helper's connection: the client only ever sends
what remote input already checked, so a bad line means a broken or hostile client.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from client.platform.inject.base import BUTTONS, InjectionError, InputInjector, UnknownKey

log = logging.getLogger(__name__)

MAX_COORDINATE = 2**31 - 1
MAX_NOTCHES = 1000
MAX_CODE_CHARS = 64
MAX_TEXT_CHARS = 4096

FIELDS: dict[str, dict[str, type]] = {
    "move": {"x": int, "y": int},
    "button": {"button": str, "down": bool},
    "scroll": {"dx": int, "dy": int},
    "key": {"code": str, "down": bool},
    "text": {"text": str},
}
"""op -> its fields and their types: the whole verb."""


def message(op: str, **fields: object) -> dict[str, Any]:
    return {"verb": "inject", "op": op, **fields}


class VerbInjector:
    """An `InputInjector` whose calls become `inject` lines for the helper (`send`).

    `close` sends nothing: remote input releases what it holds first, and the helper releases
    anything left when its connection ends.
    """

    def __init__(self, send: Callable[[dict[str, Any]], None]) -> None:
        self._send = send

    def move_pointer(self, x: int, y: int) -> None:
        self._send(message("move", x=x, y=y))

    def press_button(self, button: str, down: bool) -> None:
        if button not in BUTTONS:
            raise ValueError(f"no pointer button {button!r}")
        self._send(message("button", button=button, down=down))

    def scroll(self, dx: int, dy: int) -> None:
        self._send(message("scroll", dx=dx, dy=dy))

    def press_key(self, code: str, down: bool) -> None:
        self._send(message("key", code=code, down=down))

    def type_text(self, text: str) -> None:
        self._send(message("text", text=text))

    def close(self) -> None:
        """Nothing to release here (see the class)."""


def refusal(body: dict[str, Any]) -> str | None:
    """Why `body` is not a well-formed `inject` line (None: it is)."""
    op = body.get("op")
    if not isinstance(op, str) or op not in FIELDS:
        return f"inject op {op!r} is not offered"
    fields = FIELDS[op]
    extra = set(body) - {"verb", "op", *fields}
    if extra or body.get("verb") != "inject":
        return f"inject {op} does not take {sorted(extra)}"
    for name, kind in fields.items():
        value = body.get(name)
        # bool is an int in Python; an int field must not accept true/false.
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            return f"inject {op} needs {name} as {kind.__name__}"
    limits = {
        "x": MAX_COORDINATE,
        "y": MAX_COORDINATE,
        "dx": MAX_NOTCHES,
        "dy": MAX_NOTCHES,
        "code": MAX_CODE_CHARS,
        "text": MAX_TEXT_CHARS,
    }
    for name, limit in limits.items():
        value = body.get(name)
        size = abs(value) if isinstance(value, int) else len(value) if isinstance(value, str) else 0
        if size > limit:
            return f"inject {op}: {name} exceeds {limit}"
    if op == "button" and body["button"] not in BUTTONS:
        return f"inject button {body['button']!r} is not a pointer button"
    return None


def apply(body: dict[str, Any], injector: InputInjector) -> str | None:
    """Check and perform one line (the helper's `InjectVerb`); returns why it was refused.

    Input the system would not take (an unknown key, a window out of reach) is dropped and
    logged, not refused: the connection, and with it tier 3, stays.
    """
    problem = refusal(body)
    if problem is not None:
        return problem
    try:
        match body["op"]:
            case "move":
                injector.move_pointer(body["x"], body["y"])
            case "button":
                injector.press_button(body["button"], body["down"])
            case "scroll":
                injector.scroll(body["dx"], body["dy"])
            case "key":
                injector.press_key(body["code"], body["down"])
            case "text":
                injector.type_text(body["text"])
    except (UnknownKey, ValueError, InjectionError) as exc:
        log.warning("dropped inject %s: %s", body["op"], exc)
    return None
