"""The pointer is told as it moves, its shape once per change, straight alpha, hidden off the monitor."""

import base64
import zlib

from client.core.cursor import CursorState, ShapeImage, shape_message
from protocol.messages import Cursor, Monitor

MONITOR = Monitor(id=1, x=1920, y=0, width=1280, height=1024, scale=1.0, primary=False)
# 2 x 1: opaque white, and red at half alpha premultiplied (0x80 red of 0x80 alpha = full red)
ARROW = ShapeImage(serial=5, width=2, height=1, hot_x=1, hot_y=0, argb=(0xFFFFFFFF, 0x80800000))


def _rgba(pixels: str) -> bytes:
    return zlib.decompress(base64.b64decode(pixels))


def test_a_shape_becomes_straight_rgba():
    message = shape_message(ARROW)
    assert message is not None
    assert (message.shape, message.width, message.height, message.hot_x, message.hot_y) == (5, 2, 1, 1, 0)
    assert _rgba(message.pixels) == bytes((255, 255, 255, 255, 255, 0, 0, 128))


def test_a_huge_shape_is_scaled_down_to_128():
    big = ShapeImage(serial=1, width=256, height=200, hot_x=255, hot_y=100, argb=(0xFF000000,) * 256 * 200)
    message = shape_message(big)
    assert message is not None
    assert (message.width, message.height, message.hot_x, message.hot_y) == (128, 100, 127, 50)
    assert len(_rgba(message.pixels)) == 128 * 100 * 4


def test_a_broken_shape_is_not_sent():
    assert shape_message(ShapeImage(serial=1, width=2, height=2, hot_x=0, hot_y=0, argb=(0,))) is None


def test_positions_follow_the_shape_and_only_changes_are_told():
    state = CursorState()
    assert state.position(2000, 10, MONITOR) is None, "no shape told yet"
    assert state.shape(ARROW) is not None
    assert state.shape(ARROW) is None, "the same shape again"
    assert state.position(2000, 10, MONITOR) == Cursor(monitor=1, x=80, y=10, visible=True, shape=5)
    assert state.position(2000, 10, MONITOR) is None
    assert state.position(100, 10, MONITOR) == Cursor(monitor=1, x=0, y=0, visible=False, shape=5)
    assert state.position(50, 10, MONITOR) is None, "still off the monitor"
