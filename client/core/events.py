"""What happens to a customer session: everything the state machine reacts to."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from protocol.messages import Message, OutputStream


class ConnectFailure(Enum):
    """Why the connection could not be opened; each has its own message for the customer."""

    UNREACHABLE = "unreachable"
    CERTIFICATE = "certificate"


@dataclass(frozen=True)
class JoinRequested:
    """The customer typed a number and pressed Connect."""

    number: str


@dataclass(frozen=True)
class Connected:
    """The TLS WebSocket to the configured server is open."""


@dataclass(frozen=True)
class ConnectFailed:
    failure: ConnectFailure
    detail: str


@dataclass(frozen=True)
class MessageReceived:
    message: Message


@dataclass(frozen=True)
class ProtocolViolation:
    """The server sent something the codec rejected."""

    detail: str


@dataclass(frozen=True)
class ConsentAnswered:
    """The customer clicked Allow or Deny (or pressed Esc / closed the dialog: granted=False)."""

    tier: int
    granted: bool


@dataclass(frozen=True)
class WatermarkShown:
    """The watermark is on every shared screen; sharing may start."""


@dataclass(frozen=True)
class WatermarkFailed:
    detail: str


@dataclass(frozen=True)
class EndRequested:
    """The customer clicked End session (or closed the control panel)."""


@dataclass(frozen=True)
class ConnectionLost:
    detail: str
    server_restarting: bool = False
    """The server closed with 1001 `server_restart`: it keeps the session for a resume."""


@dataclass(frozen=True)
class ShareFailed:
    """Capturing the screen stopped working."""

    detail: str


@dataclass(frozen=True)
class LocalInput:
    """The person at this machine used a real mouse or keyboard (never our own injection)."""

    now: float


@dataclass(frozen=True)
class RevokeRequested:
    """The customer drops `tier` and every tier above it (e.g. "View only")."""

    tier: int


@dataclass(frozen=True)
class ChatSent:
    """The customer wrote a chat message to the expert."""

    text: str


@dataclass(frozen=True)
class CallerAnswered:
    """The customer answered "Did you call us yourself?": True for "Yes, I called"."""

    called_themselves: bool


@dataclass(frozen=True)
class CallerWarningAnswered:
    """After the "they called me" warning: True only for an explicit "Continue anyway"."""

    proceed: bool


@dataclass(frozen=True)
class AdminHelperReady:
    """The elevated helper runs, checked this client's credentials and took its one-time token."""


@dataclass(frozen=True)
class AdminHelperFailed:
    """The helper did not start: the customer dismissed the operating system's prompt, or it failed."""

    dismissed: bool
    detail: str


@dataclass(frozen=True)
class AdminHelperLost:
    """The helper's connection ended although the client did not stop it."""

    detail: str


@dataclass(frozen=True)
class AdminOutputRead:
    command_id: int
    stream: OutputStream
    data: str


@dataclass(frozen=True)
class AdminCommandExited:
    command_id: int
    status: int


@dataclass(frozen=True)
class AdminCommandFailed:
    """The helper could not start the command (e.g. no shell)."""

    command_id: int
    detail: str


@dataclass(frozen=True)
class Tick:
    """The clock advanced; consent dialogs time out on ticks."""

    now: float


Event = (
    JoinRequested
    | Connected
    | ConnectFailed
    | MessageReceived
    | ProtocolViolation
    | ConsentAnswered
    | WatermarkShown
    | WatermarkFailed
    | EndRequested
    | ConnectionLost
    | ShareFailed
    | LocalInput
    | RevokeRequested
    | ChatSent
    | CallerAnswered
    | CallerWarningAnswered
    | AdminHelperReady
    | AdminHelperFailed
    | AdminHelperLost
    | AdminOutputRead
    | AdminCommandExited
    | AdminCommandFailed
    | Tick
)
