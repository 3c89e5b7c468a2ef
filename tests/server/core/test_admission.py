"""Under a flood of wrong numbers from many networks nobody is refused: guesses are checked at a
bounded rate, fairly across networks, and a real customer still joins."""

from protocol.messages import Welcome
from server.core.broker import Broker
from server.core.events import Closed, Tick
from server.core.ratelimit import RateLimiter

from .scenario import closed, error_of, hello, new_session, to

LEGIT = 9_999


def flood(broker, clock, networks, per_network, first_conn=100):
    """Wrong numbers from `networks` /24s, `per_network` each, one batch per second."""
    conn = first_conn
    checked = []
    for round_ in range(per_network):
        for net in range(networks):
            actions = hello(broker, conn, "000000001", address=f"10.{net // 250}.{net % 250}.{round_ + 1}")
            checked += [c for c in (conn,) if closed(actions)]
            conn += 1
        clock.advance(1)
        broker.handle(Tick())
    return conn


def test_a_customer_joins_during_a_flood_from_many_networks(clock):
    broker = Broker(clock, limiter=RateLimiter())
    session = new_session(broker)
    flood(broker, clock, networks=300, per_network=4)
    actions = hello(broker, LEGIT, session.spec.number, address="192.0.2.10")
    assert to(actions, LEGIT) == [], "under pressure the hello waits instead of being refused"
    waited = 0
    while not any(isinstance(m, Welcome) for m in to(broker.handle(Tick()), LEGIT)):
        assert waited < 31, "one turn per flooding network at ten per second"
        clock.advance(1)
        waited += 1
    assert session.state == "joined"


def test_under_pressure_guesses_are_checked_at_ten_per_second_at_most(clock):
    broker = Broker(clock, limiter=RateLimiter())
    new_session(broker)
    refused_by_number = 0
    conn = 100
    for second in range(60):
        for net in range(100):
            actions = hello(broker, conn, "000000001", address=f"10.1.{net}.{second % 200 + 1}")
            refused_by_number += sum(
                1 for m in to(actions, conn) if getattr(m, "code", "") == "invalid_number"
            )
            conn += 1
        clock.advance(1)
        for action_list in [broker.handle(Tick())]:
            refused_by_number += sum(
                1 for a in action_list if getattr(getattr(a, "message", None), "code", "") == "invalid_number"
            )
    assert refused_by_number <= 50 + 60 * 10


def test_an_address_with_history_skips_the_queue(clock):
    broker = Broker(clock, limiter=RateLimiter())
    first = new_session(broker, "s1")
    hello(broker, 1, first.spec.number, address="192.0.2.10")
    flood(broker, clock, networks=100, per_network=1)
    second = new_session(broker, "s2")
    assert to(hello(broker, LEGIT, second.spec.number, address="192.0.2.10"), LEGIT)[0].TYPE == "welcome"


def test_a_waiting_hello_whose_connection_closed_is_forgotten(clock):
    broker = Broker(clock, limiter=RateLimiter())
    session = new_session(broker)
    flood(broker, clock, networks=60, per_network=1)
    hello(broker, LEGIT, session.spec.number, address="192.0.2.10")
    broker.handle(Closed(LEGIT))
    for _ in range(20):
        clock.advance(1)
        broker.handle(Tick())
    assert session.state == "waiting"


def test_a_flooding_network_cannot_queue_more_than_a_few_hellos(clock):
    broker = Broker(clock, limiter=RateLimiter(per_prefix=1000, per_address=1000))
    new_session(broker)
    flood(broker, clock, networks=60, per_network=1)
    refusals = [hello(broker, 500 + i, "000000001", address=f"10.200.0.{i + 1}") for i in range(12)]
    assert sum(1 for r in refusals if closed(r)) == 4
    assert error_of([a for r in refusals for a in r], 500) == ("rate_limited", 4029)
