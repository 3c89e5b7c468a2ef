"""Two monitors for real (tests/support/two_monitors.py): the primary at scale 1, a HiDPI one at 2.

The real client runs in its own process on that display against the real server; the scripted
expert reads what it announces, and the test reads the X server's pixels with mss.
"""

import asyncio
import json

import mss
import pytest

from client.ui.watermark import RIGHT_MARGIN, TOP_OFFSET
from protocol.messages import Monitor, ScreenInfo, TierStatus
from tests.support.customer import WATERMARK_RGB
from tests.support.customer_process import customer_in_process
from tests.support.fixtures import ANNA
from tests.support.scripted_expert import ScriptedExpert
from tests.support.server_process import open_session_async, ssl_context
from tests.support.two_monitors import LEFT, RIGHT

pytestmark = pytest.mark.e2e


def watermark_rows(display, monitor_index, monitor):
    """The rows (physical pixels from the monitor's top) where the watermark's right edge shows."""
    column = monitor.width - round(RIGHT_MARGIN * monitor.scale) - 4
    with mss.MSS(display=display) as screen:
        area = screen.monitors[monitor_index]
        shot = screen.grab({"left": area["left"] + column, "top": area["top"], "width": 1, "height": 300})
        return [row for row in range(shot.height) if shot.pixel(0, row) == WATERMARK_RGB]


def test_each_monitor_is_announced_with_its_scale_and_shows_the_watermark(server, two_monitor_display):
    display = two_monitor_display.display

    async def scenario():
        ticket = await open_session_async(server, ANNA.username, ANNA.password)
        async with ScriptedExpert(server.ws_url, ssl_context(server.ca_path), ticket.token,
                                  ticket.session_id) as expert:
            number = ticket.session["number_display"]
            environment = two_monitor_display.environment()
            async with customer_in_process(server.ws_url, server.ca_path, number, environment) as client:
                assert client.stdout is not None
                await expert.wait_for_message(TierStatus, lambda m: m.tier == 1 and m.state == "granted")
                info = await expert.wait_for_message(ScreenInfo)
                line = await asyncio.wait_for(client.stdout.readline(), 30)
                marks = json.loads(line.decode().removeprefix("watermarks "))
                await expert.wait_for_frames(1)
                rows = {
                    monitor.name: watermark_rows(display, index, monitor)
                    for index, monitor in enumerate((LEFT, RIGHT), 1)
                }
                await expert.end()
                assert await asyncio.wait_for(client.wait(), 30) == 0
            return info, marks, rows

    info, marks, rows = asyncio.run(scenario())
    assert info.monitors == (
        Monitor(id=0, x=0, y=0, width=1920, height=1080, scale=1.0, primary=True),
        Monitor(id=1, x=1920, y=0, width=1920, height=1200, scale=2.0, primary=False),
    )
    by_screen = {mark["screen"]: mark for mark in marks}
    assert sorted(by_screen) == ["LEFT", "RIGHT"]
    left, right = rows["LEFT"], rows["RIGHT"]
    assert left and right, "the watermark shows at the top right of both monitors"
    assert (left[0], len(left)) == (TOP_OFFSET, by_screen["LEFT"]["height"])
    assert (right[0], len(right)) == (2 * TOP_OFFSET, 2 * by_screen["RIGHT"]["height"]), "twice the pixels"
