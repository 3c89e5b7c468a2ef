"""Control messages (JSON text frames), one frozen dataclass per `type`.

Field metadata carries the limits the codec checks: `max_len` for strings, `range` for
numbers, `pattern` for strings with a fixed shape. Who may send which message, and when, is
in docs/protocol.md; the codec only checks shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import ClassVar, Literal

from protocol import limits

TierState = Literal["requested", "granted", "denied", "revoked"]
SessionState = Literal["waiting", "joined", "active", "ended"]
EndedBy = Literal["customer", "expert", "server"]
PointerButtonName = Literal["left", "middle", "right", "back", "forward"]
Modifier = Literal["shift", "control", "alt", "altgr", "meta"]
Holder = Literal["expert", "customer"]
ChatAuthor = Literal["customer", "expert"]
CustomerLinkState = Literal["reconnecting", "connected"]
OutputStream = Literal["stdout", "stderr"]
AdminRefusal = Literal["not_granted", "busy", "customer_holds_control", "failed"]
ElevationOutcome = Literal["dismissed", "failed"]


class Tier(IntEnum):
    """What the customer grants; each tier includes the ones below it."""

    VIEW = 1
    CONTROL = 2
    ADMIN = 3


def _text(max_len: int, pattern: str | None = None) -> dict[str, object]:
    meta: dict[str, object] = {"max_len": max_len}
    if pattern is not None:
        meta["pattern"] = pattern
    return meta


def _range(low: float, high: float) -> dict[str, object]:
    return {"range": (low, high)}


_COORDINATE = _range(0, limits.MAX_MONITOR_SIDE - 1)
_MONITOR_ID = _range(0, limits.MAX_MONITORS - 1)
_NUMBER_PATTERN = rf"[0-9]{{{limits.SESSION_NUMBER_MIN_DIGITS},{limits.SESSION_NUMBER_MAX_DIGITS}}}"
_TIER = _range(1, 3)
_BASE64 = r"[A-Za-z0-9+/]*={0,2}"


@dataclass(frozen=True)
class Expert:
    """Who is asking, shown to the customer in every consent dialog."""

    name: str = field(metadata=_text(limits.MAX_NAME_CHARS))
    organisation: str = field(metadata=_text(limits.MAX_NAME_CHARS))


@dataclass(frozen=True)
class Monitor:
    """One shared screen in physical pixels of the virtual desktop; origins may be negative."""

    id: int = field(metadata=_range(0, limits.MAX_MONITORS - 1))
    x: int = field(metadata=_range(-limits.MAX_MONITOR_SIDE * 4, limits.MAX_MONITOR_SIDE * 4))
    y: int = field(metadata=_range(-limits.MAX_MONITOR_SIDE * 4, limits.MAX_MONITOR_SIDE * 4))
    width: int = field(metadata=_range(1, limits.MAX_MONITOR_SIDE))
    height: int = field(metadata=_range(1, limits.MAX_MONITOR_SIDE))
    scale: float = field(metadata=_range(0.5, 8.0))
    primary: bool


@dataclass(frozen=True)
class Hello:
    """Customer -> server, first message: join the session with this number."""

    TYPE: ClassVar[str] = "hello"
    protocol: int = field(metadata=_range(1, 1000))
    number: str = field(metadata=_text(limits.SESSION_NUMBER_MAX_DIGITS, _NUMBER_PATTERN))
    client: str = field(metadata=_text(limits.MAX_CLIENT_CHARS))


@dataclass(frozen=True)
class Welcome:
    """Server -> customer: the number was right; tier 1 (view) is being asked for."""

    TYPE: ClassVar[str] = "welcome"
    protocol: int = field(metadata=_range(1, 1000))
    session_id: str = field(metadata=_text(limits.MAX_ID_CHARS))
    expert: Expert
    recorded: bool
    retention_days: int = field(metadata=_range(0, 36500))
    resume_token: str = field(default="", metadata=_text(limits.MAX_RESUME_TOKEN_CHARS))
    """One-time token for `resume` after a dropped connection; "" when the server offers none."""


@dataclass(frozen=True)
class Auth:
    """Expert -> server, first message: attach to a session created over REST."""

    TYPE: ClassVar[str] = "auth"
    protocol: int = field(metadata=_range(1, 1000))
    token: str = field(metadata=_text(limits.MAX_TOKEN_CHARS))
    session_id: str = field(metadata=_text(limits.MAX_ID_CHARS))


@dataclass(frozen=True)
class SessionInfo:
    """Server -> expert: the session this socket is attached to, sent after `auth` and on change."""

    TYPE: ClassVar[str] = "session"
    session_id: str = field(metadata=_text(limits.MAX_ID_CHARS))
    number: str = field(metadata=_text(limits.SESSION_NUMBER_MAX_DIGITS, _NUMBER_PATTERN))
    state: SessionState
    expires_at: str = field(metadata=_text(40))


@dataclass(frozen=True)
class CustomerJoined:
    """Server -> expert: a customer presented the number and is being asked for consent."""

    TYPE: ClassVar[str] = "customer_joined"
    client: str = field(metadata=_text(limits.MAX_CLIENT_CHARS))


@dataclass(frozen=True)
class TierRequest:
    """Expert -> server -> customer: ask for a tier above view (view is asked by `welcome`)."""

    TYPE: ClassVar[str] = "tier_request"
    tier: int = field(metadata=_TIER)


@dataclass(frozen=True)
class Consent:
    """Customer -> server: the customer's answer to the pending request for `tier`."""

    TYPE: ClassVar[str] = "consent"
    tier: int = field(metadata=_TIER)
    granted: bool


@dataclass(frozen=True)
class TierRevoke:
    """Customer -> server: drop `tier` and every tier above it."""

    TYPE: ClassVar[str] = "tier_revoke"
    tier: int = field(metadata=_TIER)


@dataclass(frozen=True)
class TierStatus:
    """Server -> expert: a tier changed state."""

    TYPE: ClassVar[str] = "tier_state"
    tier: int = field(metadata=_TIER)
    state: TierState


@dataclass(frozen=True)
class ScreenInfo:
    """Customer -> server -> expert: the monitors being shared."""

    TYPE: ClassVar[str] = "screen_info"
    monitors: tuple[Monitor, ...] = field(metadata={"max_items": limits.MAX_MONITORS})


@dataclass(frozen=True)
class FrameAck:
    """Expert -> server -> customer: the frame `seq` was received and drawn."""

    TYPE: ClassVar[str] = "frame_ack"
    seq: int = field(metadata=_range(0, 2**32 - 1))


@dataclass(frozen=True)
class Refresh:
    """Expert -> server -> customer: send the whole screen next (e.g. a console attached late)."""

    TYPE: ClassVar[str] = "refresh"


@dataclass(frozen=True)
class End:
    """Either side: the session is over. The server relays it with `by` filled in."""

    TYPE: ClassVar[str] = "end"
    reason: str = field(metadata=_text(limits.MAX_REASON_CHARS))
    by: EndedBy = "customer"


@dataclass(frozen=True)
class Error:
    """Either side: something was refused. `code` is machine-readable, `message` for logs."""

    TYPE: ClassVar[str] = "error"
    code: str = field(metadata=_text(40))
    message: str = field(metadata=_text(limits.MAX_ERROR_TEXT_CHARS))
    retry_after: int = field(default=0, metadata=_range(0, 86400))


@dataclass(frozen=True)
class TierRelease:
    """Expert -> server -> customer: the expert gives `tier` (and every tier above it) back."""

    TYPE: ClassVar[str] = "tier_release"
    tier: int = field(metadata=_TIER)


@dataclass(frozen=True)
class SelectMonitor:
    """Expert -> server -> customer: share this monitor from now on (its first frame is a keyframe)."""

    TYPE: ClassVar[str] = "select_monitor"
    monitor: int = field(metadata=_MONITOR_ID)


@dataclass(frozen=True)
class PointerMove:
    """Expert -> server -> customer (tier 2): move the pointer to physical pixel (x, y) of `monitor`."""

    TYPE: ClassVar[str] = "pointer_move"
    monitor: int = field(metadata=_MONITOR_ID)
    x: int = field(metadata=_COORDINATE)
    y: int = field(metadata=_COORDINATE)


@dataclass(frozen=True)
class PointerButton:
    """Expert -> server -> customer (tier 2): press or release `button` at (x, y) of `monitor`."""

    TYPE: ClassVar[str] = "pointer_button"
    monitor: int = field(metadata=_MONITOR_ID)
    x: int = field(metadata=_COORDINATE)
    y: int = field(metadata=_COORDINATE)
    button: PointerButtonName
    down: bool


@dataclass(frozen=True)
class Wheel:
    """Expert -> server -> customer (tier 2): scroll at (x, y); one step is one wheel notch."""

    TYPE: ClassVar[str] = "wheel"
    monitor: int = field(metadata=_MONITOR_ID)
    x: int = field(metadata=_COORDINATE)
    y: int = field(metadata=_COORDINATE)
    dx: int = field(metadata=_range(-limits.MAX_WHEEL_STEPS, limits.MAX_WHEEL_STEPS))
    dy: int = field(metadata=_range(-limits.MAX_WHEEL_STEPS, limits.MAX_WHEEL_STEPS))


@dataclass(frozen=True)
class Key:
    """Expert -> server -> customer (tier 2): a physical key, named like `KeyboardEvent.code`.

    For shortcuts and keys without text (Enter, arrows, F-keys, Ctrl+C). `modifiers` are the
    modifiers that must be held while the key goes down; the customer presses and releases them
    around it. Typed characters travel as `text` instead.
    """

    TYPE: ClassVar[str] = "key"
    code: str = field(metadata=_text(limits.MAX_KEY_CODE_CHARS, r"[A-Za-z][A-Za-z0-9]*"))
    down: bool
    modifiers: tuple[Modifier, ...] = field(default=(), metadata={"max_items": 5})


@dataclass(frozen=True)
class Text:
    """Expert -> server -> customer (tier 2): characters to type, whatever the customer's layout."""

    TYPE: ClassVar[str] = "text"
    text: str = field(metadata=_text(limits.MAX_TEXT_INPUT_CHARS, r"[^\x00-\x08\x0b-\x1f\x7f]+"))


@dataclass(frozen=True)
class Control:
    """Customer -> server -> expert: who holds mouse and keyboard now (the customer took it back,
    or their input rested and remote control resumed)."""

    TYPE: ClassVar[str] = "control"
    holder: Holder


@dataclass(frozen=True)
class Chat:
    """Either side -> server -> the other: one chat message. The server fills in `by` and `at`."""

    TYPE: ClassVar[str] = "chat"
    text: str = field(metadata=_text(limits.MAX_CHAT_CHARS, r"(?s).*\S.*"))
    by: ChatAuthor = "customer"
    at: str = field(default="", metadata=_text(40))


@dataclass(frozen=True)
class Cursor:
    """Customer -> server -> expert (tier 1): where the pointer is on the shared monitor, and
    which `cursor_shape` it shows; not `visible` while it is elsewhere or hidden."""

    TYPE: ClassVar[str] = "cursor"
    monitor: int = field(metadata=_MONITOR_ID)
    x: int = field(metadata=_COORDINATE)
    y: int = field(metadata=_COORDINATE)
    visible: bool
    shape: int = field(metadata=_range(0, 2**32 - 1))


@dataclass(frozen=True)
class CursorShape:
    """Customer -> server -> expert (tier 1): a pointer image, sent before the first `cursor`
    that names it. `pixels`: base64 of zlib (RFC 1950) of width x height x 4 bytes R G B A."""

    TYPE: ClassVar[str] = "cursor_shape"
    shape: int = field(metadata=_range(0, 2**32 - 1))
    width: int = field(metadata=_range(1, limits.MAX_CURSOR_SIDE))
    height: int = field(metadata=_range(1, limits.MAX_CURSOR_SIDE))
    hot_x: int = field(metadata=_range(0, limits.MAX_CURSOR_SIDE - 1))
    hot_y: int = field(metadata=_range(0, limits.MAX_CURSOR_SIDE - 1))
    pixels: str = field(metadata=_text(limits.MAX_CURSOR_PIXELS_CHARS, _BASE64))


@dataclass(frozen=True)
class Heartbeat:
    """Either side, every few seconds: "I am still here" (docs/protocol.md, "Liveness and resume")."""

    TYPE: ClassVar[str] = "heartbeat"


@dataclass(frozen=True)
class Resume:
    """Customer -> server, first message of a new connection: continue a session whose link dropped."""

    TYPE: ClassVar[str] = "resume"
    protocol: int = field(metadata=_range(1, 1000))
    session_id: str = field(metadata=_text(limits.MAX_ID_CHARS))
    token: str = field(metadata=_text(limits.MAX_RESUME_TOKEN_CHARS))


@dataclass(frozen=True)
class Resumed:
    """Server -> customer: the session continues on this connection; `resume_token` replaces the old one."""

    TYPE: ClassVar[str] = "resumed"
    resume_token: str = field(metadata=_text(limits.MAX_RESUME_TOKEN_CHARS))


@dataclass(frozen=True)
class CustomerLink:
    """Server -> expert: the customer's connection dropped and may resume, or is back."""

    TYPE: ClassVar[str] = "customer_link"
    state: CustomerLinkState


@dataclass(frozen=True)
class SessionDescriptorMessage:
    """Server -> customer, right before `welcome`: the organisation's signed session descriptor.

    `descriptor` is the canonical bytes of `protocol.descriptor` in base64 (RFC 4648, padded),
    `signature` the Ed25519 signature over exactly those bytes, in base64.
    """

    TYPE: ClassVar[str] = "session_descriptor"
    descriptor: str = field(metadata=_text(2732, _BASE64))
    signature: str = field(metadata=_text(88, _BASE64))


@dataclass(frozen=True)
class IdentityCode:
    """Server -> expert, after `customer_joined`: the short code the customer's client shows too."""

    TYPE: ClassVar[str] = "identity_code"
    code: str = field(metadata=_text(4, r"[0-9]{4}"))


_COMMAND_ID = _range(1, limits.MAX_ADMIN_COMMAND_ID)


@dataclass(frozen=True)
class AdminCommand:
    """Expert -> server -> customer (tier 3): run this command line as administrator.

    The customer shows `command` verbatim before it runs, and runs it with the system shell
    (`/bin/sh -c` on Linux and macOS, `cmd.exe /c` on Windows) without input. `id` grows with
    every command of a session.
    """

    TYPE: ClassVar[str] = "admin_command"
    id: int = field(metadata=_COMMAND_ID)
    command: str = field(metadata=_text(limits.MAX_ADMIN_COMMAND_CHARS, r"[^\x00-\x08\x0a-\x1f\x7f]+"))


@dataclass(frozen=True)
class AdminOutput:
    """Customer -> server -> expert: the next piece of a running command's output, as text."""

    TYPE: ClassVar[str] = "admin_output"
    id: int = field(metadata=_COMMAND_ID)
    stream: OutputStream
    data: str = field(metadata=_text(limits.MAX_ADMIN_OUTPUT_CHARS, r"(?s).+"))


@dataclass(frozen=True)
class AdminExit:
    """Customer -> server -> expert: the command ended with `status` (negative: killed by that signal)."""

    TYPE: ClassVar[str] = "admin_exit"
    id: int = field(metadata=_COMMAND_ID)
    status: int = field(metadata=_range(-(2**31), 2**32 - 1))


@dataclass(frozen=True)
class AdminRefused:
    """Customer -> server -> expert: the command `id` was not run, and why."""

    TYPE: ClassVar[str] = "admin_refused"
    id: int = field(metadata=_COMMAND_ID)
    reason: AdminRefusal


@dataclass(frozen=True)
class AdminUnavailable:
    """Customer -> server -> expert: the customer allowed tier 3 but the operating system's prompt
    was dismissed or failed; a `consent` `{tier: 3, granted: false}` follows."""

    TYPE: ClassVar[str] = "admin_unavailable"
    reason: ElevationOutcome


Message = (
    Hello
    | Welcome
    | Auth
    | SessionInfo
    | CustomerJoined
    | TierRequest
    | Consent
    | TierRevoke
    | TierStatus
    | ScreenInfo
    | FrameAck
    | Refresh
    | End
    | Error
    | TierRelease
    | SelectMonitor
    | PointerMove
    | PointerButton
    | Wheel
    | Key
    | Text
    | Control
    | Chat
    | Heartbeat
    | Resume
    | Resumed
    | CustomerLink
    | SessionDescriptorMessage
    | IdentityCode
    | AdminCommand
    | AdminOutput
    | AdminExit
    | AdminRefused
    | AdminUnavailable
    | Cursor
    | CursorShape
)

MESSAGE_TYPES: dict[str, type[Message]] = {
    cls.TYPE: cls
    for cls in (
        Hello,
        Welcome,
        Auth,
        SessionInfo,
        CustomerJoined,
        TierRequest,
        Consent,
        TierRevoke,
        TierStatus,
        ScreenInfo,
        FrameAck,
        Refresh,
        End,
        Error,
        TierRelease,
        SelectMonitor,
        PointerMove,
        PointerButton,
        Wheel,
        Key,
        Text,
        Control,
        Chat,
        Heartbeat,
        Resume,
        Resumed,
        CustomerLink,
        SessionDescriptorMessage,
        IdentityCode,
        AdminCommand,
        AdminOutput,
        AdminExit,
        AdminRefused,
        AdminUnavailable,
        Cursor,
        CursorShape,
    )
}
