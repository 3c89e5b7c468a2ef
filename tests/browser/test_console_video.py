"""The console draws moving content decoded from the VP8 video stream, and the customer's pointer.

Chromium (Debian's, headless) decodes VP8 in software through WebCodecs; the frames come from the
client's own encoder (libvpx) through the real server, sent by a scripted customer.
"""

from __future__ import annotations

import base64
import zlib

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from client.core.yuv import bgra_to_i420
from client.services.vp8_encoder import Vp8Encoder
from protocol.frames import Encoding, Tile
from protocol.libvpx import load_libvpx
from protocol.messages import Cursor, CursorShape, FrameAck, Monitor
from protocol.video import Vp8Chunk, pack_vp8
from tests.browser.console_page import join_and_grant, new_session
from tests.browser.customer import ScriptedCustomer, frame
from tests.browser.test_console_session import canvas_pixels

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 320, 192
MONITOR = Monitor(id=0, x=0, y=0, width=WIDTH, height=HEIGHT, scale=1.0, primary=True)


def scene(step: int) -> np.ndarray:
    """Wide coloured stripes sliding right 12 pixels a step, as B G R A."""
    x = (np.arange(WIDTH) - 12 * step) // 40 % 4
    colours = np.array(
        [[200, 40, 40, 255], [40, 200, 40, 255], [40, 40, 200, 255], [230, 230, 230, 255]], np.uint8
    )
    return np.ascontiguousarray(np.broadcast_to(colours[x], (HEIGHT, WIDTH, 4)))


def shown(page: Page) -> np.ndarray:
    rgba = np.array(canvas_pixels(page, 0, 0, WIDTH, HEIGHT), dtype=np.int16).reshape(HEIGHT, WIDTH, 4)
    return rgba[:, :, :3]


def test_moving_content_arrives_as_video_and_is_drawn_as_it_moves(page: Page, customer: ScriptedCustomer):
    library = load_libvpx()
    assert library is not None, "scripts/setup.sh installs libvpx7"
    number = new_session(page)
    join_and_grant(page, customer, number)
    customer.send_screen_info([MONITOR])
    encoder = Vp8Encoder(library, WIDTH, HEIGHT, kbit_per_s=1500)
    try:
        errors = []
        for step in range(12):
            data, key = encoder.encode(bgra_to_i420(scene(step)), step * 33, 33, key=step == 0)
            tile = Tile(0, 0, WIDTH, HEIGHT, Encoding.VP8, pack_vp8(Vp8Chunk(key, WIDTH, HEIGHT, data)))
            customer.send_frame(frame(step + 1, WIDTH, HEIGHT, [tile], keyframe=step == 0))
            customer.wait_for_equal(FrameAck(seq=step + 1))
            expected = scene(step)[:, :, 2::-1].astype(np.int16)
            errors.append(float(np.abs(shown(page) - expected).mean()))
    finally:
        encoder.close()
    assert max(errors) < 12, errors
    # It moved: the last picture is far from the first one.
    assert np.abs(shown(page) - scene(0)[:, :, 2::-1].astype(np.int16)).mean() > 40


def test_the_customers_pointer_is_drawn_over_the_picture(page: Page, customer: ScriptedCustomer):
    number = new_session(page)
    join_and_grant(page, customer, number)
    customer.send_screen_info([MONITOR])
    customer.send_frame(
        frame(1, WIDTH, HEIGHT, [Tile(0, 0, WIDTH, HEIGHT, Encoding.SOLID, b"\x10\x20\x30")], keyframe=True)
    )
    customer.wait_for(lambda m: m == FrameAck(seq=1))
    arrow = bytes((255, 0, 0, 255)) * 8 * 8
    pixels = base64.b64encode(zlib.compress(arrow)).decode("ascii")
    customer.send(CursorShape(shape=9, width=8, height=8, hot_x=2, hot_y=2, pixels=pixels))
    customer.send(Cursor(monitor=0, x=100, y=50, visible=True, shape=9))
    pointer = page.locator("canvas.screen-cursor")
    expect(pointer).to_be_visible()
    canvas = page.locator("canvas.screen-canvas:not([hidden])").bounding_box()
    box = pointer.bounding_box()
    assert canvas is not None and box is not None
    scale = canvas["width"] / WIDTH
    assert abs(box["x"] - (canvas["x"] + (100 - 2) * scale)) < 1.5
    assert abs(box["y"] - (canvas["y"] + (50 - 2) * scale)) < 1.5
    assert abs(box["width"] - 8 * scale) < 1.5
    customer.send(Cursor(monitor=0, x=0, y=0, visible=False, shape=9))
    expect(pointer).to_be_hidden()
