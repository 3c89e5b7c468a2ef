"""The one way the server says no: log it, tell the peer why with `error`, close with the matching code."""

from __future__ import annotations

from protocol import limits
from protocol.errors import CLOSE_CODE_FOR_ERROR, ErrorCode
from protocol.messages import Error
from server.core.actions import Action, Close, ConnId, Log, Send


def refuse(
    conn: ConnId,
    code: ErrorCode,
    detail: str,
    *,
    where: str = "",
    retry_after: int = 0,
    close_code: int | None = None,
) -> list[Action]:
    """Actions that refuse `conn`: a log line, an `error` message, then the close code for `code`."""
    text = detail[: limits.MAX_ERROR_TEXT_CHARS]
    close = CLOSE_CODE_FOR_ERROR[code] if close_code is None else close_code
    prefix = f"{where}: " if where else ""
    return [
        Log("warning", f"refused connection {conn}: {prefix}{code.value} ({text}), close {close}"),
        Send(conn, Error(code=code.value, message=text, retry_after=retry_after)),
        Close(conn, close, code.value),
    ]
