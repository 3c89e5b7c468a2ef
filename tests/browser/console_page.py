"""Steps on the console's pages that several browser test modules share."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import ANNA_NAME, ANNA_ORG, sign_in
from tests.browser.customer import ScriptedCustomer

READABLE_NUMBER = r"\d{3} \d{3} (\d{3,4}|\d{3} \d{2,3})"
"""A session number of 9 to 12 digits in groups of three, a lone last digit joined to the one before."""


def new_session(page: Page) -> str:
    """Sign in, press "New session"; returns the number as the console shows it."""
    sign_in(page)
    page.get_by_role("button", name="New session").click()
    view = page.locator(".session-view")
    expect(view).to_have_attribute("data-phase", "waiting")
    number = page.locator("#session-number")
    expect(number).to_have_text(re.compile(f"^{READABLE_NUMBER}$"))
    return number.inner_text()


def phase(page: Page, name: str) -> None:
    expect(page.locator(".session-view")).to_have_attribute("data-phase", name)


def status(page: Page) -> Locator:
    return page.locator("#session-status")


def join_and_grant(page: Page, customer: ScriptedCustomer, number: str) -> None:
    welcome = customer.join(number.replace(" ", ""), client="Fernhilfe-Test/1.0")
    assert (welcome.expert.name, welcome.expert.organisation) == (ANNA_NAME, ANNA_ORG)
    phase(page, "joined")
    expect(status(page)).to_have_text(re.compile("Customer joined. Asking them for consent"))
    customer.grant_view()
    phase(page, "viewing")
    expect(status(page)).to_have_text("Viewing the customer's screen.")


def untranslated(page: Page) -> list[str]:
    """The English texts the page asked for that its language's catalog lacks."""
    texts: list[str] = page.evaluate("async () => [...(await import('/js/i18n.js')).untranslated]")
    return texts
