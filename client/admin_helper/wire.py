"""What the client and the elevated helper say to each other: one JSON object per line.

Client -> helper: `{"verb": "hello", "token": str}` first, then `{"verb": "run", "id": int,
"command": str}` (and, where the platform offers it, `{"verb": "inject", ...}`, see
input_verb.py). Helper -> client: `{"event": "ready"}`, `{"event": "output", "id", "stream",
"data"}`, `{"event": "exit", "id", "status"}`, `{"event": "refused", "reason", "id"?}`.
Anything else is refused and the helper closes the connection.
"""

from __future__ import annotations

import json
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
