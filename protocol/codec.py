"""JSON codec for control messages: strict on the way in, canonical on the way out.

Decoding never trusts the peer: unknown types, unknown or missing fields, wrong types, values
out of range and oversized text all raise `ProtocolError` and produce no message.
"""

from __future__ import annotations

import dataclasses
import json
import re
import typing
from functools import cache
from typing import Any

from protocol import limits
from protocol.errors import ProtocolError
from protocol.messages import MESSAGE_TYPES, Message


def encode_message(message: Message) -> str:
    """Return the JSON text for `message`, with `type` first."""
    body: dict[str, Any] = {"type": message.TYPE}
    body.update(_to_json(message))
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def decode_message(text: str | bytes) -> Message:
    """Parse one text frame into a message, or raise `ProtocolError`."""
    raw = text.encode("utf-8") if isinstance(text, str) else text
    if len(raw) > limits.MAX_TEXT_MESSAGE_BYTES:
        raise ProtocolError(f"message of {len(raw)} bytes exceeds {limits.MAX_TEXT_MESSAGE_BYTES}")
    try:
        body = json.loads(raw, parse_constant=_reject_constant)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ProtocolError(f"not JSON: {exc}") from None
    if not isinstance(body, dict):
        raise ProtocolError("a message is a JSON object")
    kind = body.pop("type", None)
    if not isinstance(kind, str) or kind not in MESSAGE_TYPES:
        raise ProtocolError(f"unknown message type {kind!r}")
    return typing.cast(Message, _from_json(MESSAGE_TYPES[kind], body, kind))


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not allowed")


def _to_json(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple):
        return [_to_json(item) for item in value]
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _from_json(cls: type, body: dict[str, Any], where: str) -> object:
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = set(body) - set(fields)
    if unknown:
        raise ProtocolError(f"{where}: unknown field(s) {sorted(unknown)}")
    values: dict[str, object] = {}
    for name, spec in fields.items():
        if name not in body:
            if spec.default is dataclasses.MISSING:
                raise ProtocolError(f"{where}: missing field {name!r}")
            continue
        values[name] = _check(_hints(cls)[name], body[name], spec.metadata, f"{where}.{name}")
    return cls(**values)


def _check(hint: Any, value: Any, meta: Any, where: str) -> object:
    origin = typing.get_origin(hint)
    if origin is typing.Literal:
        if value not in typing.get_args(hint):
            raise ProtocolError(f"{where}: {value!r} is not one of {typing.get_args(hint)}")
        return value
    if origin is tuple:
        if not isinstance(value, list):
            raise ProtocolError(f"{where}: expected a list")
        if len(value) > meta.get("max_items", 0):
            raise ProtocolError(f"{where}: more than {meta.get('max_items')} items")
        item_hint = typing.get_args(hint)[0]
        return tuple(_check(item_hint, item, {}, f"{where}[{i}]") for i, item in enumerate(value))
    if dataclasses.is_dataclass(hint):
        if not isinstance(value, dict):
            raise ProtocolError(f"{where}: expected an object")
        return _from_json(typing.cast(type, hint), value, where)
    if hint is bool:
        if not isinstance(value, bool):
            raise ProtocolError(f"{where}: expected true or false")
        return value
    if hint is int or hint is float:
        accepted: tuple[type, ...] = (int,) if hint is int else (int, float)
        if isinstance(value, bool) or not isinstance(value, accepted):
            raise ProtocolError(f"{where}: expected a number of type {hint.__name__}")
        low, high = meta.get("range", (float("-inf"), float("inf")))
        if not low <= value <= high:
            raise ProtocolError(f"{where}: {value} is outside {low}..{high}")
        return float(typing.cast(float, value)) if hint is float else value
    if hint is str:
        if not isinstance(value, str):
            raise ProtocolError(f"{where}: expected a string")
        if len(value) > meta.get("max_len", 0):
            raise ProtocolError(f"{where}: longer than {meta.get('max_len')} characters")
        pattern = meta.get("pattern")
        if pattern is not None and re.fullmatch(pattern, value) is None:
            raise ProtocolError(f"{where}: does not match {pattern}")
        return value
    raise TypeError(f"{where}: the codec has no rule for {hint!r}")
