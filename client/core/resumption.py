"""Resuming a customer session whose connection dropped: part of the session's state machine.

`CustomerSession` (client/core/session.py) hands over here when the link drops after `welcome`
and while it is in `Phase.RECONNECTING`; the tables at the end are that phase's rows.

What a drop does, in this order: administrator rights end (the helper stops; tier 3 is never
resumed without a new confirmation), sharing stops and remote input releases every held button and
key (`StopScreenShare`, `StopRemoteInput`), an open consent dialog or caller question closes,
`ConnectionInterrupted` tells whatever else acts for the expert to stop, and the customer sees
that the connection is being restored. Nothing is captured, sent or injected until the server
answers `resumed`. Then tier 1 and a granted tier 2 carry on (a fresh keyframe, the expert holding
control again), a consent that was still being asked is asked again, and what the customer did
meanwhile (chat, "View only") is sent. After the resume window the session ends with a plain
notice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from client.core import actions as act
from client.core import events as ev
from client.core.actions import Action, LinkTrouble
from client.core.connection_health import Due
from client.core.notice import Notice
from client.core.phase import Phase
from protocol import limits
from protocol.errors import CloseCode
from protocol.messages import Chat, End, Error, Heartbeat, Resume, Resumed, Tier
from protocol.version import PROTOCOL_VERSION

if TYPE_CHECKING:
    from client.core.session import CustomerSession


def interrupt(session: CustomerSession, drop: bool, restarting: bool = False) -> list[Action]:
    """The link dropped (or fell silent, then `drop` it; or the server said it is `restarting`):
    stop everything and start resuming."""
    if not session.resume_token:
        return session.finish(Notice.CONNECTION_LOST, [act.DropConnection()] if drop else [])
    now = session.now()
    undo: list[Action] = [act.DropConnection()] if drop else []
    if session.phase is Phase.SHARING:
        undo += session.admin.stop()
        undo += session.remote.suspend()
        undo.append(act.StopScreenShare())
        session.resume_phase = Phase.SHARING
    else:
        if session.phase is Phase.STARTING:
            undo.append(act.HideWatermark())
        elif session.phase is Phase.ASKING_VIEW:
            undo.append(act.DismissConsent(Tier.VIEW))
        else:
            undo.append(act.DismissCallerCheck())
        session.resume_phase = Phase.ASKING_VIEW
    session.phase = Phase.RECONNECTING
    session.health.link_down(now)
    session.link_trouble = LinkTrouble.SERVER_RESTARTING if restarting else LinkTrouble.LOST
    deadline = session.health.resume_deadline
    return [*undo, act.ConnectionInterrupted(), act.ShowReconnecting(deadline, session.link_trouble)]


def _tick(session: CustomerSession, event: ev.Tick) -> list[Action]:
    due = session.health.tick(event.now)
    if due is Due.GIVE_UP:
        return session.finish(Notice.RESUME_FAILED, [act.DropConnection()])
    if due is Due.ATTEMPT:
        return [act.OpenConnection()]
    if due is Due.PEER_SILENT:
        session.health.attempt_failed(event.now)
        return [act.DropConnection()]
    if due is Due.HEARTBEAT:
        return [act.Send(Heartbeat())]
    return []


def _connected(session: CustomerSession, _: ev.Connected) -> list[Action]:
    session.health.link_up(session.now())
    resume = Resume(protocol=PROTOCOL_VERSION, session_id=session.session_id, token=session.resume_token)
    return [act.Send(resume)]


def _attempt_failed(session: CustomerSession, event: ev.ConnectFailed | ev.ConnectionLost) -> list[Action]:
    if isinstance(event, ev.ConnectFailed) and event.failure is ev.ConnectFailure.CERTIFICATE:
        return session.finish(Notice.CERTIFICATE, [])
    session.health.attempt_failed(session.now())
    if isinstance(event, ev.ConnectFailed) and session.link_trouble is LinkTrouble.LOST:
        session.link_trouble = LinkTrouble.SERVER_UNREACHABLE
        return [act.ShowReconnecting(session.health.resume_deadline, session.link_trouble)]
    return []


def _end_requested(session: CustomerSession, _: ev.EndRequested) -> list[Action]:
    return session.finish(Notice.ENDED_BY_CUSTOMER, [act.DropConnection()])


def _revoke_requested(session: CustomerSession, event: ev.RevokeRequested) -> list[Action]:
    if event.tier == Tier.VIEW:
        return _end_requested(session, ev.EndRequested())
    return _hold_sends(session, session.remote.revoke())


def _chat_sent(session: CustomerSession, event: ev.ChatSent) -> list[Action]:
    text = event.text.strip()
    if not text or len(text) > limits.MAX_CHAT_CHARS:
        return [act.LogRefusal("a chat message must have 1 to 2000 characters")]
    return _hold_sends(session, [act.Send(Chat(text=text)), act.ShowChat(Chat(text=text, by="customer"))])


def _violation(session: CustomerSession, event: ev.ProtocolViolation) -> list[Action]:
    detail = f"malformed message from the server: {event.detail}"
    return session.finish(Notice.PROTOCOL_ERROR, [act.LogRefusal(detail), act.DropConnection()])


def _hold_sends(session: CustomerSession, actions: list[Action]) -> list[Action]:
    """Messages for the server wait for the resume; everything else happens now."""
    session.held += [a for a in actions if isinstance(a, act.Send)]
    return [a for a in actions if not isinstance(a, act.Send)]


def _ignore(_session: CustomerSession, _event: object) -> list[Action]:
    return []


def _resumed(session: CustomerSession, message: Resumed) -> list[Action]:
    session.resume_token = message.resume_token
    session.health.resumed()
    actions: list[Action] = [act.ShowReconnected()]
    if session.resume_phase is Phase.SHARING:
        session.phase = Phase.SHARING
        actions += [act.StartScreenShare(), *session.remote.resume()]
    else:
        actions += session.ask_first_consent()
    actions += session.held
    session.held = []
    return actions


def _refused(session: CustomerSession, message: Error) -> list[Action]:
    refusal = act.LogRefusal(f"resume refused: {message.code}: {message.message}")
    return session.finish(Notice.RESUME_FAILED, [refusal, act.CloseConnection(CloseCode.NORMAL)])


def _server_end(session: CustomerSession, message: End) -> list[Action]:
    notice = Notice.ENDED_BY_EXPERT if message.by == "expert" else Notice.ENDED_BY_SERVER
    return session.finish(notice, [act.CloseConnection(CloseCode.NORMAL)])


_Handler = Callable[["CustomerSession", Any], list[Action]]

EVENTS: dict[type, _Handler] = {
    ev.Tick: _tick,
    ev.Connected: _connected,
    ev.ConnectFailed: _attempt_failed,
    ev.ConnectionLost: _attempt_failed,
    ev.EndRequested: _end_requested,
    ev.RevokeRequested: _revoke_requested,
    ev.ChatSent: _chat_sent,
    ev.ProtocolViolation: _violation,
    # Stale reports of what the drop already stopped or closed.
    ev.ConsentAnswered: _ignore,
    ev.WatermarkShown: _ignore,
    ev.WatermarkFailed: _ignore,
    ev.ShareFailed: _ignore,
    ev.LocalInput: _ignore,
}
"""What `Phase.RECONNECTING` accepts from the customer and the shell."""

MESSAGES: dict[type, _Handler] = {
    Resumed: _resumed,
    Error: _refused,
    End: _server_end,
    Heartbeat: _ignore,
}
"""What `Phase.RECONNECTING` accepts from the server; anything else is refused and logged."""
