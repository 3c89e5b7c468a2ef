"""A screen share in a worker process sends what the screen shows, stops the process when it
stops, and ends with a plain error (nothing more sent) when the process dies or cannot capture."""

import asyncio
import multiprocessing
import os
import signal

import numpy as np

from client.platform.capture import BACKEND_ENV, open_screen_capture
from client.platform.capture.change_watch import open_change_watch
from client.platform.capture.fake import FakeScreenCapture
from client.services.screen_share import ScreenShare
from protocol.messages import ScreenInfo
from server.recording.screen import Canvas
from tests.client.services.test_screen_share import Peer

START_S = 60.0
"""Spawning the worker imports numpy and the encoders afresh: slow on a busy machine."""


def _share(peer: Peer, factory=FakeScreenCapture) -> ScreenShare:
    return ScreenShare(
        peer.send_frame,
        peer.send_screen_info,
        factory,
        on_error=peer.errors.append,
        change_watch_factory=open_change_watch,
        in_worker_process=True,
    )


async def _until(condition, timeout=START_S):
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.005)


def _workers() -> list[multiprocessing.process.BaseProcess]:
    return [child for child in multiprocessing.active_children() if child.name == "fernhilfe-capture"]


def test_the_worker_process_sends_the_screen_and_is_gone_after_stop():
    async def scenario():
        peer = Peer()
        share = _share(peer)
        assert _workers() == []
        await share.start()
        assert len(_workers()) == 1
        await _until(lambda: peer.frames)
        await share.stop()
        assert _workers() == []
        assert isinstance(peer.sent[0], ScreenInfo) and peer.sent[0].monitors == share.monitors
        keyframe = peer.frames[0]
        canvas = Canvas(keyframe.monitor, keyframe.monitor_width, keyframe.monitor_height)
        assert keyframe.keyframe and canvas.paint(keyframe)
        assert np.array_equal(canvas.pixels, FakeScreenCapture().image(0)[:, :, 2::-1])
        assert peer.errors == []

    asyncio.run(scenario())


def test_a_worker_that_dies_ends_sharing_with_a_message_and_nothing_more_is_sent():
    async def scenario():
        peer = Peer()
        share = _share(peer)
        await share.start()
        await _until(lambda: peer.frames)
        (worker,) = _workers()
        assert worker.pid is not None
        os.kill(worker.pid, signal.SIGKILL)
        await _until(lambda: peer.errors)
        sent = len(peer.sent)
        share.acknowledge(1)
        share.request_keyframe()
        await asyncio.sleep(0.2)
        await share.stop()
        assert peer.errors == ["screen sharing ended: the screen capture stopped unexpectedly (exit code -9)"]
        assert len(peer.sent) == sent
        assert _workers() == []

    asyncio.run(scenario())


def test_a_capture_that_cannot_open_in_the_worker_is_reported(monkeypatch):
    monkeypatch.setenv(BACKEND_ENV, "bogus")

    async def scenario():
        peer = Peer()
        share = _share(peer, open_screen_capture)
        await share.start()
        await share.stop()
        assert peer.sent == []
        (error,) = peer.errors
        assert error.startswith("screen sharing ended: FERNHILFE_CAPTURE='bogus' names no capture backend")

    asyncio.run(scenario())


def test_stopping_before_the_worker_has_opened_starts_no_capture():
    async def scenario():
        peer = Peer()
        share = _share(peer)
        starting = asyncio.create_task(share.start())
        await asyncio.sleep(0)
        await share.stop()
        await starting
        await asyncio.sleep(0.5)
        assert peer.sent == [] and peer.errors == []
        assert _workers() == []

    asyncio.run(scenario())
