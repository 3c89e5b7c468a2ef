"""The watermark on a Wayland desktop: the real client, in its own process on the headless GNOME
desktop, runs its Qt on XWayland (as `fernhilfe` does on every Wayland session with XWayland), so
the watermark is an override-redirect window that mutter places exactly and keeps above every
window, Wayland ones included. Checked where it counts: in the frames the expert receives through
the portal, over a full-screen Wayland window, and after the customer clicked that window."""

import asyncio
import json

import numpy as np
import pytest

from client.ui.watermark import RIGHT_MARGIN, TOP_OFFSET
from protocol.messages import ScreenInfo
from server.recording.screen import Canvas
from tests.e2e.test_view_session import attach_expert, close_to
from tests.support.customer import WATERMARK_RGB, until
from tests.support.customer_process import customer_in_process
from tests.support.gnome_desktop import HEIGHT, WIDTH

pytestmark = pytest.mark.e2e

DIALOG_BLUE = (53, 132, 228)
GREEN, WINDOW_POINT = (0x12, 0xAB, 0x34), (WIDTH // 2, HEIGHT * 3 // 4)


class ExpertScreen:
    """The expert's picture of the shared monitor: every frame painted in order, as the console
    draws them."""

    def __init__(self, expert) -> None:
        self._expert = expert
        self._canvas = Canvas(0, WIDTH, HEIGHT)
        self._painted = 0

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        for frame in self._expert.frames[self._painted :]:
            self._canvas.paint(frame)
        self._painted = len(self._expert.frames)
        red, green, blue = (int(v) for v in self._canvas.pixels[y, x])
        return red, green, blue


def share_button(gnome):
    """Where the customer sees the portal's Share button: the middle of its visible blue (our
    control panel, bottom right, may cover part of it on this small screen)."""
    frame = gnome.frame()[:, :, 2::-1].astype(int)
    blue = np.argwhere(np.all(np.abs(frame - DIALOG_BLUE) <= 8, axis=2))
    if len(blue) < 50:
        return None
    y, x = blue.mean(axis=0)
    return round(x), round(y)


@pytest.fixture
def gnome(gnome_desktop):
    gnome_desktop.ensure_portals()
    return gnome_desktop


def test_the_watermark_shows_top_right_over_wayland_windows_in_the_experts_frames(server, gnome):
    window = gnome.show_window("#12ab34")

    async def scenario():
        ticket, expert = await attach_expert(server)
        environment = {**gnome.x_env, "LANGUAGE": "en"}
        number = ticket.session["number_display"]
        try:
            async with customer_in_process(server.ws_url, server.ca_path, number, environment) as client:
                assert client.stdout is not None
                line = await asyncio.wait_for(client.stdout.readline(), 30)
                (mark,) = json.loads(line.decode().removeprefix("watermarks "))
                await until(lambda: share_button(gnome) is not None, timeout=20)
                await asyncio.sleep(0.4)
                gnome.click(*share_button(gnome))
                info = await expert.wait_for_message(ScreenInfo)
                screen = ExpertScreen(expert)
                inside = (mark["x"] + 4, mark["y"] + 4)
                await until(lambda: close_to(screen.pixel(*inside), WATERMARK_RGB), timeout=20)
                assert close_to(screen.pixel(*WINDOW_POINT), GREEN), "the Wayland window is shown"
                gnome.click(*WINDOW_POINT)
                await asyncio.sleep(1.5)
                assert close_to(screen.pixel(*inside), WATERMARK_RGB), "the clicked window covers it"
                await expert.end()
                assert await asyncio.wait_for(client.wait(), 30) == 0
        finally:
            await expert.close()
        return info, mark

    try:
        info, mark = asyncio.run(scenario())
    finally:
        window.close()
    assert [(m.width, m.height) for m in info.monitors] == [(WIDTH, HEIGHT)]
    assert (mark["x"] + mark["width"], mark["y"]) == (WIDTH - RIGHT_MARGIN, TOP_OFFSET)
