"""The expert finds the receipt of an ended session in the console: right after the end, again
from the sessions list after the server restarted, and a plain notice once the retention purge
destroyed the recording (with it, the receipt)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ANNA_NAME, ANNA_ORG, ANNA_PASSWORD, ANNA_USER, open_console, sign_in
from tests.browser.console_page import join_and_grant, new_session, phase, status, untranslated
from tests.browser.customer import ScriptedCustomer
from tests.support.server_process import REPO_ROOT, ServerProcess

pytestmark = pytest.mark.browser


def open_from_the_list(page: Page, number: str) -> None:
    sign_in(page)
    row = page.locator("tbody tr").filter(has_text=number)
    row.get_by_role("button", name=f"Details of session {number}").click()
    phase(page, "ended")


def open_in_german(page: Page, number: str) -> None:
    page.goto("/")
    page.get_by_label("Benutzername").fill(ANNA_USER)
    page.get_by_label("Passwort").fill(ANNA_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    row = page.locator("tbody tr").filter(has_text=number)
    row.get_by_role("button", name=f"Details der Sitzung {number}").click()
    phase(page, "ended")


def purge_everything(server: ServerProcess) -> None:
    """What the hourly purge does once the retention time is over, with the server stopped."""
    command = [
        sys.executable,
        "-m",
        "server",
        "purge",
        "--data-dir",
        str(server.data_dir),
        "--retention-days",
        "0",
    ]
    subprocess.run(command, cwd=REPO_ROOT, capture_output=True, check=True)


def test_the_receipt_outlives_a_restart_and_goes_with_the_recording(
    browser, console_server: ServerProcess, page: Page, customer: ScriptedCustomer
):
    number = new_session(page)
    join_and_grant(page, customer, number)
    customer.chat("Vielen Dank für die Hilfe!")
    customer.end()
    expect(status(page)).to_have_text("Session ended by the customer.")
    receipt = page.locator("#session-receipt")
    expect(receipt).to_contain_text("Vielen Dank für die Hilfe!", timeout=20_000)
    expect(receipt).to_contain_text(f"Verified for the customer: {ANNA_ORG}, staff ID anna.")
    expect(receipt).to_contain_text("The recording is deleted on")

    console_server.restart()
    with open_console(browser, console_server) as later:
        open_from_the_list(later, number)
        kept = later.locator("#session-receipt")
        expect(kept).to_contain_text("Vielen Dank für die Hilfe!", timeout=20_000)
        expect(kept).to_contain_text(ANNA_NAME)
        expect(kept.locator("table").first).to_contain_text("Viewing the screen")
    with open_console(browser, console_server, "de-DE", "Europe/Berlin") as german:
        open_in_german(german, number)
        beleg = german.locator("#session-receipt")
        expect(beleg).to_contain_text(f"Für den Kunden bestätigt: {ANNA_ORG}, Mitarbeiterkennung anna.")
        expect(beleg).to_contain_text("Bildschirm ansehen")
        expect(beleg).to_contain_text("Die Aufzeichnung wird am")
        assert untranslated(german) == []

    console_server.stop()
    purge_everything(console_server)
    console_server.start()
    with open_console(browser, console_server) as after_purge:
        open_from_the_list(after_purge, number)
        gone = after_purge.locator("#session-receipt")
        expect(gone).to_contain_text("No receipt: this session has no recording", timeout=20_000)
        expect(gone).not_to_contain_text("Vielen Dank")
    with open_console(browser, console_server, "de-DE") as german:
        open_in_german(german, number)
        expect(german.locator("#session-receipt")).to_contain_text("Kein Sitzungsbeleg", timeout=20_000)
        assert untranslated(german) == []
