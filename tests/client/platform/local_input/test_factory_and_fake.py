"""`open_local_input_watch` picks the X11 backend here unless FERNHILFE_LOCAL_INPUT says otherwise."""

import threading

import pytest

from client.platform.local_input import BACKEND_ENV, LocalInputError, open_local_input_watch
from client.platform.local_input.fake import FakeLocalInputWatch
from client.platform.local_input.x11 import X11LocalInputWatch


def test_the_real_desktop_is_the_default(monkeypatch):
    monkeypatch.delenv(BACKEND_ENV, raising=False)
    watch = open_local_input_watch()
    try:
        assert isinstance(watch, X11LocalInputWatch)
    finally:
        watch.stop()


def test_the_fake_can_be_selected(monkeypatch):
    monkeypatch.setenv(BACKEND_ENV, "FAKE")
    assert isinstance(open_local_input_watch(), FakeLocalInputWatch)


def test_an_unknown_backend_is_refused(monkeypatch):
    monkeypatch.setenv(BACKEND_ENV, "evdev")
    with pytest.raises(LocalInputError, match="'evdev'"):
        open_local_input_watch()


def test_without_an_x_server_opening_fails_cleanly(monkeypatch):
    monkeypatch.delenv(BACKEND_ENV, raising=False)
    monkeypatch.delenv("DISPLAY")
    with pytest.raises(LocalInputError, match="X display"):
        open_local_input_watch()


def test_the_fake_reports_simulated_activity_from_another_thread_while_running():
    watch = FakeLocalInputWatch()
    threads = []
    assert not watch.simulate_activity()
    watch.start(lambda: threads.append(threading.current_thread()))
    assert watch.simulate_activity()
    assert watch.simulate_activity()
    watch.stop()
    assert not watch.simulate_activity()
    assert len(threads) == 2
    assert threading.current_thread() not in threads
    with pytest.raises(RuntimeError, match="once"):
        watch.start(lambda: None)
