"""XDamage on the test X server reports drawing and stays quiet while nothing is drawn; other
captures fall back to polling."""

import subprocess

import pytest

from client.platform.capture.change_watch import PollingWatch, open_change_watch
from client.platform.capture.fake import FakeScreenCapture
from client.platform.capture.mss_backend import MssScreenCapture
from client.platform.capture.xdamage_watch import XDamageWatch


@pytest.fixture
def watch():
    opened = XDamageWatch()
    yield opened
    opened.close()


def _settle(watch):
    """Take whatever was reported so far (the first wait always says "maybe")."""
    while watch.wait(0.2):
        pass


def test_drawing_is_reported_once_and_then_the_screen_is_quiet(watch):
    _settle(watch)
    assert watch.wait(0.05) is False
    subprocess.run(["xsetroot", "-solid", "#123456"], check=True)
    assert watch.wait(5.0) is True
    assert watch.wait(0.2) is False
    subprocess.run(["xsetroot", "-solid", "#654321"], check=True)
    assert watch.wait(5.0) is True


def test_the_real_screen_gets_xdamage_and_a_fake_one_polling():
    capture = MssScreenCapture()
    try:
        real = open_change_watch(capture)
        assert isinstance(real, XDamageWatch)
        real.close()
        real.close()
    finally:
        capture.close()
    fake = open_change_watch(FakeScreenCapture())
    assert isinstance(fake, PollingWatch) and fake.wait(10.0) is True
