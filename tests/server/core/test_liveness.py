"""Heartbeats to every connection of a session; a customer silent for 10 s counts as gone."""

from protocol.messages import CustomerLink, Heartbeat
from server.core.events import Opened, Tick

from .scenario import CONSOLE, CUSTOMER, attach, closed, hello, new_session, send, to


def test_every_connection_of_a_session_gets_a_heartbeat_every_3_seconds(broker, clock):
    session = new_session(broker)
    attach(broker, CONSOLE)
    hello(broker, CUSTOMER, session.spec.number)
    clock.advance(2.9)
    assert broker.handle(Tick()) == []
    clock.advance(0.1)
    actions = broker.handle(Tick())
    assert to(actions, CUSTOMER) == [Heartbeat()] and to(actions, CONSOLE) == [Heartbeat()]


def test_a_silent_customer_is_closed_and_the_console_told_it_is_reconnecting(broker, clock):
    session = new_session(broker)
    attach(broker, CONSOLE)
    hello(broker, CUSTOMER, session.spec.number)
    clock.advance(9)
    send(broker, CUSTOMER, Heartbeat())
    clock.advance(10)
    assert closed(broker.handle(Tick())) == {}
    clock.advance(0.5)
    actions = broker.handle(Tick())
    assert closed(actions) == {CUSTOMER: 1001}
    assert CustomerLink(state="reconnecting") in to(actions, CONSOLE)
    assert session.customer is None and session.state == "joined"


def test_a_heartbeat_before_the_handshake_is_not_allowed(broker):
    broker.handle(Opened(CUSTOMER, "customer", "10.0.0.1"))
    assert closed(send(broker, CUSTOMER, Heartbeat())) == {CUSTOMER: 4000}
