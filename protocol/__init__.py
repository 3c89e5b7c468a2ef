"""Fernhilfe wire protocol: the one definition of what client, server and console exchange.

The names below load on first use, not with the package: a client importing only
`protocol.limits` for its first window does not wait for every message class to be built.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from protocol.codec import decode_message, encode_message
    from protocol.errors import CloseCode, ErrorCode, ProtocolError
    from protocol.frames import Encoding, Frame, Tile, decode_frame, encode_frame
    from protocol.version import PROTOCOL_VERSION

_HOMES = {
    "decode_message": "protocol.codec",
    "encode_message": "protocol.codec",
    "CloseCode": "protocol.errors",
    "ErrorCode": "protocol.errors",
    "ProtocolError": "protocol.errors",
    "Encoding": "protocol.frames",
    "Frame": "protocol.frames",
    "Tile": "protocol.frames",
    "decode_frame": "protocol.frames",
    "encode_frame": "protocol.frames",
    "PROTOCOL_VERSION": "protocol.version",
}

__all__ = [
    "PROTOCOL_VERSION",
    "CloseCode",
    "Encoding",
    "ErrorCode",
    "Frame",
    "ProtocolError",
    "Tile",
    "decode_frame",
    "decode_message",
    "encode_frame",
    "encode_message",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'protocol' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
