"""The factory picks the fake on request and refuses unknown backends; the fake fires on its own thread."""

import threading

import pytest

from client.platform.stop_hotkey import BACKEND_ENV, HotkeyError, open_stop_hotkey
from client.platform.stop_hotkey.fake import FakeStopHotkey
from client.platform.stop_hotkey.x11 import X11StopHotkey


def test_the_environment_selects_the_fake(monkeypatch):
    monkeypatch.setenv(BACKEND_ENV, "fake")
    assert isinstance(open_stop_hotkey(), FakeStopHotkey)


def test_an_unknown_backend_is_refused(monkeypatch):
    monkeypatch.setenv(BACKEND_ENV, "carrier-pigeon")
    with pytest.raises(HotkeyError, match="names no stop-hotkey backend"):
        open_stop_hotkey()


def test_unset_picks_the_x11_grab(monkeypatch):
    monkeypatch.delenv(BACKEND_ENV, raising=False)
    hotkey = open_stop_hotkey()
    try:
        assert isinstance(hotkey, X11StopHotkey)
    finally:
        hotkey.stop()


def test_the_fake_fires_only_while_started_and_on_its_own_thread():
    fake = FakeStopHotkey()
    threads = []
    assert not fake.press()
    fake.start(lambda: threads.append(threading.current_thread()))
    assert fake.press()
    assert threads and threads[0] is not threading.current_thread()
    fake.stop()
    assert not fake.press()
    with pytest.raises(RuntimeError):
        fake.start(lambda: None)
