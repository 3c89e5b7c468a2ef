"""Administrator rights from the console to the real client and back: the expert asks in
chromium, the customer allows in the client's dialogs, the helper runs as root (through
`sudo -n`, pkexec's stand-in), and the command's output appears in the console."""

import asyncio

import pytest
from playwright.sync_api import Page, expect
from PySide6.QtCore import Qt

from tests.browser.browser_thread import BrowserThread
from tests.browser.conftest import spki_sha256
from tests.browser.test_console_with_real_client import (
    ask_for_control,
    new_session,
    wait_for_control,
    wait_for_phase,
)
from tests.e2e.test_admin_rights import ROOT_LAUNCHER
from tests.support.customer import consent_shown, start_customer, until
from tests.support.desktop import move_pointer_as_setup

pytestmark = pytest.mark.browser


def ask_for_admin(page: Page) -> None:
    panel = page.get_by_role("region", name="Administrator rights")
    expect(panel).to_be_visible()
    panel.get_by_role("button", name="Ask for admin rights").click()


def wait_for_admin(page: Page) -> None:
    expect(page.locator(".admin-state")).to_have_text("You have administrator rights.", timeout=30_000)
    expect(page.get_by_role("list", name="Permissions")).to_contain_text("Admin rights: Granted")


def run_command(command: str):
    def job(page: Page) -> str:
        page.get_by_label("Command line", exact=True).fill(command)
        page.get_by_role("button", name="Run as administrator").click()
        log = page.get_by_role("log", name="Administrator command output")
        expect(log).to_contain_text("[exit status 0]", timeout=20_000)
        return log.inner_text()

    return job


def give_admin_back(page: Page) -> None:
    page.get_by_role("button", name="Give admin rights back").click()
    expect(page.locator(".admin-state")).to_have_text("Administrator rights ended.", timeout=20_000)
    expect(page.get_by_role("list", name="Permissions")).to_contain_text("Control: Granted")


def test_the_expert_runs_a_command_as_administrator_from_the_console(loop, qtbot, console_server):
    spki = spki_sha256("127.0.0.1", console_server.port)
    with BrowserThread(console_server.url, spki) as browser:
        move_pointer_as_setup(5, 5)
        number = browser.call(new_session)

        async def on_browser(job):
            return await asyncio.wrap_future(browser.submit(job))

        async def scenario():
            app = start_customer(
                console_server.ws_url, console_server.ca_path, qtbot, number, elevation_launcher=ROOT_LAUNCHER
            )
            await until(lambda: consent_shown(app))
            qtbot.mouseClick(app.consent_dialog.allow_button, Qt.MouseButton.LeftButton)
            await on_browser(wait_for_phase("viewing"))
            await on_browser(ask_for_control)
            await until(lambda: app.consent_dialog.tier == 2 and consent_shown(app))
            qtbot.mouseClick(app.consent_dialog.allow_button, Qt.MouseButton.LeftButton)
            await on_browser(wait_for_control)

            await on_browser(ask_for_admin)
            await until(lambda: app.consent_dialog.tier == 3 and consent_shown(app))
            qtbot.mouseClick(app.consent_dialog.allow_button, Qt.MouseButton.LeftButton)
            await on_browser(wait_for_admin)
            shown = await on_browser(run_command("id -u; echo 'fertig <b>ok</b>'"))
            assert "$ id -u; echo 'fertig <b>ok</b>'\n0\nfertig <b>ok</b>\n[exit status 0]" in shown
            assert "$ id -u; echo 'fertig <b>ok</b>'" in app.control_panel.admin.text()

            await on_browser(give_admin_back)
            assert app.session.granted == 2
            app.control_panel.end_button.click()
            await until(app.finished.is_set)
            await app.shutdown()

        loop.run_until_complete(scenario())
        assert browser.page_errors == []
