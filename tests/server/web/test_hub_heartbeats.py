"""A tick's heartbeats reach every connection that is owed one, a slice at a time with the event loop
free in between, and none goes to a connection that closed meanwhile."""

import asyncio

import pytest

from protocol import decode_message, encode_message
from protocol.limits import HEARTBEAT_INTERVAL_S
from protocol.messages import Heartbeat, Hello
from server.core.broker import Broker
from server.core.events import Received
from server.core.ratelimit import RateLimiter
from server.store import SqliteStore
from server.web.hub import HEARTBEAT_SLICE, Hub
from tests.server.core.conftest import ANNA, FakeClock

CUSTOMERS = 2 * HEARTBEAT_SLICE + 7


class _Socket:
    """What the hub's writer uses of a WebSocket; remembers what it was sent."""

    client = None

    def __init__(self, sent: list[tuple[int, str]], index: int) -> None:
        self._sent, self._index = sent, index

    async def send_text(self, text: str) -> None:
        self._sent.append((self._index, text))

    async def send_bytes(self, data: bytes) -> None:
        raise AssertionError("no binary frames here")

    async def close(self, code: int, reason: str) -> None:
        self._sent.append((self._index, f"closed {code}"))


@pytest.fixture
def store(tmp_path):
    opened = SqliteStore.open(tmp_path)
    yield opened
    opened.close()


def test_every_customer_gets_its_heartbeat_in_slices_with_the_loop_free_between(store):
    async def run() -> tuple[list[tuple[int, str]], list[int]]:
        clock = FakeClock()
        hub = Hub(Broker(clock, limiter=RateLimiter()), store, clock)
        sent: list[tuple[int, str]] = []
        conns = []
        for index in range(CUSTOMERS):
            session = hub._broker.create_session(f"s{index}", "anna", ANNA)
            conn = hub.open(_Socket(sent, index), "customer")  # type: ignore[arg-type]
            hello = Hello(protocol=1, number=session.spec.number, client="Fernhilfe/0.1")
            hub.feed(Received(conn, encode_message(hello)))
            conns.append(conn)
        await asyncio.sleep(0.01)
        sent.clear()
        await hub.closed(conns[-1])  # gone before the tick: owed nothing
        clock.advance(HEARTBEAT_INTERVAL_S)
        beats_before_each_turn: list[int] = []

        async def watch() -> None:  # runs whenever the loop is free
            while True:
                beats_before_each_turn.append(len(sent))
                await asyncio.sleep(0)

        watcher = asyncio.create_task(watch())
        await asyncio.sleep(0)
        await hub.tick()
        await asyncio.sleep(0.01)
        watcher.cancel()
        return sent, beats_before_each_turn

    sent, turns = asyncio.run(run())
    beats = [index for index, text in sent if isinstance(decode_message(text), Heartbeat)]
    assert sorted(beats) == list(range(CUSTOMERS - 1))
    assert len(sent) == len(beats)
    partway = [count for count in turns if 0 < count < CUSTOMERS - 1]
    assert partway, "the loop ran other work while the heartbeats were going out"
