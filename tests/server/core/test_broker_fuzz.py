"""The server's endpoints, fuzzed through the sans-I/O broker: whatever customer and console send
(generated and mutated messages and frames, in any order), the broker never raises, refuses with a
documented close code, and relays frames only from an active session's customer."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from protocol.errors import CloseCode
from server.core.actions import Close, Relay
from server.core.broker import Broker
from server.core.events import Closed, Received, Tick
from server.core.ratelimit import RateLimiter
from tests.support.fuzzing import frame_bytes, message_texts

from .conftest import FakeClock
from .scenario import CONSOLE, CUSTOMER, sharing

CLOSE_CODES = {int(code) for code in CloseCode}
steps = st.lists(
    st.tuples(st.sampled_from([CUSTOMER, CONSOLE]), st.one_of(message_texts, frame_bytes)),
    min_size=1,
    max_size=12,
)


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(steps, st.booleans())
def test_whatever_the_peers_send_the_broker_stays_consistent(sequence, drop_customer):
    clock = FakeClock()
    broker = Broker(clock, limiter=RateLimiter())
    session = sharing(broker)
    open_conns = {CUSTOMER, CONSOLE}
    for conn, data in sequence:
        if conn not in open_conns:
            continue
        pending = broker.handle(Received(conn, data))
        while pending:
            action = pending.pop(0)
            if isinstance(action, Close):
                assert action.code in CLOSE_CODES
                if action.conn in open_conns:
                    open_conns.discard(action.conn)
                    pending += broker.handle(Closed(action.conn))
            if isinstance(action, Relay):
                assert isinstance(data, bytes) and conn == CUSTOMER and session.state == "active"
        if drop_customer:
            clock.advance(11)
            broker.handle(Tick())
    clock.advance(120)
    broker.handle(Tick())
