"""Over a 1 Mbit/s link the session stays usable: photos go at a lower JPEG quality, the expert's
input overtakes the pixels still crossing the link, and the latest picture arrives, pixel for
pixel once refined."""

import asyncio
import signal
import subprocess
from collections.abc import Iterator

import numpy as np
import pytest

from protocol.frames import Encoding, Frame
from protocol.messages import PointerMove
from server.recording.screen import Canvas
from tests.e2e.test_reconnect import allow, finish, joined
from tests.support.desktop import move_pointer_as_setup, pointer_position
from tests.support.fault_proxy import FaultProxy
from tests.support.photo_window import photo_window, picture

pytestmark = pytest.mark.e2e

ONE_MEGABIT = 125_000
PHOTO = (600, 300, 640, 384)
"""x, y, width, height of the photo: 60 tiles, tens of kilobytes as JPEG, far more refined."""
SLOW_S = 90.0


@pytest.fixture
def slow_proxy(server) -> Iterator[FaultProxy]:
    with FaultProxy(server.port) as running:
        running.rate_bytes_per_s = ONE_MEGABIT
        yield running


@pytest.fixture
def photo() -> Iterator[subprocess.Popen[bytes]]:
    with photo_window(PHOTO) as window:
        yield window


def _jpeg_bytes_per_pixel(frames: list[Frame]) -> float:
    tiles = [tile for frame in frames for tile in frame.tiles if tile.encoding is Encoding.JPEG]
    assert tiles, "the photo went as JPEG"
    return sum(len(tile.data) for tile in tiles) / sum(tile.width * tile.height for tile in tiles)


class _View:
    """The expert's picture of the customer's screen, painted as frames arrive."""

    def __init__(self, expert) -> None:
        self._expert = expert
        self._painted = 0
        self._canvas: Canvas | None = None

    def photo_is(self, seed: int) -> bool:
        frames = self._expert.frames
        for frame in frames[self._painted :]:
            if self._canvas is None:
                assert frame.keyframe
                self._canvas = Canvas(frame.monitor, frame.monitor_width, frame.monitor_height)
            assert self._canvas.paint(frame)
        self._painted = len(frames)
        if self._canvas is None:
            return False
        x, y, width, height = PHOTO
        shown = self._canvas.pixels[y : y + height, x : x + width]
        return bool(np.array_equal(shown, picture(width, height, seed)[:, :, 2::-1]))

    async def until_photo(self, seed: int) -> None:
        async with asyncio.timeout(SLOW_S):
            while not self.photo_is(seed):
                await asyncio.sleep(0.05)


def _touches_photo(frame: Frame) -> bool:
    x, y, width, height = PHOTO
    return any(
        tile.x < x + width and x < tile.x + tile.width and tile.y < y + height and y < tile.y + tile.height
        for tile in frame.tiles
    )


def test_a_one_megabit_link_stays_usable(loop, qtbot, server, slow_proxy, photo):
    async def scenario():
        move_pointer_as_setup(5, 5)
        expert, app = await joined(server, slow_proxy, qtbot)
        await allow(app, qtbot, 1)
        await expert.wait_for_frames(1, timeout=SLOW_S)
        await expert.request_tier(2)
        await allow(app, qtbot, 2)
        await expert.wait_for_control("expert", timeout=SLOW_S)
        view = _View(expert)
        await view.until_photo(1)  # JPEG first, then refined: pixel for pixel, and the screen is still
        before = len(expert.frames)
        keyframe_density = _jpeg_bytes_per_pixel(expert.frames[:1])

        photo.send_signal(signal.SIGUSR1)  # a new photo: tens of kilobytes to cross the link
        await asyncio.sleep(0.1)
        await expert.send_input(PointerMove(monitor=0, x=50, y=60))
        async with asyncio.timeout(SLOW_S):
            while pointer_position() != (50, 60):
                await asyncio.sleep(0.001)
        assert not any(_touches_photo(frame) for frame in expert.frames[before:]), "input overtook the pixels"

        for _ in range(2):  # two more pictures in quick succession: only the latest must arrive
            photo.send_signal(signal.SIGUSR1)
            await asyncio.sleep(0.05)
        await view.until_photo(4)
        assert _jpeg_bytes_per_pixel(expert.frames[before:]) < 0.7 * keyframe_density, "lower JPEG quality"
        await finish(expert, app)

    loop.run_until_complete(scenario())
