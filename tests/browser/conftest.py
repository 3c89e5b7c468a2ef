"""Fixtures of the browser suite: the real server, Debian's chromium trusting only its key, pages.

One server and one chromium per test module (the machine is small): chromium is started with
`--ignore-certificate-errors-spki-list` naming the SHA-256 of the server certificate's public
key, so TLS stays fully checked and exactly that one key is accepted; `ignore_https_errors`
stays False. That is why the server here is module-scoped rather than the function-scoped
`server` fixture of tests/support/fixtures.py: every new data directory means a new server key,
and the key has to be known when chromium starts. The expert is the same `ANNA`.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.browser.customer import ScriptedCustomer
from tests.support.fixtures import ANNA
from tests.support.server_process import ServerProcess, add_expert

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

ANNA_USER = ANNA.username
ANNA_PASSWORD = ANNA.password
ANNA_NAME = ANNA.name
ANNA_ORG = ANNA.organisation

# An expert whose name and organisation are markup: the console must show them as text.
MALLORY_USER = "mallory"
MALLORY_PASSWORD = "mallory's long password"
MALLORY_NAME = '<img src=x onerror="window.__pwned = 1">'
MALLORY_ORG = "<script>window.__pwned = 2</script><b>Evil</b> & Co"

expect.set_options(timeout=10_000)


def spki_sha256(host: str, port: int) -> str:
    """Base64 SHA-256 of the SubjectPublicKeyInfo of the certificate the server presents."""
    pem = ssl.get_server_certificate((host, port))
    certificate = x509.load_pem_x509_certificate(pem.encode("ascii"))
    spki = certificate.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return base64.b64encode(hashlib.sha256(spki).digest()).decode("ascii")


@pytest.fixture(scope="module")
def console_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    data_dir = tmp_path_factory.mktemp("console") / "data"
    add_expert(data_dir, ANNA_USER, ANNA_PASSWORD, ANNA_NAME, ANNA_ORG)
    add_expert(data_dir, MALLORY_USER, MALLORY_PASSWORD, MALLORY_NAME, MALLORY_ORG)
    with ServerProcess(data_dir) as server:
        yield server


@pytest.fixture(scope="module")
def browser(console_server: ServerProcess) -> Iterator[Browser]:
    spki = spki_sha256("127.0.0.1", console_server.port)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, f"--ignore-certificate-errors-spki-list={spki}"]
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Browser, console_server: ServerProcess) -> Iterator[Page]:
    """A fresh browser context (own sessionStorage) on the console; fails the test on a page error."""
    with open_console(browser, console_server) as opened:
        yield opened


@contextlib.contextmanager
def open_console(
    browser: Browser, console_server: ServerProcess, locale: str = "en-US", timezone: str | None = None
) -> Iterator[Page]:
    """A page in a fresh browser context whose browser prefers `locale`; fails on a page error."""
    context = browser.new_context(
        base_url=console_server.url,
        viewport={"width": 1280, "height": 800},
        ignore_https_errors=False,
        locale=locale,
        timezone_id=timezone,
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield page
    finally:
        context.close()
    assert errors == [], f"JavaScript errors on the page: {errors}"


@pytest.fixture
def customer(console_server: ServerProcess) -> Iterator[ScriptedCustomer]:
    scripted = ScriptedCustomer(f"{console_server.ws_url}/ws/customer", console_server.ca_path.read_bytes())
    try:
        yield scripted
    finally:
        scripted.stop()


def sign_in(page: Page, username: str = ANNA_USER, password: str = ANNA_PASSWORD) -> None:
    """Open the console and sign in; returns once the sessions list is shown."""
    page.goto("/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Sessions", exact=True)).to_be_visible()


def screenshot(page: Page, name: str) -> None:
    """Save a screenshot when CONSOLE_SCREENSHOT_DIR is set (to look at the console's design)."""
    folder = os.environ.get("CONSOLE_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))
