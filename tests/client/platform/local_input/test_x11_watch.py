"""The X11 watch on the test X server: real-device input from another process is the person at the
machine; our own XTEST injection is not, and neither is xdotool's (XTEST too, or a pointer warp).

"Never reported" is checked without sleeping: after the suspect input, a real-device motion is
sent as a barrier. The watch reads events in order, so once the barrier is reported every earlier
event has been handled, and exactly one report must have arrived.
"""

import subprocess
import threading
import time

import pytest

from client.platform.inject.x11 import X11InputInjector
from client.platform.local_input.x11 import X11LocalInputWatch
from tests.support.call_counter import CallCounter
from tests.support.x_devices import real_click, real_key, real_motion

WAIT_S = 10.0


@pytest.fixture
def reports():
    return CallCounter()


@pytest.fixture
def watch(reports):
    opened = X11LocalInputWatch()
    opened.start(reports)
    yield opened
    opened.stop()


@pytest.mark.parametrize(
    "act", [real_motion, real_click, lambda: real_key(50)], ids=["motion", "click", "key"]
)
def test_a_real_device_in_another_process_is_reported_on_the_watch_thread(watch, reports, act):
    act()
    reports.wait_for(1)
    assert threading.current_thread() not in reports.threads


def test_our_own_injection_is_never_reported(watch, reports):
    injector = X11InputInjector()
    try:
        for step in range(20):
            injector.move_pointer(300 + step, 300)
            injector.scroll(0, 1)
            injector.press_key("ShiftLeft", True)
            injector.press_key("ShiftLeft", False)
        injector.press_button("right", True)
        injector.press_button("right", False)
        injector.type_text("€")  # a keymap change on top
    finally:
        injector.close()
    real_motion()
    assert reports.wait_for(1) == 1


def test_xdotool_input_is_not_reported_either(watch, reports):
    # xdotool's mousemove warps the pointer (no raw event); its clicks and keys are XTEST input.
    for command in (["mousemove", "400", "400"], ["click", "4"], ["key", "shift"]):
        subprocess.run(["xdotool", *command], check=True, timeout=WAIT_S)
    real_motion()
    assert reports.wait_for(1) == 1


def test_a_failing_callback_does_not_end_the_watch(caplog):
    calls: list[None] = []
    second = threading.Event()

    def flaky():
        calls.append(None)
        if len(calls) == 1:
            raise RuntimeError("boom")
        second.set()

    watch = X11LocalInputWatch()
    watch.start(flaky)
    try:
        real_motion()
        real_motion()
        assert second.wait(WAIT_S)
    finally:
        watch.stop()
    assert "callback failed" in caplog.text


def test_stop_returns_promptly_and_ends_the_thread(reports):
    watch = X11LocalInputWatch()
    before = set(threading.enumerate())
    watch.start(reports)
    (thread,) = set(threading.enumerate()) - before
    real_motion()
    reports.wait_for(1)
    started = time.monotonic()
    watch.stop()
    assert time.monotonic() - started < 0.5
    assert not thread.is_alive()
    watch.stop()


def test_an_idle_or_never_started_watch_stops_at_once():
    idle = X11LocalInputWatch()
    idle.start(lambda: None)
    started = time.monotonic()
    idle.stop()
    X11LocalInputWatch().stop()
    assert time.monotonic() - started < 0.5


def test_a_watch_starts_once(watch, reports):
    with pytest.raises(RuntimeError, match="once"):
        watch.start(reports)
