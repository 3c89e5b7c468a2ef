"""What the shell must do for the customer session: the state machine's only output."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from client.core.identity import IdentityProblem, VerifiedIdentity
from client.core.notice import Notice
from protocol.messages import (
    Chat,
    Expert,
    Key,
    Message,
    OutputStream,
    PointerButton,
    PointerMove,
    Text,
    Wheel,
)

InputMessage = PointerMove | PointerButton | Wheel | Key | Text


IDENTITY_NOTICES: dict[IdentityProblem, Notice] = {
    IdentityProblem.MISSING: Notice.IDENTITY_MISSING,
    IdentityProblem.INVALID: Notice.IDENTITY_INVALID,
    IdentityProblem.EXPIRED: Notice.IDENTITY_EXPIRED,
    IdentityProblem.OTHER_SESSION: Notice.IDENTITY_OTHER_SESSION,
}


@dataclass(frozen=True)
class OpenConnection:
    """Open the TLS WebSocket; report `Connected` or `ConnectFailed`."""


@dataclass(frozen=True)
class Send:
    message: Message


@dataclass(frozen=True)
class CloseConnection:
    code: int


@dataclass(frozen=True)
class ShowNumberEntry:
    """Show the session-number dialog again, with `notice` explaining why."""

    notice: Notice
    retry_after: int = 0


@dataclass(frozen=True)
class ShowConnecting:
    """The number was sent; show progress in the number dialog."""


@dataclass(frozen=True)
class AskConsent:
    """Open the consent dialog for `tier`; it must answer with `ConsentAnswered`."""

    tier: int
    expert: Expert
    recorded: bool
    retention_days: int
    deadline: float
    identity: VerifiedIdentity | None = None
    """The verified descriptor; None means unverified, which the dialog shows as a warning."""


@dataclass(frozen=True)
class AskWhoCalled:
    """Ask "Did you call `organisation` yourself at `phone`?"; answered with `CallerAnswered`."""

    organisation: str
    phone: str


@dataclass(frozen=True)
class WarnCalledByThem:
    """Warn that the organisation does not call unasked; answered with `CallerWarningAnswered`."""

    organisation: str
    phone: str


@dataclass(frozen=True)
class DismissCallerCheck:
    """Close the caller question or warning without an answer (timeout, the other side ended)."""


@dataclass(frozen=True)
class DismissConsent:
    tier: int


@dataclass(frozen=True)
class ShowWatermark:
    """Show the watermark on every screen and answer `WatermarkShown` or `WatermarkFailed`."""

    expert: Expert


@dataclass(frozen=True)
class HideWatermark:
    pass


@dataclass(frozen=True)
class StartScreenShare:
    pass


@dataclass(frozen=True)
class StopScreenShare:
    """Stop capturing; after this nothing more may be sent from the screen."""


@dataclass(frozen=True)
class AcknowledgeFrame:
    seq: int


@dataclass(frozen=True)
class RequestKeyframe:
    pass


@dataclass(frozen=True)
class ShowControlPanel:
    expert: Expert
    tier: int


@dataclass(frozen=True)
class ShowControlState:
    """Tell the customer (panel, watermark) what is granted and who holds mouse and keyboard."""

    tier: int
    expert_holds: bool


@dataclass(frozen=True)
class StartRemoteInput:
    """Remote control was granted: open the injector and watch for the customer's own input."""


@dataclass(frozen=True)
class StopRemoteInput:
    """Release every button and key the expert holds, then stop injecting for good."""


@dataclass(frozen=True)
class YieldInput:
    """The customer took over: release what the expert holds and inject nothing until resumed."""


@dataclass(frozen=True)
class ResumeInput:
    pass


@dataclass(frozen=True)
class InjectInput:
    """Inject this input message; the service still checks it lands on a shared monitor."""

    message: InputMessage


@dataclass(frozen=True)
class SelectMonitor:
    monitor: int


@dataclass(frozen=True)
class ShowChat:
    """Add a chat message (the expert's, or the customer's own) to the chat the customer sees."""

    message: Chat


@dataclass(frozen=True)
class StartAdminHelper:
    """Start the elevated helper through the operating system's prompt; answer `AdminHelperReady`
    or `AdminHelperFailed`."""


@dataclass(frozen=True)
class StopAdminHelper:
    """Stop the elevated helper now (a running command is killed); nothing more runs as administrator."""


@dataclass(frozen=True)
class ShowAdminCommand:
    """Show the customer the command line that is about to run as administrator."""

    command_id: int
    command: str


@dataclass(frozen=True)
class RunAdminCommand:
    """Run the command through the helper; its output comes back as `AdminOutputRead`, its end as
    `AdminCommandExited` (or `AdminCommandFailed`)."""

    command_id: int
    command: str


@dataclass(frozen=True)
class ShowAdminOutput:
    command_id: int
    stream: OutputStream
    data: str


@dataclass(frozen=True)
class ShowAdminExit:
    """The command ended with `status`, or was stopped (`None`)."""

    command_id: int
    status: int | None


@dataclass(frozen=True)
class ShowAdminState:
    """Tell the customer (panel, watermark) whether the expert has administrator rights now."""

    active: bool


@dataclass(frozen=True)
class ShowAdminUnavailable:
    """The operating system's prompt was dismissed (or elevation failed): the session goes on at tier 2."""

    dismissed: bool


@dataclass(frozen=True)
class Finish:
    """The session is over: close every window, tell the customer `notice`, then exit."""

    notice: Notice


@dataclass(frozen=True)
class DropConnection:
    """Abandon the current connection at once, without a closing handshake: it is dead or stale."""


@dataclass(frozen=True)
class ConnectionInterrupted:
    """The link to the server dropped and the session tries to resume: stop whatever acts for the
    expert and needs a live link (screen share and remote input get their own stop actions before
    this one; tier 3's helper hooks in here — it is never resumed without a new confirmation)."""


class LinkTrouble(Enum):
    """What the customer is told while the connection is being restored."""

    LOST = "lost"
    """The connection dropped (a network gap, a silent server)."""
    SERVER_RESTARTING = "server_restarting"
    """The server closed the connection because it is restarting (close 1001 `server_restart`)."""
    SERVER_UNREACHABLE = "server_unreachable"
    """Attempts to resume find no server: it is down or restarting, or the network is."""


@dataclass(frozen=True)
class ShowReconnecting:
    """Tell the customer (watermark, panel) that the connection is being restored until `deadline`,
    and why; nothing is captured or injected meanwhile."""

    deadline: float
    why: LinkTrouble = LinkTrouble.LOST


@dataclass(frozen=True)
class ShowReconnected:
    """The connection is back: show the session state as before the drop."""


@dataclass(frozen=True)
class LogRefusal:
    """A server message was refused; log it (it was not acted on)."""

    detail: str


Action = (
    OpenConnection
    | Send
    | CloseConnection
    | ShowNumberEntry
    | ShowConnecting
    | AskConsent
    | AskWhoCalled
    | WarnCalledByThem
    | DismissCallerCheck
    | DismissConsent
    | ShowWatermark
    | HideWatermark
    | StartScreenShare
    | StopScreenShare
    | AcknowledgeFrame
    | RequestKeyframe
    | ShowControlPanel
    | ShowControlState
    | StartRemoteInput
    | StopRemoteInput
    | YieldInput
    | ResumeInput
    | InjectInput
    | SelectMonitor
    | ShowChat
    | StartAdminHelper
    | StopAdminHelper
    | ShowAdminCommand
    | RunAdminCommand
    | ShowAdminOutput
    | ShowAdminExit
    | ShowAdminState
    | ShowAdminUnavailable
    | Finish
    | DropConnection
    | ConnectionInterrupted
    | ShowReconnecting
    | ShowReconnected
    | LogRefusal
)
