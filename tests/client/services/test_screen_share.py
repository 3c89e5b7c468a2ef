"""The screen share announces monitors, keeps at most two frames in flight, and stops for good."""

import asyncio

import pytest

from client.platform.capture.fake import FakeCapture
from client.services.screen_share import ScreenShare
from protocol import decode_frame
from protocol.messages import ScreenInfo


class Peer:
    def __init__(self):
        self.sent: list[object] = []
        self.errors: list[str] = []

    async def frame(self, data: bytes) -> None:
        self.sent.append(decode_frame(data))

    async def info(self, info: ScreenInfo) -> None:
        self.sent.append(info)

    @property
    def frames(self):
        return [item for item in self.sent if not isinstance(item, ScreenInfo)]


async def _until(condition, timeout=5.0):
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.005)


def _share(peer, capture, interval=0.001):
    return ScreenShare(peer.frame, peer.info, lambda: capture, on_error=peer.errors.append, interval=interval)


def test_screen_info_comes_first_then_a_keyframe():
    async def scenario():
        peer, capture = Peer(), FakeCapture()
        share = _share(peer, capture)
        await share.start()
        await _until(lambda: len(peer.frames) == 1)
        await share.stop()
        assert isinstance(peer.sent[0], ScreenInfo)
        assert peer.sent[0].monitors[0].width == 320
        first = peer.frames[0]
        assert first.keyframe and first.seq == 1
        assert sum(t.width * t.height for t in first.tiles) == 320 * 200

    asyncio.run(scenario())


def test_never_more_than_two_frames_before_an_ack_and_the_latest_wins():
    async def scenario():
        peer, capture = Peer(), FakeCapture()
        share = _share(peer, capture)
        await share.start()
        for step in range(5):
            capture.paint(step * 10, 0, 5, 5, (0, 0, step * 40))
            await asyncio.sleep(0.02)
        await _until(lambda: len(peer.frames) == 2)
        await asyncio.sleep(0.1)
        assert len(peer.frames) == 2
        capture.paint(300, 190, 5, 5, (1, 2, 3))
        share.acknowledge(2)
        await _until(lambda: len(peer.frames) == 3)
        await share.stop()
        latest = peer.frames[2]
        assert latest.seq == 3
        assert not latest.keyframe
        assert any(t.x <= 300 < t.x + t.width and t.y <= 190 < t.y + t.height for t in latest.tiles)

    asyncio.run(scenario())


def test_unchanged_screens_send_nothing():
    async def scenario():
        peer, capture = Peer(), FakeCapture()
        share = _share(peer, capture)
        await share.start()
        await _until(lambda: len(peer.frames) == 1)
        share.acknowledge(1)
        grabs = capture.grabs
        await _until(lambda: capture.grabs > grabs + 3)
        await share.stop()
        assert len(peer.frames) == 1

    asyncio.run(scenario())


def test_a_refresh_sends_a_keyframe():
    async def scenario():
        peer, capture = Peer(), FakeCapture()
        share = _share(peer, capture)
        await share.start()
        await _until(lambda: len(peer.frames) == 1)
        share.acknowledge(1)
        share.request_keyframe()
        await _until(lambda: len(peer.frames) == 2)
        await share.stop()
        assert peer.frames[1].keyframe

    asyncio.run(scenario())


def test_nothing_is_sent_after_stop_even_with_a_capture_in_flight():
    async def scenario():
        peer, capture = Peer(), FakeCapture()
        share = _share(peer, capture)
        await share.start()
        await _until(lambda: len(peer.frames) == 1)
        share.acknowledge(1)
        capture.paint(0, 0, 50, 50, (9, 9, 9))
        await share.stop()
        count = len(peer.sent)
        capture.paint(100, 100, 50, 50, (8, 8, 8))
        share.acknowledge(5)
        await asyncio.sleep(0.1)
        assert len(peer.sent) == count
        assert capture.closed

    asyncio.run(scenario())


def test_capture_errors_are_reported_not_raised():
    async def scenario():
        peer, capture = Peer(), FakeCapture()
        share = _share(peer, capture)
        await share.start()
        await _until(lambda: len(peer.frames) == 1)
        capture.failure = OSError("X server gone")
        share.acknowledge(1)
        share.request_keyframe()
        await _until(lambda: peer.errors)
        await share.stop()
        assert peer.errors == ["X server gone"]

    asyncio.run(scenario())


@pytest.mark.parametrize("monitor", [0])
def test_selecting_a_monitor_sends_a_keyframe_of_it(monitor):
    async def scenario():
        peer, capture = Peer(), FakeCapture()
        share = _share(peer, capture)
        await share.start()
        await _until(lambda: len(peer.frames) == 1)
        share.acknowledge(1)
        share.select_monitor(monitor)
        await _until(lambda: len(peer.frames) == 2)
        await share.stop()
        assert peer.frames[1].keyframe and peer.frames[1].monitor == monitor

    asyncio.run(scenario())
