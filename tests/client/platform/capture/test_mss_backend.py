"""The mss backend sees the test X server's screen and its real pixels."""

import subprocess

import numpy as np
import pytest

from client.platform.capture import open_screen_capture
from client.platform.capture.mss_backend import MssCapture

pytestmark = pytest.mark.gui


def test_the_virtual_screen_is_one_primary_monitor():
    capture = open_screen_capture()
    try:
        assert isinstance(capture, MssCapture)
        monitors = capture.monitors()
        assert [(m.x, m.y, m.width, m.height, m.primary) for m in monitors] == [(0, 0, 1920, 1080, True)]
    finally:
        capture.close()


def test_grabbed_pixels_show_a_real_window(tmp_path):
    xterm = subprocess.Popen(["xterm", "-geometry", "40x10+100+100", "-bg", "#00ff00", "-fg", "#00ff00"])
    capture = MssCapture()
    try:
        for _ in range(200):
            pixels = capture.grab(0).pixels
            if tuple(pixels[150, 150, :3]) == (0, 255, 0):
                break
            subprocess.run(["sleep", "0.05"], check=True)
        assert pixels.shape == (1080, 1920, 4)
        assert tuple(pixels[150, 150, :3]) == (0, 255, 0)
        assert not np.array_equal(pixels[150, 150, :3], pixels[1000, 1800, :3])
    finally:
        capture.close()
        xterm.terminate()
        xterm.wait()
