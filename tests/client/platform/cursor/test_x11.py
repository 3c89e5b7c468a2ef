"""On the test X server the pointer source reads where the pointer is, and its image when it changes."""

import threading
import time
from collections.abc import Iterator

import pytest
from Xlib import X, Xcursorfont
from Xlib.display import Display
from Xlib.ext import xtest

from client.platform.cursor.x11 import CursorReading, X11CursorSource

HAND = Xcursorfont.hand2


@pytest.fixture
def source() -> Iterator[X11CursorSource]:
    opened = X11CursorSource()
    yield opened
    opened.close()


@pytest.fixture
def window_with_a_hand() -> Iterator[tuple[Display, object]]:
    """A window of this test's own at (100, 100), 200 x 150, whose pointer is a hand."""
    display = Display()
    root = display.screen().root
    font = display.open_font("cursor")
    hand = font.create_glyph_cursor(font, HAND, HAND + 1, (0, 0, 0), (0xFFFF, 0xFFFF, 0xFFFF))
    window = root.create_window(100, 100, 200, 150, 0, X.CopyFromParent, override_redirect=True, cursor=hand)
    window.map()
    root.warp_pointer(10, 10)
    display.sync()
    yield display, root
    window.destroy()
    display.close()


def _until_shape(source: X11CursorSource) -> CursorReading:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        reading = source.read(0.1)
        if reading.shape is not None:
            return reading
    raise AssertionError("no new cursor image")


def test_the_first_reading_carries_the_pointer_and_its_image(source, window_with_a_hand):
    reading = source.read(0.1)
    assert reading.shape is not None
    assert reading.shape.width > 0 and len(reading.shape.argb) == reading.shape.width * reading.shape.height


def test_a_new_shape_is_read_when_the_pointer_enters_a_window_with_another(source, window_with_a_hand):
    display, root = window_with_a_hand
    before = source.read(0.1).shape
    assert before is not None
    assert source.read(0.1).shape is None, "nothing changed"
    root.warp_pointer(150, 160)
    display.sync()
    reading = _until_shape(source)
    assert (reading.root_x, reading.root_y) == (150, 160)
    assert reading.shape is not None and reading.shape.serial != before.serial


def test_the_position_follows_the_pointer(source, window_with_a_hand):
    display, root = window_with_a_hand
    source.read(0.1)
    root.warp_pointer(33, 44)
    display.sync()
    reading = source.read(0.1)
    assert (reading.root_x, reading.root_y) == (33, 44)


def _move_as_a_device(x: int, y: int) -> None:
    """Move the pointer through XTEST, as a mouse would: this makes raw motion, a warp does not."""
    display = Display()
    xtest.fake_input(display, X.MotionNotify, x=x, y=y)
    display.sync()
    display.close()


def test_a_moving_pointer_ends_the_wait_at_once(source, window_with_a_hand):
    source.read(0.1)
    mover = threading.Timer(0.2, _move_as_a_device, (55, 66))
    mover.start()
    started = time.monotonic()
    reading = source.read(5.0)
    mover.join()
    assert time.monotonic() - started < 2.5, "the wait ran out although the pointer moved"
    assert (reading.root_x, reading.root_y) == (55, 66)


def test_a_still_pointer_is_read_only_when_the_wait_runs_out(source, window_with_a_hand):
    source.read(0.1)
    started = time.monotonic()
    reading = source.read(0.4)
    assert time.monotonic() - started >= 0.35
    assert reading.shape is None
