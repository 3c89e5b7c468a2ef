"""Everyday use of the console: German when the browser asks for it, a label for whom a session is
for, copying the number, a header that follows control, and a list that tells how each session ended."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from protocol.messages import Consent
from tests.browser.conftest import (
    ANNA_NAME,
    ANNA_ORG,
    ANNA_PASSWORD,
    ANNA_USER,
    open_console,
    screenshot,
    sign_in,
)
from tests.browser.console_page import join_and_grant, new_session, phase, untranslated
from tests.browser.customer import ScriptedCustomer
from tests.support.server_process import ServerProcess, add_expert

NUMBER_TTL_S = 6


@pytest.fixture(scope="module")
def console_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """This module's own server, whose numbers expire within seconds."""
    data_dir = tmp_path_factory.mktemp("everyday") / "data"
    add_expert(data_dir, ANNA_USER, ANNA_PASSWORD, ANNA_NAME, ANNA_ORG)
    with ServerProcess(data_dir, number_ttl=NUMBER_TTL_S) as server:
        yield server


@pytest.fixture
def german_page(browser: Browser, console_server: ServerProcess) -> Iterator[Page]:
    with open_console(browser, console_server, "de-DE", "Europe/Berlin") as page:
        yield page


def test_a_german_browser_gets_the_console_in_german_with_24_hour_times(german_page: Page, customer):
    page = german_page
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    page.get_by_label("Benutzername").fill(ANNA_USER)
    page.get_by_label("Passwort").fill(ANNA_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", name="Sitzungen", exact=True)).to_be_visible()
    page.get_by_label("Kunde oder Ticket (optional)").fill("Ticket 4711")
    page.get_by_role("button", name="Neue Sitzung").click()
    phase(page, "waiting")
    expect(page.get_by_text("Sitzungsnummer", exact=True)).to_be_visible()
    expect(page.locator(".session-label")).to_have_text("Ticket 4711")
    expect(page.get_by_role("button", name="Sitzung beenden")).to_be_visible()
    number = page.locator("#session-number").inner_text()
    customer.join(number.replace(" ", ""))
    customer.grant_view()
    phase(page, "viewing")
    expect(page.locator(".phase-badge")).to_have_text("Ansicht")
    expect(page.get_by_role("status").filter(has_text="Sie sehen den Bildschirm des Kunden.")).to_be_visible()
    customer.chat("Hallo")
    expect(page.locator(".chat-time").last).to_have_text(re.compile(r"^\d{2}:\d{2}$"))
    page.get_by_role("button", name="Sitzung beenden").click()
    expect(page.get_by_role("group", name="Sitzung für den Kunden beenden?")).to_be_visible()
    page.get_by_role("button", name="Jetzt beenden").click()
    expect(page.locator("#session-status")).to_have_text("Sie haben die Sitzung beendet.")
    screenshot(page, "30-german-session-ended")
    page.get_by_role("button", name="Alle Sitzungen").first.click()
    row = page.locator("tbody tr").first
    expect(row.locator("td").nth(4)).to_have_text("Von Ihnen beendet")
    expect(row.locator("td").nth(1)).to_have_text("Ticket 4711")
    expect(row.locator("td").nth(2)).to_have_text(re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4} \d{2}:\d{2}$"))
    expect(row.locator("td").nth(3)).to_have_text(re.compile(r"^\d+ (s|min)$"))
    screenshot(page, "31-german-session-list")
    assert untranslated(page) == []


def test_the_header_says_in_control_while_control_is_granted(page: Page, customer: ScriptedCustomer):
    number = new_session(page)
    join_and_grant(page, customer, number)
    badge = page.locator(".phase-badge")
    expect(badge).to_have_text("Viewing")
    page.get_by_role("button", name="Ask for control").click()
    customer.grant_control()
    expect(badge).to_have_text("In control")
    customer.revoke(2)
    expect(badge).to_have_text("Viewing")


def test_the_number_can_be_copied(page: Page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    number = new_session(page)
    page.get_by_role("button", name="Copy number").click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == number


def sessions_via_api(page: Page) -> list[dict[str, Any]]:
    """The list as `GET /api/sessions` gives it, fetched by the page with its own sign-in."""
    sessions: list[dict[str, Any]] = page.evaluate(
        """async () => {
          const { token } = JSON.parse(sessionStorage.getItem(sessionStorage.key(0)));
          const answer = await fetch('/api/sessions', { headers: { Authorization: `Bearer ${token}` } });
          return (await answer.json()).sessions;
        }"""
    )
    return sessions


def create_labelled(page: Page, label: str) -> str:
    """Create a session with `label` from the list, as the expert does; back to the list, its number."""
    page.get_by_label("Customer or ticket (optional)").fill(label)
    page.get_by_role("button", name="New session").click()
    phase(page, "waiting")
    expect(page.locator(".session-label")).to_have_text(label)
    number = page.locator("#session-number").inner_text().replace(" ", "")
    page.get_by_role("button", name="← All sessions").click()
    expect(page.get_by_role("heading", name="Sessions", exact=True)).to_be_visible()
    return number


def test_the_list_tells_a_declined_an_expired_and_a_normally_ended_session_apart(
    page: Page, console_server: ServerProcess
):
    sign_in(page)
    create_labelled(page, "expires unused")
    numbers = [create_labelled(page, "declines"), create_labelled(page, "ends normally")]
    url, ca = f"{console_server.ws_url}/ws/customer", console_server.ca_path.read_bytes()
    declining, ending = ScriptedCustomer(url, ca), ScriptedCustomer(url, ca)
    try:
        declining.join(numbers[0])
        declining.send(Consent(tier=1, granted=False))
        declining.end("consent_denied")
        ending.join(numbers[1])
        ending.grant_view()
        ending.end()
    finally:
        declining.stop()
        ending.stop()

    deadline = time.monotonic() + NUMBER_TTL_S + 10
    while not all(session["outcome"] for session in sessions_via_api(page)):
        assert time.monotonic() < deadline, "a session never got its outcome"
        page.wait_for_timeout(250)
    page.get_by_role("button", name="Refresh list").click()
    expected = {
        "expires unused": ("expired", "Number expired"),
        "declines": ("declined", "Declined by the customer"),
        "ends normally": ("ended_by_customer", "Ended by the customer"),
    }
    for label, (outcome, text) in expected.items():
        row = page.locator("tbody tr").filter(has=page.locator("td.label-cell", has_text=label))
        expect(row).to_have_attribute("data-outcome", outcome)
        expect(row.locator("td").nth(4)).to_have_text(text)
        expect(row.locator("td").nth(3)).to_have_text(re.compile(r"^\d+ s$"))
    screenshot(page, "32-session-list-outcomes")
