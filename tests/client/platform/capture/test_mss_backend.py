"""The mss backend sees the test X server (pytest-xvfb, 1920x1080) and a real window's pixels."""

import asyncio
import subprocess
import time

import pytest

from client.platform.capture.base import CaptureError, MonitorGeometry
from client.platform.capture.mss_backend import MssScreenCapture, geometries_from_mss
from client.services.screen_share import ScreenShare
from protocol import decode_frame
from protocol.frames import Frame
from protocol.messages import ScreenInfo

WINDOW_TITLE = "fernhilfe-capture-test"
WAIT_S = 10.0


@pytest.fixture
def capture():
    opened = MssScreenCapture()
    yield opened
    opened.close()


@pytest.fixture
def red_window():
    """A real X window at 300,200 (about 244x134 px) painted pure red."""
    xterm = subprocess.Popen(
        ["xterm", "-title", WINDOW_TITLE, "-geometry", "40x10+300+200", "-bg", "#ff0000", "-fg", "#ff0000"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    yield
    xterm.terminate()
    xterm.wait(WAIT_S)


def test_the_test_screen_is_one_primary_monitor_in_physical_pixels(capture):
    assert capture.monitors() == [MonitorGeometry(0, 0, 0, 1920, 1080, 1.0, True)]


def test_known_scales_are_reported_by_the_monitors_corner():
    capture = MssScreenCapture({(0, 0): 1.5})
    try:
        assert capture.monitors()[0].scale == 1.5
    finally:
        capture.close()


def test_a_grab_shows_a_real_window_in_bgra(capture, red_window):
    deadline = time.monotonic() + WAIT_S
    while True:
        image = capture.grab(0)
        pixels = image.pixels
        if tuple(pixels[300, 500, :3]) == (0, 0, 255) or time.monotonic() > deadline:
            break
        time.sleep(0.02)  # the window is still being mapped and painted
    assert (image.width, image.height, len(image.data)) == (1920, 1080, 1920 * 1080 * 4)
    assert pixels.shape == (1080, 1920, 4)
    assert tuple(pixels[300, 500, :3]) == (0, 0, 255)  # B, G, R of #ff0000
    assert tuple(pixels[1000, 1800, :3]) != (0, 0, 255)
    assert image.data == capture.grab(0).data  # nothing moved: the buffers compare equal


def test_an_unknown_monitor_is_a_capture_error(capture):
    with pytest.raises(CaptureError, match="no monitor 1"):
        capture.grab(1)


def test_no_display_is_a_capture_error(monkeypatch):
    monkeypatch.setenv("DISPLAY", ":4242")
    with pytest.raises(CaptureError, match="cannot open the display"):
        MssScreenCapture()


def test_mss_monitors_map_to_protocol_ids_with_the_marked_primary():
    mss_monitors = [
        {"left": -1280, "top": -200, "width": 3200, "height": 1280},
        {"left": -1280, "top": -200, "width": 1280, "height": 1024, "is_primary": False},
        {"left": 0, "top": 0, "width": 1920, "height": 1080, "is_primary": True},
    ]
    assert geometries_from_mss(mss_monitors, {(0, 0): 2.0}) == [
        MonitorGeometry(0, -1280, -200, 1280, 1024, 1.0, False),
        MonitorGeometry(1, 0, 0, 1920, 1080, 2.0, True),
    ]


def test_without_a_marked_primary_the_first_monitor_is_primary():
    mss_monitors = [
        {"left": 0, "top": 0, "width": 200, "height": 100},
        {"left": 0, "top": 0, "width": 100, "height": 100},
        {"left": 100, "top": 0, "width": 100, "height": 100},
    ]
    assert [g.primary for g in geometries_from_mss(mss_monitors)] == [True, False]


def test_a_screen_share_over_the_real_capture_sends_the_whole_screen_first():
    """The capture is opened, used and closed on the share's worker thread, as mss requires."""
    sent: list[ScreenInfo | Frame] = []
    errors: list[str] = []

    async def send_frame(data):
        sent.append(decode_frame(data))

    async def send_screen_info(info):
        sent.append(info)

    async def scenario():
        share = ScreenShare(send_frame, send_screen_info, MssScreenCapture, on_error=errors.append)
        await share.start()
        async with asyncio.timeout(WAIT_S):
            while len(sent) < 2 and not errors:
                await asyncio.sleep(0.005)
        await share.stop()

    asyncio.run(scenario())
    assert errors == []
    info, first = sent[0], sent[1]
    assert isinstance(info, ScreenInfo) and len(info.monitors) == 1
    assert isinstance(first, Frame)
    assert (first.seq, first.keyframe, first.monitor_width, first.monitor_height) == (1, True, 1920, 1080)
    assert sum(t.width * t.height for t in first.tiles) == 1920 * 1080
