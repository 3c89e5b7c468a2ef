"""The cursor share tells the pointer while it runs and nothing once `stop()` has returned."""

import asyncio

import pytest

from client.platform.cursor.x11 import CursorReading, X11CursorSource
from client.services.cursor_share import CursorShare
from protocol.messages import Cursor, CursorShape, Monitor
from tests.support.desktop import move_pointer_as_setup

MONITOR = Monitor(id=0, x=0, y=0, width=1920, height=1080, scale=1.0, primary=True)


class Told:
    def __init__(self) -> None:
        self.messages: list[Cursor | CursorShape] = []

    async def send(self, message: Cursor | CursorShape) -> None:
        self.messages.append(message)

    def positions(self) -> list[tuple[int, int]]:
        return [(m.x, m.y) for m in self.messages if isinstance(m, Cursor)]


async def _until(condition, timeout=5.0):
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.02)


@pytest.mark.gui
def test_positions_flow_while_running_and_stop_is_final(loop):
    async def scenario():
        told = Told()
        share = CursorShare(told.send, X11CursorSource, lambda: MONITOR)
        move_pointer_as_setup(10, 20)
        share.start()
        await _until(lambda: (10, 20) in told.positions())
        assert isinstance(told.messages[0], CursorShape)
        move_pointer_as_setup(300, 200)
        await _until(lambda: (300, 200) in told.positions())
        await share.stop()
        count = len(told.messages)
        for i in range(5):
            move_pointer_as_setup(400 + 10 * i, 300)
            await asyncio.sleep(0.05)
        assert len(told.messages) == count, "told after stop()"

    loop.run_until_complete(scenario())


@pytest.mark.gui
def test_a_share_stopped_before_it_started_never_opens_the_source(loop):
    opened: list[X11CursorSource] = []

    def open_source() -> X11CursorSource:
        opened.append(X11CursorSource())
        return opened[-1]

    async def scenario():
        told = Told()
        share = CursorShare(told.send, open_source, lambda: MONITOR)
        await share.stop()
        share.start()
        move_pointer_as_setup(30, 40)
        await asyncio.sleep(0.3)
        assert told.messages == [] and opened == []

    loop.run_until_complete(scenario())


@pytest.mark.gui
def test_nothing_is_told_before_the_shared_monitor_is_known_then_the_shape_first(loop):
    async def scenario():
        told = Told()
        known: list[Monitor] = []
        share = CursorShare(told.send, X11CursorSource, lambda: known[0] if known else None)
        share.start()
        move_pointer_as_setup(50, 60)
        await asyncio.sleep(0.3)
        assert told.messages == [], "told before screen_info"
        known.append(MONITOR)
        move_pointer_as_setup(70, 80)
        await _until(lambda: (70, 80) in told.positions())
        await share.stop()
        assert isinstance(told.messages[0], CursorShape)

    loop.run_until_complete(scenario())


@pytest.mark.gui
def test_a_still_pointer_hardly_wakes_the_loop_and_is_told_once_a_monitor_is(loop):
    async def scenario():
        told = Told()
        readings: list[float] = []
        shared: list[Monitor] = []

        def monitor() -> Monitor | None:
            readings.append(asyncio.get_running_loop().time())
            return shared[0] if shared else None

        move_pointer_as_setup(70, 80)
        share = CursorShare(told.send, X11CursorSource, monitor)
        share.start()
        await _until(lambda: readings)
        await asyncio.sleep(1.0)
        assert len(readings) <= 5, f"{len(readings)} readings of a still pointer in a second"
        assert told.positions() == []
        shared.append(MONITOR)
        await _until(lambda: (70, 80) in told.positions())
        await share.stop()

    loop.run_until_complete(scenario())


@pytest.mark.gui
def test_a_still_pointer_is_read_a_few_times_a_second_not_at_the_frame_rate(loop):
    reads: list[float] = []

    class CountedSource(X11CursorSource):
        def read(self, timeout: float) -> CursorReading:
            reads.append(timeout)
            return super().read(timeout)

    async def scenario():
        told = Told()
        move_pointer_as_setup(90, 90)
        share = CursorShare(told.send, CountedSource, lambda: MONITOR)
        share.start()
        await _until(lambda: (90, 90) in told.positions())
        counted = len(reads)
        await asyncio.sleep(1.0)
        await share.stop()
        assert len(reads) - counted <= 6, f"{len(reads) - counted} readings of a still pointer in a second"

    loop.run_until_complete(scenario())
