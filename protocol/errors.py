"""Error codes carried in `error` messages and the WebSocket close codes that go with them."""

from enum import IntEnum, StrEnum


class ErrorCode(StrEnum):
    """The `code` field of an `error` message."""

    BAD_MESSAGE = "bad_message"
    UNSUPPORTED_VERSION = "unsupported_version"
    UNAUTHORIZED = "unauthorized"
    INVALID_NUMBER = "invalid_number"
    RATE_LIMITED = "rate_limited"
    SESSION_BUSY = "session_busy"
    SESSION_ENDED = "session_ended"
    NOT_ALLOWED = "not_allowed"
    RESUME_REFUSED = "resume_refused"
    INTERNAL = "internal"


class CloseCode(IntEnum):
    """WebSocket close codes; 4000-4999 are the application's range (RFC 6455 section 7.4.2)."""

    NORMAL = 1000
    GOING_AWAY = 1001
    TOO_BIG = 1009
    INTERNAL = 1011
    BAD_MESSAGE = 4000
    UNSUPPORTED_VERSION = 4001
    UNAUTHORIZED = 4003
    INVALID_NUMBER = 4004
    SESSION_BUSY = 4009
    SESSION_ENDED = 4010
    RATE_LIMITED = 4029
    RESUME_REFUSED = 4012


SERVER_RESTART = "server_restart"
"""The close reason (with 1001) of a server that stops and keeps the session for a resume after it
starts again (docs/protocol.md, "Liveness and resume")."""


CLOSE_CODE_FOR_ERROR: dict[ErrorCode, CloseCode] = {
    ErrorCode.BAD_MESSAGE: CloseCode.BAD_MESSAGE,
    ErrorCode.UNSUPPORTED_VERSION: CloseCode.UNSUPPORTED_VERSION,
    ErrorCode.UNAUTHORIZED: CloseCode.UNAUTHORIZED,
    ErrorCode.INVALID_NUMBER: CloseCode.INVALID_NUMBER,
    ErrorCode.RATE_LIMITED: CloseCode.RATE_LIMITED,
    ErrorCode.SESSION_BUSY: CloseCode.SESSION_BUSY,
    ErrorCode.SESSION_ENDED: CloseCode.SESSION_ENDED,
    ErrorCode.NOT_ALLOWED: CloseCode.BAD_MESSAGE,
    ErrorCode.RESUME_REFUSED: CloseCode.RESUME_REFUSED,
    ErrorCode.INTERNAL: CloseCode.INTERNAL,
}


class ProtocolError(ValueError):
    """Raised for bytes or text that do not form a valid message; `code` says which error to answer."""

    def __init__(self, detail: str, code: ErrorCode = ErrorCode.BAD_MESSAGE) -> None:
        super().__init__(detail)
        self.code = code
