"""A joined session outlives a server restart: its snapshot is saved before a new token or grant
leaves, holds no token, and a new broker that restores it lets the customer (and no one else)
resume; a customer who does not come back within the window ends the session cleanly."""

import hashlib
import json

from protocol.messages import (
    Consent,
    CustomerJoined,
    CustomerLink,
    Resumed,
    SessionInfo,
    TierRequest,
    TierStatus,
    Welcome,
)
from server.core import saved
from server.core.actions import Checkpoint, Persist, Send
from server.core.broker import Broker
from server.core.events import Closed, Received, Shutdown, Tick
from server.core.ratelimit import RateLimiter

from .conftest import START
from .scenario import (
    CONSOLE,
    CUSTOMER,
    SCREEN,
    attach,
    entries,
    error_of,
    frame,
    hello,
    new_session,
    send,
    to,
)
from .test_resume import ADDRESS, NEW, THIEF, controlling, resume_from


def checkpoints(actions):
    return [a for a in actions if isinstance(a, Checkpoint)]


def joined(broker):
    session = new_session(broker)
    attach(broker, CONSOLE)
    actions = hello(broker, CUSTOMER, session.spec.number, ADDRESS)
    [welcome] = [m for m in to(actions, CUSTOMER) if isinstance(m, Welcome)]
    return session, welcome.resume_token, actions


def restarted(broker, clock, lost_at=None, recorded=False):
    """A new broker (a new server process) that restores what `broker` saved, through JSON."""
    snapshots = [saved.snapshot(s) for s in broker.sessions.values()]
    on_disk = [json.loads(json.dumps(s)) for s in snapshots if s is not None]
    fresh = Broker(clock, limiter=RateLimiter(), recorded=recorded)
    fresh.restore(on_disk, clock() if lost_at is None else lost_at)
    return fresh


def test_the_snapshot_is_saved_before_the_welcome_and_holds_only_the_tokens_hash(broker):
    _, token, actions = joined(broker)
    first_send = next(i for i, a in enumerate(actions) if isinstance(a, Send))
    [checkpoint] = checkpoints(actions)
    assert actions.index(checkpoint) < first_send
    assert checkpoint.snapshot is not None
    text = json.dumps(checkpoint.snapshot)
    assert token not in text
    assert checkpoint.snapshot["resume_sha256"] == hashlib.sha256(token.encode()).hexdigest()


def test_a_resume_saves_the_new_tokens_hash_before_the_token_leaves(broker):
    _, token = controlling(broker)
    broker.handle(Closed(CUSTOMER))
    actions = resume_from(broker, NEW, token)
    [checkpoint] = checkpoints(actions)
    [resumed] = to(actions, NEW)
    assert isinstance(resumed, Resumed) and actions.index(checkpoint) == 0
    assert checkpoint.snapshot is not None
    assert checkpoint.snapshot["resume_sha256"] == hashlib.sha256(resumed.resume_token.encode()).hexdigest()


def test_grants_and_revocations_are_saved_frames_and_heartbeats_are_not(broker):
    joined(broker)
    assert [
        c.snapshot["tiers"] for c in checkpoints(send(broker, CUSTOMER, Consent(tier=1, granted=True)))
    ] == [{"1": "granted"}]
    send(broker, CUSTOMER, SCREEN)
    assert checkpoints(broker.handle(Received(CUSTOMER, frame(1)))) == []
    assert checkpoints(broker.handle(Tick())) == []


def test_an_ended_session_is_forgotten_and_a_waiting_one_never_saved(broker):
    waiting = new_session(broker, "s2")
    assert saved.snapshot(waiting) is None
    session, _, _ = joined(broker)
    actions = broker.handle(Closed(CUSTOMER, 1000))
    assert session.state == "ended" and checkpoints(actions) == [Checkpoint("s1", None)]


def test_a_restored_session_resumes_with_tiers_1_and_2_for_its_customer_only(broker, clock):
    _, token = controlling(broker)
    broker.handle(Shutdown())
    clock.advance(5)
    fresh = restarted(broker, clock)
    assert error_of(resume_from(fresh, THIEF, token, address="10.9.9.9"), THIEF) == ("resume_refused", 4012)
    actions = resume_from(fresh, NEW, token)
    assert isinstance(to(actions, NEW)[0], Resumed)
    session = fresh.sessions["s1"]
    assert (session.state, session.tiers, session.customer) == ("active", {1: "granted", 2: "granted"}, NEW)
    send(fresh, NEW, SCREEN)
    assert fresh.handle(Received(NEW, frame(1)))


def test_a_console_attaching_after_the_restart_is_told_the_customer_is_reconnecting(broker, clock):
    controlling(broker)
    fresh = restarted(broker, clock)
    messages = to(attach(fresh, CONSOLE), CONSOLE)
    assert isinstance(messages[0], SessionInfo) and messages[0].state == "active"
    assert messages[1:] == [
        CustomerJoined(client="Fernhilfe/0.1"),
        TierStatus(tier=1, state="granted"),
        TierStatus(tier=2, state="granted"),
        CustomerLink(state="reconnecting"),
    ]


def test_a_pending_consent_is_asked_again_after_the_restart(broker, clock):
    _, token, _ = joined(broker)
    fresh = restarted(broker, clock)
    resume_from(fresh, NEW, token)
    assert fresh.sessions["s1"].pending == 1
    send(fresh, NEW, Consent(tier=1, granted=True))
    assert fresh.sessions["s1"].state == "active"


def test_a_customer_who_does_not_come_back_ends_the_restored_session_and_its_recording(clock):
    broker = Broker(clock, limiter=RateLimiter(), recorded=True)
    session = new_session(broker)
    hello(broker, CUSTOMER, session.spec.number, ADDRESS)
    send(broker, CUSTOMER, Consent(tier=1, granted=True))
    died_at = clock()
    clock.advance(45)
    fresh = restarted(broker, clock, lost_at=died_at, recorded=True)
    assert fresh.handle(Tick()) == []
    clock.advance(15)
    actions = fresh.handle(Tick())
    assert [(p.state, p.end_reason) for p in actions if isinstance(p, Persist)] == [
        ("ended", "connection_lost")
    ]
    assert [e.event for e in entries(actions)] == ["session_ended"]
    assert checkpoints(actions) == [Checkpoint("s1", None)] and fresh.sessions == {}


def test_tier_3_and_a_pending_request_do_not_survive_the_snapshot(broker, clock):
    controlling(broker)
    send(broker, CONSOLE, TierRequest(tier=3))
    snapshot = saved.snapshot(broker.sessions["s1"])
    assert snapshot is not None and snapshot["tiers"] == {"1": "granted", "2": "granted"}
    fresh = restarted(broker, clock)
    assert fresh.sessions["s1"].pending is None


def test_a_snapshot_of_another_format_is_not_restored(clock):
    fresh = Broker(clock, limiter=RateLimiter())
    assert fresh.restore([{"format": 99, "session_id": "s1"}, {"session_id": "s2"}], START) == []
