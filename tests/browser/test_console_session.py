"""A view-only session end to end: the console in chromium, the real server, a scripted customer."""

from __future__ import annotations

import re
import time
import zlib

import pytest
from playwright.sync_api import Browser, Page, expect

from protocol.frames import Encoding, Tile
from protocol.messages import Consent, End, FrameAck, Monitor, Refresh, TierRevoke
from tests.browser.conftest import screenshot, sign_in
from tests.browser.console_page import READABLE_NUMBER, join_and_grant, new_session, phase, status
from tests.browser.customer import JPEG_COLOUR, ScriptedCustomer, frame, jpeg_tile, pattern_rgb, zlib_tile
from tests.support.server_process import ServerProcess

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 320, 200
"""The customer's monitor in physical pixels: left half JPEG, right half ZLIB_RGB."""
HALF = WIDTH // 2
TIMES = "\N{MULTIPLICATION SIGN}"
MONITOR = Monitor(id=0, x=0, y=0, width=WIDTH, height=HEIGHT, scale=1.0, primary=True)


def canvas_pixels(page: Page, x: int, y: int, width: int, height: int) -> list[int]:
    """RGBA bytes of a rectangle of the visible screen canvas, read back with getImageData."""
    pixels = page.evaluate(
        """([x, y, w, h]) => {
            const canvas = document.querySelector('canvas.screen-canvas:not([hidden])');
            return Array.from(canvas.getContext('2d').getImageData(x, y, w, h).data);
        }""",
        [x, y, width, height],
    )
    assert isinstance(pixels, list)
    return pixels


def rgba(rgb: bytes) -> list[int]:
    out: list[int] = []
    for i in range(0, len(rgb), 3):
        out += [rgb[i], rgb[i + 1], rgb[i + 2], 255]
    return out


def test_new_session_shows_its_number_in_groups_of_three_with_a_countdown(page: Page):
    number = new_session(page)
    assert re.fullmatch(READABLE_NUMBER, number)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Session {number}")
    expect(page.locator(".number-instruction")).to_have_text(re.compile("Read this number to the customer"))
    countdown = page.locator(".countdown-value")
    expect(countdown).to_have_text(re.compile(r"^(10:00|9:[0-5]\d)$"))
    expect(status(page)).to_have_text("Waiting for the customer to enter the number.")
    screenshot(page, "04-session-waiting")

    page.get_by_role("button", name="← All sessions").click()
    row = page.locator("tbody tr").filter(has_text=number)
    expect(row).to_have_count(1)
    expect(row.locator(".pill")).to_have_text("Waiting for customer")
    screenshot(page, "05-sessions-list")
    row.get_by_role("button", name=f"Open session {number}").click()
    phase(page, "waiting")


def test_the_console_draws_the_customers_real_pixels_and_shows_the_customer_ending(
    page: Page, customer: ScriptedCustomer
):
    number = new_session(page)
    join_and_grant(page, customer, number)
    expect(page.locator(".session-detail")).to_have_text("Customer's app: Fernhilfe-Test/1.0")
    customer.send_screen_info([MONITOR])

    # A delta frame first: the console draws it, acknowledges it, and asks for a whole picture.
    delta_rgb = pattern_rgb(16, 8, salt=77)
    customer.send_frame(frame(1, WIDTH, HEIGHT, [zlib_tile(0, 0, 16, 8, delta_rgb)], keyframe=False))
    customer.wait_for(lambda m: m == FrameAck(seq=1))
    customer.wait_for(lambda m: isinstance(m, Refresh))

    # The keyframe: a JPEG tile of one colour on the left, a lossless pattern on the right.
    right_rgb = pattern_rgb(HALF, HEIGHT)
    keyframe = frame(
        2,
        WIDTH,
        HEIGHT,
        [jpeg_tile(0, 0, HALF, HEIGHT, JPEG_COLOUR), zlib_tile(HALF, 0, HALF, HEIGHT, right_rgb)],
        keyframe=True,
    )
    customer.send_frame(keyframe)
    customer.wait_for(lambda m: m == FrameAck(seq=2))

    # The ack comes after drawing: the pixels are on the canvas already, at physical size.
    size = page.evaluate(
        "() => { const c = document.querySelector('canvas.screen-canvas:not([hidden])');"
        " return [c.width, c.height]; }"
    )
    assert size == [WIDTH, HEIGHT]
    assert canvas_pixels(page, HALF, 0, HALF, HEIGHT) == rgba(right_rgb)
    left = canvas_pixels(page, 0, 0, HALF, HEIGHT)
    worst = max(abs(left[i + c] - JPEG_COLOUR[c]) for i in range(0, len(left), 4) for c in range(3))
    assert worst <= 4, f"JPEG pixels differ from {JPEG_COLOUR} by up to {worst}"

    # The canvas is scaled by CSS to fit the stage, keeping the aspect ratio.
    box = page.locator("canvas.screen-canvas:not([hidden])").bounding_box()
    stage = page.locator(".stage").bounding_box()
    assert box and stage
    assert abs(box["width"] / box["height"] - WIDTH / HEIGHT) < 0.02
    assert box["width"] <= stage["width"] + 1 and box["height"] <= stage["height"] + 1
    assert min(stage["width"] - box["width"], stage["height"] - box["height"]) <= 2  # fills one side
    expect(page.locator(".screen-stats")).to_have_text(re.compile(rf"320 {TIMES} 200 px · \d+ frames"))
    screenshot(page, "06-session-viewing")

    # A later delta frame changes only its tile.
    patch = pattern_rgb(8, 8, salt=5)
    customer.send_frame(frame(3, WIDTH, HEIGHT, [zlib_tile(300, 180, 8, 8, patch)], keyframe=False))
    customer.wait_for(lambda m: m == FrameAck(seq=3))
    assert canvas_pixels(page, 300, 180, 8, 8) == rgba(patch)

    started = time.monotonic()
    customer.end()
    expect(status(page)).to_have_text("Session ended by the customer.", timeout=3000)
    assert time.monotonic() - started < 3
    phase(page, "ended")
    expect(page.get_by_role("button", name="End session")).to_be_hidden()
    expect(page.get_by_role("button", name="New session")).to_be_visible()
    screenshot(page, "07-session-ended-by-customer")


def test_end_session_asks_once_more_then_reaches_the_customer(page: Page, customer: ScriptedCustomer):
    number = new_session(page)
    join_and_grant(page, customer, number)
    question = page.get_by_role("group", name="End the session for the customer?")
    page.get_by_role("button", name="End session").click()
    expect(question).to_be_visible()
    page.get_by_role("button", name="Keep session").click()
    expect(question).to_be_hidden()
    expect(page.get_by_role("button", name="End session")).to_be_focused()
    phase(page, "viewing")
    page.get_by_role("button", name="End session").click()
    page.get_by_role("button", name="End now").click()
    end = customer.wait_for(lambda m: isinstance(m, End))
    assert end == End(reason="expert_ended", by="expert")
    assert customer.wait_closed() == 1000
    expect(status(page)).to_have_text("Session ended by you.")
    phase(page, "ended")


def test_consent_refused_is_shown(page: Page, customer: ScriptedCustomer):
    number = new_session(page)
    customer.join(number.replace(" ", ""))
    phase(page, "joined")
    customer.send(Consent(tier=1, granted=False))
    customer.end("consent_denied")
    expect(status(page)).to_have_text(re.compile("declined to share their screen"))
    phase(page, "ended")
    screenshot(page, "08-consent-refused")


def test_a_console_attaching_late_gets_a_whole_picture(page: Page, customer: ScriptedCustomer):
    number = new_session(page)
    join_and_grant(page, customer, number)
    customer.send_screen_info([MONITOR])
    first = pattern_rgb(WIDTH, HEIGHT, salt=1)
    customer.send_frame(frame(1, WIDTH, HEIGHT, [zlib_tile(0, 0, WIDTH, HEIGHT, first)], keyframe=True))
    customer.wait_for(lambda m: m == FrameAck(seq=1))

    # The expert reloads the page: the session goes on, the console attaches again and the
    # customer is asked for a keyframe.
    refreshes = sum(isinstance(m, Refresh) for m in customer.received)
    page.reload()
    phase(page, "viewing")
    customer.wait_for(lambda m: sum(isinstance(x, Refresh) for x in customer.received) > refreshes)
    second = pattern_rgb(WIDTH, HEIGHT, salt=2)
    customer.send_frame(frame(2, WIDTH, HEIGHT, [zlib_tile(0, 0, WIDTH, HEIGHT, second)], keyframe=True))
    customer.wait_for(lambda m: m == FrameAck(seq=2))
    assert canvas_pixels(page, 0, 0, WIDTH, HEIGHT) == rgba(second)
    expect(page.locator(".session-detail")).to_have_text("Customer's app: Fernhilfe-Test/1.0")


def test_a_customer_app_name_with_html_is_shown_as_text(page: Page, customer: ScriptedCustomer):
    number = new_session(page)
    client = '<img src=x onerror="window.__pwned=3">'
    customer.join(number.replace(" ", ""), client=client)
    expect(page.locator(".session-detail")).to_have_text(f"Customer's app: {client}")
    assert page.locator(".session-view img").count() == 0
    assert page.evaluate("() => window.__pwned") is None


def test_the_customer_stopping_the_view_is_shown_and_the_picture_goes(page: Page, customer: ScriptedCustomer):
    number = new_session(page)
    join_and_grant(page, customer, number)
    customer.send_screen_info([MONITOR])
    rgb = pattern_rgb(WIDTH, HEIGHT)
    customer.send_frame(frame(1, WIDTH, HEIGHT, [zlib_tile(0, 0, WIDTH, HEIGHT, rgb)], keyframe=True))
    customer.wait_for(lambda m: m == FrameAck(seq=1))
    expect(page.locator("canvas.screen-canvas")).to_have_count(1)

    customer.send(TierRevoke(tier=1))
    phase(page, "revoked")
    expect(status(page)).to_have_text("The customer stopped sharing their screen.")
    expect(page.locator("canvas.screen-canvas")).to_have_count(0)


def test_a_picture_the_console_cannot_read_drops_the_stream_and_reconnecting_recovers(
    page: Page, customer: ScriptedCustomer
):
    number = new_session(page)
    join_and_grant(page, customer, number)
    customer.send_screen_info([MONITOR])
    # Well-formed as a frame (the server relays it), but the zlib stream holds 47 bytes, not 4*4*3.
    broken = Tile(0, 0, 4, 4, Encoding.ZLIB_RGB, zlib.compress(bytes(47)))
    customer.send_frame(frame(1, WIDTH, HEIGHT, [broken], keyframe=True))
    phase(page, "dropped")
    expect(status(page)).to_have_text(re.compile("picture from the customer was damaged"))
    # The console is gone, so the server acknowledges for it; the session goes on.
    customer.wait_for(lambda m: m == FrameAck(seq=1))
    screenshot(page, "09-stream-dropped")

    refreshes = sum(isinstance(m, Refresh) for m in customer.received)
    page.get_by_role("button", name="Reconnect").click()
    phase(page, "viewing")
    customer.wait_for(lambda m: sum(isinstance(x, Refresh) for x in customer.received) > refreshes)
    rgb = pattern_rgb(WIDTH, HEIGHT, salt=9)
    customer.send_frame(frame(2, WIDTH, HEIGHT, [zlib_tile(0, 0, WIDTH, HEIGHT, rgb)], keyframe=True))
    customer.wait_for(lambda m: m == FrameAck(seq=2))
    assert canvas_pixels(page, 0, 0, WIDTH, HEIGHT) == rgba(rgb)


def test_a_second_console_window_takes_the_session_over(
    page: Page, browser: Browser, console_server: ServerProcess
):
    new_session(page)
    other = browser.new_context(base_url=console_server.url, viewport={"width": 1280, "height": 800})
    try:
        second = other.new_page()
        sign_in(second)
        second.goto(page.url)
        phase(second, "waiting")

        phase(page, "busy")
        expect(status(page)).to_have_text("This session is open in another console window or tab.")
        screenshot(page, "10-session-busy")
        page.get_by_role("button", name="Use it here").click()
        phase(page, "waiting")
        phase(second, "busy")
    finally:
        other.close()


def test_a_customer_whose_connection_drops_shows_as_reconnecting_until_it_resumes(
    page: Page, customer: ScriptedCustomer
):
    number = new_session(page)
    welcome = customer.join(number.replace(" ", ""))
    customer.grant_view()
    customer.send_screen_info([MONITOR])
    customer.send_frame(
        frame(1, WIDTH, HEIGHT, [zlib_tile(0, 0, WIDTH, HEIGHT, pattern_rgb(WIDTH, HEIGHT))], keyframe=True)
    )
    customer.wait_for(lambda m: m == FrameAck(seq=1))

    customer.drop()
    phase(page, "customer_reconnecting")
    expect(status(page)).to_have_text(re.compile("The customer's connection dropped"))
    screenshot(page, "30-customer-reconnecting")

    mark = customer.mark()
    customer.resume(welcome)
    customer.send_screen_info([MONITOR])
    rgb = pattern_rgb(WIDTH, HEIGHT, salt=3)
    customer.send_frame(frame(1, WIDTH, HEIGHT, [zlib_tile(0, 0, WIDTH, HEIGHT, rgb)], keyframe=True))
    phase(page, "viewing")
    customer.wait_for(lambda m: m == FrameAck(seq=1), since=mark)
    assert canvas_pixels(page, 0, 0, WIDTH, HEIGHT) == rgba(rgb)
