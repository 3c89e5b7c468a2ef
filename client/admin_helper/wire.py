"""What the client and the elevated helper say to each other: one JSON object per line.

Client -> helper: `{"verb": "hello", "token": str}` first, then `{"verb": "run", "id": int,
"command": str}` (and, where the platform offers it, `{"verb": "inject", ...}`, see
input_verb.py). Helper -> client: `{"event": "ready"}`, `{"event": "output", "id", "stream",
"data"}`, `{"event": "exit", "id", "status"}`, `{"event": "refused", "reason", "id"?}`.
Anything else is refused and the helper closes the connection.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

MAX_LINE_BYTES = 64 * 1024
READ_CHUNK_BYTES = 4096
"""Output is read in pieces of this size, so one `output` line stays far below `MAX_LINE_BYTES`."""
SOCKET_NAME = "helper.sock"
"""The helper listens at this name inside the client's private folder."""


class WireError(ValueError):
    """A line that is not one JSON object within the size limit."""


def encode(body: dict[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=True, separators=(",", ":")).encode("ascii") + b"\n"


def decode(line: bytes) -> dict[str, Any]:
    if len(line) > MAX_LINE_BYTES:
        raise WireError(f"line of {len(line)} bytes exceeds {MAX_LINE_BYTES}")
    try:
        body = json.loads(line)
    except (ValueError, UnicodeDecodeError) as exc:
        raise WireError(f"not JSON: {exc}") from None
    if not isinstance(body, dict):
        raise WireError("a line is one JSON object")
    return body


def command_of(body: dict[str, Any]) -> tuple[int, str]:
    """The id and command line of a `run` verb, or WireError."""
    command_id, command = body.get("id"), body.get("command")
    if isinstance(command_id, bool) or not isinstance(command_id, int) or command_id < 1:
        raise WireError("run needs a positive integer id")
    if not isinstance(command, str) or not command or "\x00" in command:
        raise WireError("run needs a command line")
    return command_id, command


class LineReader:
    """Lines out of a byte stream that arrives in pieces (the Windows pipe: a socket file does
    this itself). `read` returns the next piece, b"" at the end."""

    def __init__(self, read: Callable[[], bytes]) -> None:
        self._read = read
        self._pending = b""

    def readline(self, limit: int) -> bytes:
        """Up to and including the next newline, at most `limit` bytes; b"" at the end."""
        while b"\n" not in self._pending[:limit] and len(self._pending) < limit:
            piece = self._read()
            if not piece:
                break
            self._pending += piece
        end = min(self._pending.find(b"\n") + 1 or len(self._pending), limit)
        line, self._pending = self._pending[:end], self._pending[end:]
        return line
