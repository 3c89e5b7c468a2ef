"""The expert console in chromium and the real customer client on Xvfb, through the real server:
create, join, allow, see the customer's actual screen, chat both ways, control, end."""

import asyncio
import re
import secrets
import subprocess

import mss
import pytest
from playwright.sync_api import Page, expect
from PySide6.QtCore import Qt

from client.core.notice import Notice
from client.core.organisation_key import parse_public_key
from tests.browser.browser_thread import BrowserThread
from tests.browser.conftest import sign_in, spki_sha256
from tests.browser.console_page import READABLE_NUMBER
from tests.support.customer import consent_shown, screen_pixel, start_customer, until, watermark_on_screen
from tests.support.desktop import ShellTerminal, move_pointer_as_setup

pytestmark = pytest.mark.browser

GREEN = (0, 200, 0)
PROBE = (260, 260)
"""A point inside the green xterm, in the customer's physical pixels."""


def new_session(page: Page) -> str:
    sign_in(page)
    page.get_by_role("button", name="New session").click()
    number = page.locator("#session-number")
    expect(number).to_have_text(re.compile(f"^{READABLE_NUMBER}$"))
    return number.inner_text()


def wait_for_phase(name: str):
    def job(page: Page) -> None:
        expect(page.locator(".session-view")).to_have_attribute("data-phase", name, timeout=20_000)

    return job


def wait_for_canvas_colour(x: int, y: int, rgb: tuple[int, int, int]):
    def job(page: Page) -> list[int]:
        handle = page.wait_for_function(
            """([x, y, r, g, b]) => {
                const canvas = document.querySelector('canvas.screen-canvas:not([hidden])');
                if (!canvas) return null;
                const [pr, pg, pb] = canvas.getContext('2d').getImageData(x, y, 1, 1).data;
                const close = Math.abs(pr - r) <= 8 && Math.abs(pg - g) <= 8 && Math.abs(pb - b) <= 8;
                return close ? [pr, pg, pb] : null;
            }""",
            arg=[x, y, *rgb],
            timeout=20_000,
        )
        return list(handle.json_value())

    return job


def wait_for_identity_code(code: str):
    def job(page: Page) -> None:
        expect(page.locator("#identity-code")).to_contain_text(f"Security code: {code} ")

    return job


def wait_for_receipt(page: Page) -> None:
    """The ended session's receipt, as the server keeps it, with the chat as plain text."""
    receipt = page.locator("#session-receipt")
    expect(receipt).to_be_visible(timeout=20_000)
    expect(receipt).to_contain_text("Viewing the screen")
    expect(receipt).to_contain_text("Ich sehe Ihren Bildschirm. <b>Gut</b>")
    expect(receipt).to_contain_text("Danke! <script>x()</script> Grüße")
    assert receipt.locator("b, script").count() == 0


def send_chat(text: str):
    def job(page: Page) -> None:
        field = page.get_by_label("Message to the customer")
        field.fill(text)
        field.press("Enter")

    return job


def wait_for_customer_chat(text: str):
    def job(page: Page) -> None:
        log = page.get_by_role("log", name="Chat messages")
        expect(log.locator(".chat-text").last).to_have_text(text, timeout=20_000)
        expect(log.locator(".chat-author").last).to_have_text("Customer")
        assert log.locator("img, script, b").count() == 0

    return job


def click_end(page: Page) -> None:
    page.get_by_role("button", name="End session").click()
    page.get_by_role("button", name="End now").click()
    expect(page.locator("#session-status")).to_have_text("Session ended by you.")


def wait_for_canvas_region(x: int, y: int, width: int, height: int, rgb: bytes):
    """Wait until the shown canvas holds exactly `rgb` (R G B rows) in that rectangle."""

    def job(page: Page) -> None:
        page.wait_for_function(
            """([x, y, w, h, want]) => {
                const canvas = document.querySelector('canvas.screen-canvas:not([hidden])');
                if (!canvas) return false;
                const rgba = canvas.getContext('2d').getImageData(x, y, w, h).data;
                let got = '';
                for (let i = 0; i < rgba.length; i += 4) {
                  for (let c = 0; c < 3; c += 1) got += rgba[i + c].toString(16).padStart(2, '0');
                }
                return got === want;
            }""",
            arg=[x, y, width, height, rgb.hex()],
            timeout=20_000,
        )

    return job


def screen_region(x: int, y: int, width: int, height: int) -> bytes:
    with mss.MSS() as screen:
        shot = screen.grab({"left": x, "top": y, "width": width, "height": height})
        return bytes(shot.rgb)


async def steady_screen_region(x: int, y: int, width: int, height: int) -> bytes:
    """The region once two grabs 50 ms apart agree (the terminal has finished drawing)."""
    last = b""
    async with asyncio.timeout(15):
        while (shot := screen_region(x, y, width, height)) != last:
            last = shot
            await asyncio.sleep(0.05)
    return shot


TEXT_REGION = (600, 200, 240, 130)
"""Inside the text terminal: lossless tiles (palette and zlib), so the console must match exactly."""


@pytest.fixture
def text_window():
    """A terminal showing a listing: text in a few colours."""
    xterm = subprocess.Popen(
        ["xterm", "-geometry", "44x12+590+190", "-e", "sh", "-c", "ls -l /usr/bin | head -40; exec sleep 600"]
    )
    try:
        yield xterm
    finally:
        xterm.terminate()
        xterm.wait()


@pytest.fixture
def green_window():
    """A window of known colour on the customer's screen."""
    xterm = subprocess.Popen(["xterm", "-geometry", "30x8+200+200", "-bg", "#00c800", "-fg", "#00c800"])
    try:
        yield xterm
    finally:
        xterm.terminate()
        xterm.wait()


def test_the_console_shows_the_real_customers_screen(loop, qtbot, console_server, green_window, text_window):
    spki = spki_sha256("127.0.0.1", console_server.port)
    with BrowserThread(console_server.url, spki) as browser:
        number = browser.call(new_session)

        async def scenario():
            await until(lambda: screen_pixel(*PROBE) == GREEN)
            key = parse_public_key(console_server.org_key)
            app = start_customer(
                console_server.ws_url, console_server.ca_path, qtbot, number, identity_key=key
            )
            await until(lambda: consent_shown(app))
            await asyncio.wrap_future(browser.submit(wait_for_phase("joined")))
            assert app.session.identity is not None and app.consent_dialog.identity_banner.verified
            await asyncio.wrap_future(browser.submit(wait_for_identity_code(app.session.identity.code)))
            qtbot.mouseClick(app.consent_dialog.allow_button, Qt.MouseButton.LeftButton)
            await asyncio.wrap_future(browser.submit(wait_for_phase("viewing")))
            drawn = await asyncio.wrap_future(browser.submit(wait_for_canvas_colour(*PROBE, GREEN)))
            assert drawn == list(GREEN)
            assert watermark_on_screen()
            text = await steady_screen_region(*TEXT_REGION)
            assert {0, 255} <= set(text), "the terminal shows dark text on white"
            await asyncio.wrap_future(browser.submit(wait_for_canvas_region(*TEXT_REGION, text)))

            await asyncio.wrap_future(browser.submit(send_chat("Ich sehe Ihren Bildschirm. <b>Gut</b>")))
            chat = app.control_panel.chat
            await until(lambda: "Ich sehe Ihren Bildschirm. <b>Gut</b>" in chat.text())
            assert chat.is_open, "the expert's message opens the chat by itself"
            chat.input.insert("Danke! <script>x()</script> Grüße")  # QTest cannot type ü or ß
            qtbot.keyClick(chat.input, Qt.Key.Key_Return)
            await asyncio.wrap_future(
                browser.submit(wait_for_customer_chat("Danke! <script>x()</script> Grüße"))
            )

            await asyncio.wrap_future(browser.submit(click_end))
            await until(lambda: app.notice_box is not None)
            assert app.final_notice is Notice.ENDED_BY_EXPERT
            await asyncio.wrap_future(browser.submit(wait_for_receipt))
            await until(lambda: not watermark_on_screen())
            app.notice_box.accept()
            await until(app.finished.is_set)
            await app.shutdown()

        loop.run_until_complete(scenario())
        assert browser.page_errors == []


def ask_for_control(page: Page) -> None:
    page.get_by_role("button", name="Ask for control").click()


def wait_for_control(page: Page) -> None:
    expect(page.locator(".control-state")).to_have_text("You have control", timeout=20_000)


def click_and_type(physical: tuple[int, int], text: str):
    """Click the customer's screen at a physical pixel, then type `text` and Enter on the keyboard."""

    def job(page: Page) -> None:
        canvas = page.locator("canvas.screen-canvas:not([hidden])")
        box = canvas.bounding_box()
        assert box is not None
        width, height = page.evaluate(
            "() => { const c = document.querySelector('canvas.screen-canvas:not([hidden])');"
            " return [c.width, c.height]; }"
        )
        x = box["x"] + (physical[0] + 0.5) * box["width"] / width
        y = box["y"] + (physical[1] + 0.5) * box["height"] / height
        page.mouse.click(x, y)
        page.keyboard.type(text)
        page.keyboard.press("Enter")

    return job


def test_the_expert_types_into_the_customers_terminal_from_the_console(loop, qtbot, console_server, tmp_path):
    spki = spki_sha256("127.0.0.1", console_server.port)
    secret = secrets.token_hex(4)
    with ShellTerminal(tmp_path) as shell, BrowserThread(console_server.url, spki) as browser:
        move_pointer_as_setup(5, 5)
        number = browser.call(new_session)

        async def on_browser(job):
            return await asyncio.wrap_future(browser.submit(job))

        async def scenario():
            app = start_customer(console_server.ws_url, console_server.ca_path, qtbot, number)
            await until(lambda: consent_shown(app))
            qtbot.mouseClick(app.consent_dialog.allow_button, Qt.MouseButton.LeftButton)
            await on_browser(wait_for_phase("viewing"))
            await on_browser(ask_for_control)
            await until(lambda: app.consent_dialog.tier == 2 and consent_shown(app))
            qtbot.mouseClick(app.consent_dialog.allow_button, Qt.MouseButton.LeftButton)
            await on_browser(wait_for_control)
            await on_browser(click_and_type(shell.inside, f"echo 'Grüße äöüß€@ {secret}' > out.txt"))
            out = shell.directory / "out.txt"
            await until(lambda: out.exists() and out.read_text(encoding="utf-8").endswith("\n"))
            assert out.read_text(encoding="utf-8") == f"Grüße äöüß€@ {secret}\n"

            app.control_panel.end_button.click()
            await until(app.finished.is_set)
            await app.shutdown()

        loop.run_until_complete(scenario())
        assert browser.page_errors == []
