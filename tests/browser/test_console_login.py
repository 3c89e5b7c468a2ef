"""Signing in and out of the expert console in chromium, against the real server."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import Page, Route, expect

from tests.browser.conftest import (
    ANNA_NAME,
    ANNA_ORG,
    ANNA_PASSWORD,
    ANNA_USER,
    MALLORY_NAME,
    MALLORY_ORG,
    MALLORY_PASSWORD,
    MALLORY_USER,
    screenshot,
    sign_in,
)
from tests.support.server_process import ServerProcess, ssl_context

pytestmark = pytest.mark.browser

TOKEN_KEY = "fernhilfe.console.auth"


def stored_token(page: Page) -> str | None:
    token = page.evaluate(f"() => JSON.parse(sessionStorage.getItem({TOKEN_KEY!r}) ?? 'null')?.token ?? null")
    assert token is None or isinstance(token, str)
    return token


def test_wrong_password_is_explained_and_the_right_one_shows_the_sessions(page: Page):
    page.goto("/")
    expect(page).to_have_title(re.compile("Sign in"))
    expect(page.get_by_label("Username")).to_be_focused()
    screenshot(page, "01-login")

    page.get_by_label("Username").fill(ANNA_USER)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text("Wrong username or password.")
    expect(page.get_by_label("Password")).to_have_value("")
    expect(page.get_by_label("Password")).to_be_focused()
    assert stored_token(page) is None
    screenshot(page, "02-login-wrong-password")

    page.get_by_label("Password").fill(ANNA_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Sessions", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="New session")).to_be_visible()
    expect(page.locator("header .who-name")).to_have_text(ANNA_NAME)
    expect(page.locator("header .who-org")).to_have_text(ANNA_ORG)
    assert stored_token(page)


def test_a_reload_stays_signed_in_and_sign_out_voids_the_token(page: Page, console_server: ServerProcess):
    sign_in(page)
    token = stored_token(page)
    assert token
    page.reload()
    expect(page.get_by_role("heading", name="Sessions", exact=True)).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="You have signed out.")).to_be_visible()
    assert stored_token(page) is None
    with httpx.Client(base_url=console_server.url, verify=ssl_context(console_server.ca_path)) as client:
        answer = client.get("/api/me", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 401


def test_an_expired_token_leads_back_to_sign_in_with_a_notice(page: Page):
    page.goto("/")
    page.evaluate(
        f"""() => sessionStorage.setItem({TOKEN_KEY!r}, JSON.stringify({{
            token: 'no-such-token', expert: {{name: 'Someone', organisation: ''}}, expiresAt: null }}))"""
    )
    page.reload()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="sign-in has expired")).to_be_visible()


def test_an_unreachable_server_is_explained(page: Page):
    page.goto("/")

    def refuse(route: Route) -> None:
        route.abort("connectionrefused")

    page.route("**/api/login", refuse)
    page.get_by_label("Username").fill(ANNA_USER)
    page.get_by_label("Password").fill(ANNA_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text(re.compile("support server cannot be reached"))
    expect(page.get_by_role("button", name="Sign in")).to_be_enabled()


def test_html_in_the_experts_name_and_organisation_is_shown_as_text(page: Page):
    sign_in(page, MALLORY_USER, MALLORY_PASSWORD)
    expect(page.locator("header .who-name")).to_have_text(MALLORY_NAME)
    expect(page.locator("header .who-org")).to_have_text(MALLORY_ORG)
    assert page.locator("header img, header script, header b").count() == 0
    assert page.evaluate("() => window.__pwned") is None
    page.reload()
    expect(page.locator("header .who-name")).to_have_text(MALLORY_NAME)
    assert page.evaluate("() => window.__pwned") is None


# Keep this test last in the module: it leaves 127.0.0.1 rate limited for a minute.
def test_the_real_rate_limit_is_explained_with_the_wait(page: Page):
    page.goto("/")
    page.get_by_label("Username").fill(ANNA_USER)
    alert = page.get_by_role("alert")
    button = page.locator("form button[type=submit]")
    for _ in range(7):
        page.get_by_label("Password").fill("still not the password")
        button.click()
        expect(button).not_to_have_text(re.compile("Signing in"))  # while the request is out
        expect(alert).to_have_text(re.compile("Wrong username or password|Too many sign-in attempts"))
        if "Too many" in (alert.text_content() or ""):
            break
    text = alert.text_content() or ""
    match = re.fullmatch(r"Too many sign-in attempts\. Please wait (\d+) seconds? and try again\.", text)
    assert match, text
    assert 1 <= int(match[1]) <= 60
    expect(button).to_be_disabled()
    expect(button).to_have_text(re.compile(r"^Try again in \d+ s$"))
    screenshot(page, "03-login-rate-limited")
