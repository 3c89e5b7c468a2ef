"""`open_screen_capture` picks mss unless FERNHILFE_CAPTURE says otherwise."""

import pytest

from client.platform.capture import BACKEND_ENV, CaptureError, open_screen_capture
from client.platform.capture.fake import FakeScreenCapture
from client.platform.capture.mss_backend import MssScreenCapture


@pytest.mark.parametrize("value", [None, "", "mss", " MSS "])
def test_the_real_screen_is_the_default(monkeypatch, value):
    if value is None:
        monkeypatch.delenv(BACKEND_ENV, raising=False)
    else:
        monkeypatch.setenv(BACKEND_ENV, value)
    capture = open_screen_capture()
    try:
        assert isinstance(capture, MssScreenCapture)
    finally:
        capture.close()


def test_the_fake_can_be_selected_and_takes_known_scales(monkeypatch):
    monkeypatch.setenv(BACKEND_ENV, "fake")
    capture = open_screen_capture({(0, 0): 1.25})
    assert isinstance(capture, FakeScreenCapture)
    assert [(m.id, m.scale) for m in capture.monitors()] == [(0, 1.25), (1, 2.0)]


def test_an_unknown_backend_is_refused(monkeypatch):
    monkeypatch.setenv(BACKEND_ENV, "vnc")
    with pytest.raises(CaptureError, match="'vnc'"):
        open_screen_capture()
