"""The screen share announces monitors, keeps to the frame window, sends the latest picture, and
sends nothing at all once stopped."""

import asyncio
import time

import numpy as np
import pytest

from client.platform.capture.base import CaptureError, MonitorGeometry
from client.platform.capture.fake import FakeScreenCapture
from client.services import screen_share
from client.services.screen_share import ScreenShare
from protocol import decode_frame
from protocol.frames import Frame
from protocol.limits import MAX_FRAME_WINDOW
from protocol.messages import ScreenInfo
from server.recording.screen import Canvas

CLOCK_MS = 1_767_225_600_000
WAIT_S = 5.0


class Peer:
    """The far side of `send_frame` / `send_screen_info`: records what arrives, decoded, in order."""

    def __init__(self):
        self.sent: list[ScreenInfo | Frame] = []
        self.errors: list[str] = []

    async def send_frame(self, data: bytes) -> None:
        self.sent.append(decode_frame(data))

    async def send_screen_info(self, info: ScreenInfo) -> None:
        self.sent.append(info)

    @property
    def frames(self) -> list[Frame]:
        return [item for item in self.sent if isinstance(item, Frame)]


def _share(peer, capture, **options):
    options.setdefault("interval", 0.002)
    return ScreenShare(
        peer.send_frame,
        peer.send_screen_info,
        lambda: capture,
        clock=lambda: CLOCK_MS,
        on_error=peer.errors.append,
        **options,
    )


async def _until(condition, timeout=WAIT_S):
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.001)


async def _idle_for(intervals):
    """Give the share time for `intervals` captures, to show that none (or no more) happen."""
    await asyncio.sleep(intervals * 0.002)


def _drawn(frames: list[Frame]) -> np.ndarray:
    """The RGB picture a console shows after drawing `frames` in order (the first a keyframe)."""
    first = frames[0]
    canvas = Canvas(first.monitor, first.monitor_width, first.monitor_height)
    for frame in frames:
        assert canvas.paint(frame), f"frame {frame.seq} was not painted"
    return canvas.pixels


def _covered_once(frame: Frame) -> bool:
    counts = np.zeros((frame.monitor_height, frame.monitor_width), dtype=int)
    for tile in frame.tiles:
        counts[tile.y : tile.y + tile.height, tile.x : tile.x + tile.width] += 1
    return bool((counts == 1).all())


def _rgb(capture, monitor_id=0):
    return capture.image(monitor_id)[:, :, 2::-1]


class ScriptedWatch:
    """A change watch that reports exactly the changes a test announces with `changes += 1`."""

    def __init__(self):
        self.changes = 0
        self.waits = 0
        self.closed = False

    def wait(self, timeout: float) -> bool:
        self.waits += 1
        if self.changes:
            self.changes -= 1
            return True
        time.sleep(min(timeout, 0.001))
        return False

    def close(self) -> None:
        self.closed = True


async def _first_frame_sent(**options):
    """A share of a still fake screen, once its first frame (the keyframe) has gone out."""
    peer, capture = Peer(), FakeScreenCapture()
    share = _share(peer, capture, **options)
    await share.start()
    await _until(lambda: len(peer.frames) == 1)
    return peer, capture, share


def test_the_screen_is_grabbed_only_when_the_watch_reports_a_change(monkeypatch):
    monkeypatch.setattr(screen_share, "SAFETY_GRAB_WAITS", 10**9)
    watch = ScriptedWatch()

    async def scenario():
        peer, capture, share = await _first_frame_sent(change_watch_factory=lambda _capture: watch)
        share.acknowledge(1)
        grabs = capture.grab_count
        capture.paint(0, (0, 0, 20, 20), (255, 0, 0))
        await _until(lambda: watch.waits >= 30)
        assert capture.grab_count == grabs and len(peer.frames) == 1
        watch.changes += 1
        await _until(lambda: len(peer.frames) == 2)
        share.request_keyframe()  # a keyframe does not wait for a change
        await _until(lambda: len(peer.frames) == 3)
        await share.stop()
        assert peer.frames[2].keyframe and watch.closed

    asyncio.run(scenario())


def test_without_change_reports_the_screen_is_still_grabbed_now_and_then(monkeypatch):
    monkeypatch.setattr(screen_share, "SAFETY_GRAB_WAITS", 5)
    watch = ScriptedWatch()

    async def scenario():
        peer, capture, share = await _first_frame_sent(change_watch_factory=lambda _capture: watch)
        share.acknowledge(1)
        capture.paint(0, (0, 0, 20, 20), (255, 0, 0))
        await _until(lambda: len(peer.frames) == 2)
        await share.stop()
        assert watch.waits >= 5

    asyncio.run(scenario())


def test_screen_info_comes_first_then_a_keyframe_of_the_primary_monitor():
    async def scenario():
        peer, capture = Peer(), FakeScreenCapture()
        share = _share(peer, capture)
        await share.start()
        assert peer.sent == [ScreenInfo(monitors=share.monitors)]
        await _until(lambda: len(peer.frames) == 1)
        await share.stop()
        info = peer.sent[0]
        assert [(m.id, m.x, m.y, m.width, m.height, m.scale, m.primary) for m in info.monitors] == [
            (0, 0, 0, 640, 400, 1.0, True),
            (1, -320, 40, 320, 240, 2.0, False),
        ]
        first = peer.frames[0]
        assert (first.seq, first.keyframe, first.captured_ms) == (1, True, CLOCK_MS)
        assert (first.monitor, first.monitor_x, first.monitor_y) == (0, 0, 0)
        assert (first.monitor_width, first.monitor_height) == (640, 400)
        assert _covered_once(first)
        assert np.array_equal(_drawn([first]), _rgb(capture))
        assert share.selected_monitor == 0

    asyncio.run(scenario())


def test_a_change_sends_only_its_tiles_and_an_idle_screen_sends_nothing():
    async def scenario():
        peer, capture, share = await _first_frame_sent()
        share.acknowledge(1)
        grabs = capture.grab_count
        await _until(lambda: capture.grab_count >= grabs + 5)
        assert len(peer.frames) == 1
        capture.paint(0, (70, 130, 10, 10), (0, 0, 255))
        await _until(lambda: len(peer.frames) == 2)
        await share.stop()
        delta = peer.frames[1]
        assert (delta.seq, delta.keyframe) == (2, False)
        assert [(t.x, t.y, t.width, t.height) for t in delta.tiles] == [(64, 128, 64, 64)]
        canvas = _drawn(peer.frames)
        assert np.array_equal(canvas, _rgb(capture))

    asyncio.run(scenario())


def test_before_any_ack_two_frames_wait_then_acks_cumulatively_open_a_measured_window():
    async def scenario():
        peer, capture = Peer(), FakeScreenCapture(animate=True)
        share = _share(peer, capture)
        await share.start()
        await _until(lambda: len(peer.frames) == 2)
        grabs = capture.grab_count
        await _idle_for(50)
        assert len(peer.frames) == 2
        assert capture.grab_count == grabs  # a full window does not even capture
        share.acknowledge(99)  # not sent yet: ignored
        await _idle_for(20)
        assert len(peer.frames) == 2
        share.acknowledge(2)  # acknowledges 1 as well
        await _until(lambda: len(peer.frames) > 2)
        await _idle_for(50)
        await share.stop()
        assert 2 < len(peer.frames) <= 2 + MAX_FRAME_WINDOW
        assert [f.seq for f in peer.frames] == list(range(1, len(peer.frames) + 1))

    asyncio.run(scenario())


def test_after_an_ack_the_screen_is_captured_as_it_is_then():
    async def scenario():
        peer, capture, share = await _first_frame_sent()
        capture.paint(0, (0, 0, 20, 20), (255, 0, 0))
        await _until(lambda: len(peer.frames) == 2)
        grabs = capture.grab_count
        capture.paint(0, (0, 0, 20, 20), (0, 255, 0))  # missed: the window is full
        capture.paint(0, (0, 0, 20, 20), (0, 0, 255))
        capture.paint(0, (600, 380, 30, 10), (9, 9, 9))
        await _idle_for(30)
        assert capture.grab_count == grabs
        share.acknowledge(1)
        await _until(lambda: len(peer.frames) == 3)
        await _idle_for(30)
        await share.stop()
        assert len(peer.frames) == 3
        canvas = _drawn(peer.frames)
        assert np.array_equal(canvas, _rgb(capture))
        assert tuple(canvas[5, 5]) == (255, 0, 0)  # RGB of the last paint, BGR (0, 0, 255)

    asyncio.run(scenario())


def test_a_keyframe_request_resends_the_whole_monitor_even_if_nothing_changed():
    async def scenario():
        peer, _capture, share = await _first_frame_sent()
        share.acknowledge(1)
        share.request_keyframe()
        await _until(lambda: len(peer.frames) == 2)
        await share.stop()
        second = peer.frames[1]
        assert (second.seq, second.keyframe) == (2, True)
        assert _covered_once(second)

    asyncio.run(scenario())


def test_selecting_a_monitor_sends_a_keyframe_of_it_with_its_geometry():
    async def scenario():
        peer, capture, share = await _first_frame_sent()
        with pytest.raises(ValueError, match="no monitor 2"):
            share.select_monitor(2)
        share.select_monitor(1)
        share.acknowledge(1)
        await _until(lambda: len(peer.frames) == 2)
        await share.stop()
        frame = peer.frames[1]
        assert (frame.monitor, frame.keyframe) == (1, True)
        assert (frame.monitor_x, frame.monitor_y) == (-320, 40)
        assert (frame.monitor_width, frame.monitor_height) == (320, 240)
        assert np.array_equal(_drawn([frame]), _rgb(capture, 1))
        assert share.selected_monitor == 1

    asyncio.run(scenario())


@pytest.mark.parametrize("grab_finishes", ["before stop returns", "after stop returns"])
def test_nothing_is_sent_after_stop_even_with_a_capture_in_flight(grab_finishes, monkeypatch):
    monkeypatch.setattr(screen_share, "CLOSE_WAIT_S", 0.05)

    async def scenario():
        peer, capture = Peer(), FakeScreenCapture(animate=True)
        share = _share(peer, capture)
        capture.hold_grabs()
        await share.start()
        assert await asyncio.to_thread(capture.wait_until_held, WAIT_S)
        if grab_finishes == "before stop returns":
            stopping = asyncio.create_task(share.stop())
            await asyncio.sleep(0)
            capture.release_grabs()
            await stopping
        else:
            await share.stop()
            assert not capture.closed  # the worker is still inside the held grab
            capture.release_grabs()
        assert await asyncio.to_thread(capture.wait_closed, WAIT_S)
        share.acknowledge(0)
        share.request_keyframe()
        await _idle_for(50)
        assert peer.sent == [ScreenInfo(monitors=share.monitors)]
        assert capture.grab_count == 1
        assert peer.errors == []

    asyncio.run(scenario())


def test_stop_cancels_a_send_in_progress_and_nothing_follows():
    async def scenario():
        peer, capture = Peer(), FakeScreenCapture(animate=True)
        sends_started = []
        never = asyncio.Event()

        async def slow_send(data: bytes) -> None:
            sends_started.append(data)
            await never.wait()

        share = ScreenShare(slow_send, peer.send_screen_info, lambda: capture, interval=0.002)
        await share.start()
        await _until(lambda: len(sends_started) == 1)
        await share.stop()
        grabs = capture.grab_count
        await _idle_for(50)
        assert len(sends_started) == 1
        assert capture.grab_count == grabs
        assert capture.closed

    asyncio.run(scenario())


def test_a_capture_error_is_reported_and_ends_sharing():
    async def scenario():
        peer, capture = Peer(), FakeScreenCapture(animate=True)
        share = _share(peer, capture)
        await share.start()
        await _until(lambda: len(peer.frames) >= 1)
        capture.fail_next_grab(CaptureError("X server gone"))
        share.acknowledge(1)
        await _until(lambda: peer.errors)
        assert await asyncio.to_thread(capture.wait_closed, WAIT_S)
        frames, grabs = len(peer.frames), capture.grab_count
        share.acknowledge(frames)
        await _idle_for(50)
        await share.stop()
        assert peer.errors == ["screen sharing ended: X server gone"]
        assert (len(peer.frames), capture.grab_count) == (frames, grabs)

    asyncio.run(scenario())


def test_a_resolution_change_announces_the_monitors_again_and_sharing_goes_on_with_a_keyframe():
    async def scenario():
        peer, capture = Peer(), FakeScreenCapture(animate=True)
        share = _share(peer, capture)
        await share.start()
        await _until(lambda: len(peer.frames) >= 1)
        capture.resize(0, 640, 480)
        share.acknowledge(len(peer.frames))
        await _until(lambda: sum(isinstance(item, ScreenInfo) for item in peer.sent) == 2)
        announced = [index for index, item in enumerate(peer.sent) if isinstance(item, ScreenInfo)][1]
        await _until(lambda: len(peer.sent) > announced + 1)
        info, first = peer.sent[announced], peer.sent[announced + 1]
        await share.stop()
        assert peer.errors == []
        assert (info.monitors[0].width, info.monitors[0].height) == (640, 480)
        assert share.selected_monitor == 0
        assert first.keyframe and (first.monitor_width, first.monitor_height) == (640, 480)
        assert [frame.seq for frame in peer.frames] == list(range(1, len(peer.frames) + 1))

    asyncio.run(scenario())


def test_a_display_that_cannot_be_opened_is_reported_and_nothing_is_sent():
    async def scenario():
        peer = Peer()

        def no_display():
            raise CaptureError("cannot open the display")

        share = ScreenShare(peer.send_frame, peer.send_screen_info, no_display, on_error=peer.errors.append)
        await share.start()
        assert peer.errors == ["screen sharing ended: cannot open the display"]
        assert (peer.sent, share.monitors, share.selected_monitor) == ([], (), None)
        await share.stop()

    asyncio.run(scenario())


def test_a_failing_send_is_reported():
    async def scenario():
        peer, capture = Peer(), FakeScreenCapture()

        async def broken(data: bytes) -> None:
            raise ConnectionError("connection closed")

        share = ScreenShare(broken, peer.send_screen_info, lambda: capture, on_error=peer.errors.append)
        await share.start()
        await _until(lambda: peer.errors)
        await share.stop()
        assert peer.errors == ["screen sharing ended: connection closed"]
        assert capture.closed

    asyncio.run(scenario())


def test_a_share_runs_once_and_stopping_before_start_prevents_it():
    async def scenario():
        peer, capture = Peer(), FakeScreenCapture()
        stopped_early = _share(peer, capture)
        await stopped_early.stop()
        await stopped_early.start()
        assert peer.sent == []
        assert capture.grab_count == 0
        share = _share(peer, capture)
        await share.start()
        with pytest.raises(RuntimeError):
            await share.start()
        await share.stop()
        await share.stop()
        assert len([item for item in peer.sent if isinstance(item, ScreenInfo)]) == 1

    asyncio.run(scenario())


def test_monitors_beyond_the_protocol_limit_are_not_offered():
    async def scenario():
        peer = Peer()
        many = [
            MonitorGeometry(id=i, x=i * 10, y=0, width=10, height=10, scale=1.0, primary=i == 0)
            for i in range(20)
        ]
        capture = FakeScreenCapture(many)
        share = _share(peer, capture)
        await share.start()
        await share.stop()
        assert [m.id for m in share.monitors] == list(range(16))

    asyncio.run(scenario())


def test_the_interval_must_not_be_negative():
    with pytest.raises(ValueError, match="negative"):
        ScreenShare(Peer().send_frame, Peer().send_screen_info, FakeScreenCapture, interval=-1)
