"""Helpers that play customer and console against a `Broker` and read the actions it returns."""

from __future__ import annotations

import zlib

from protocol import Encoding, Frame, Tile, encode_frame, encode_message
from protocol.messages import Auth, Consent, Error, Hello, Message, Monitor, ScreenInfo
from server.core.actions import Action, CheckAuth, Close, Persist, Record, RecordFrame, Relay, Send
from server.core.broker import Broker
from server.core.events import ExpertIdentified, Opened, Received
from server.core.journal import Entry
from server.core.session import SessionMachine

from .conftest import ANNA

CUSTOMER = 1
CONSOLE = 2
CONSOLE_2 = 3
OTHER = 4

SCREEN = ScreenInfo(monitors=(Monitor(id=0, x=0, y=0, width=64, height=48, scale=1.0, primary=True),))


def frame(seq: int, monitor: int = 0, flags: int = 1) -> bytes:
    """A small valid frame: one lossless 4x4 tile."""
    tile = Tile(0, 0, 4, 4, Encoding.ZLIB_RGB, zlib.compress(bytes(4 * 4 * 3)))
    return encode_frame(Frame(seq, 1_700_000_000_000, monitor, 0, 0, 64, 48, flags, (tile,)))


def new_session(broker: Broker, session_id: str = "s1", expert: str = "anna") -> SessionMachine:
    return broker.create_session(session_id, expert, ANNA)


def send(broker: Broker, conn: int, message: Message) -> list[Action]:
    return broker.handle(Received(conn, encode_message(message)))


def hello(
    broker: Broker, conn: int, number: str, address: str = "10.0.0.1", protocol: int = 1
) -> list[Action]:
    broker.handle(Opened(conn, "customer", address))
    return send(broker, conn, Hello(protocol=protocol, number=number, client="Fernhilfe/0.1"))


def attach(
    broker: Broker,
    conn: int,
    session_id: str = "s1",
    username: str | None = "anna",
    owner: str | None = "anna",
) -> list[Action]:
    broker.handle(Opened(conn, "expert", "10.0.0.9"))
    check = send(broker, conn, Auth(protocol=1, token="t0ken", session_id=session_id))
    assert check == [CheckAuth(conn, "t0ken", session_id)]
    return broker.handle(ExpertIdentified(conn, session_id, username, owner))


def sharing(broker: Broker, console: bool = True) -> SessionMachine:
    """A session whose customer granted tier 1 and sent screen_info; a console is attached if asked."""
    session = new_session(broker)
    if console:
        attach(broker, CONSOLE)
    hello(broker, CUSTOMER, session.spec.number)
    send(broker, CUSTOMER, Consent(tier=1, granted=True))
    send(broker, CUSTOMER, SCREEN)
    return session


def to(actions: list[Action], conn: int) -> list[Message]:
    """The messages sent to `conn`, in order."""
    return [a.message for a in actions if isinstance(a, Send) and a.conn == conn]


def relayed(actions: list[Action], conn: int) -> list[bytes]:
    return [a.data for a in actions if isinstance(a, Relay) and a.conn == conn]


def closed(actions: list[Action]) -> dict[int, int]:
    """Close code per connection closed by these actions."""
    return {a.conn: a.code for a in actions if isinstance(a, Close)}


def persisted(actions: list[Action]) -> list[Persist]:
    return [a for a in actions if isinstance(a, Persist)]


def error_of(actions: list[Action], conn: int) -> tuple[str, int]:
    """The refusal `conn` got: (error code, close code)."""
    errors = [m for m in to(actions, conn) if isinstance(m, Error)]
    assert len(errors) == 1, actions
    return errors[0].code, closed(actions)[conn]


def entries(actions: list[Action]) -> list[Entry]:
    """What these actions append to the session's recording, in order."""
    return [a.entry for a in actions if isinstance(a, Record)]


def recorded_frames(actions: list[Action]) -> list[RecordFrame]:
    return [a for a in actions if isinstance(a, RecordFrame)]
