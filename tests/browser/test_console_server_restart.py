"""The support server restarts (SIGTERM, then a new start) while the console in chromium shows the
real customer's screen: the console says the server is restarting, attaches again on its own and
shows the screen again once the customer's client has resumed."""

import asyncio

import pytest
from playwright.sync_api import Page, expect
from PySide6.QtCore import Qt

from client.core.notice import Notice
from client.core.phase import Phase
from tests.browser.browser_thread import BrowserThread
from tests.browser.conftest import spki_sha256
from tests.browser.test_console_with_real_client import click_end, new_session, wait_for_phase
from tests.support.customer import consent_shown, start_customer, until

pytestmark = pytest.mark.browser


def says_restarting(page: Page) -> None:
    expect(page.locator("#session-status")).to_contain_text("The support server is restarting")


def still_says_restarting_after_a_failed_attempt(page: Page) -> None:
    """The first attempt comes after 1 s and finds no server: the console goes on saying why."""
    expect(page.locator("#session-status")).to_contain_text("Reconnecting in 2 s", timeout=20_000)
    expect(page.locator(".session-view")).to_have_attribute("data-phase", "restarting")
    expect(page.locator("#session-status")).to_contain_text("The support server is restarting")


def test_the_console_comes_back_by_itself_after_a_server_restart(loop, qtbot, console_server):
    spki = spki_sha256("127.0.0.1", console_server.port)
    with BrowserThread(console_server.url, spki) as browser:
        number = browser.call(new_session)

        async def scenario():
            app = start_customer(console_server.ws_url, console_server.ca_path, qtbot, number)
            await until(lambda: consent_shown(app))
            qtbot.mouseClick(app.consent_dialog.allow_button, Qt.MouseButton.LeftButton)
            await asyncio.wrap_future(browser.submit(wait_for_phase("viewing")))

            await asyncio.to_thread(console_server.stop)
            await asyncio.wrap_future(browser.submit(wait_for_phase("restarting")))
            await asyncio.wrap_future(browser.submit(says_restarting))
            await asyncio.wrap_future(browser.submit(still_says_restarting_after_a_failed_attempt))
            await asyncio.to_thread(console_server.start)
            # The console may attach before the customer resumed (it shows the session, then
            # that the customer reconnects): the session goes on once the customer is back.
            await until(lambda: app.session.phase is Phase.SHARING, timeout=30)
            await asyncio.wrap_future(browser.submit(wait_for_phase("viewing")))

            await asyncio.wrap_future(browser.submit(click_end))
            await until(lambda: app.notice_box is not None)
            assert app.final_notice is Notice.ENDED_BY_EXPERT
            app.notice_box.accept()
            await until(app.finished.is_set)
            await app.shutdown()

        loop.run_until_complete(scenario())
        assert browser.page_errors == []
