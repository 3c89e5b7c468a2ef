"""Takes the README's screenshots from the real programs: run it through scripts/screenshots.sh.

The customer's windows are the real widgets in the states the layout test checks
(tests/support/window_gallery.py). The console and the customer's desktop come from a real
session: the real server, the expert console in Debian's chromium, and the real client on this
X server, allowed to show its screen the way a customer would click it.
"""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import mss  # noqa: E402 (after the path: the project's modules are imported from the checkout)
import qasync  # noqa: E402
from playwright.sync_api import Page, expect  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from client.app import CustomerApp  # noqa: E402
from client.config import ClientConfig  # noqa: E402
from client.transport import ServerTrust  # noqa: E402
from client.ui.style import apply_style  # noqa: E402
from tests.browser.browser_thread import BrowserThread  # noqa: E402
from tests.browser.conftest import sign_in, spki_sha256  # noqa: E402
from tests.support.customer import until  # noqa: E402
from tests.support.fixtures import ANNA  # noqa: E402
from tests.support.server_process import ServerProcess, add_expert  # noqa: E402
from tests.support.window_gallery import ORGANISATION, language, save_png, show  # noqa: E402

OUT = REPO / "docs" / "screenshots"
WINDOWS = {
    "en": ("number-dialog", "number-dialog-wrong-number", "consent-view", "consent-control",
           "control-panel-control-chat", "notice-connection-lost"),
    "de": ("number-dialog", "consent-view"),
}
DESKTOP_SCALE = 0.5
WATERMARK_CROP = (760, 110)
"""The top-right corner of the customer's screen, in physical pixels."""


def customer_windows() -> None:
    for code, names in WINDOWS.items():
        with language(code):
            for name in names:
                window = show(name)
                QTest.qWait(100)
                save_png(window, OUT / f"{name}-{code}.png")
                window.close()


def new_session(page: Page) -> str:
    sign_in(page)
    page.get_by_role("button", name="New session").click()
    number = page.locator("#session-number")
    expect(number).to_have_text(re.compile(r"^\d{3} \d{3} \d{3}$"))
    return number.inner_text()


def wait_viewing(page: Page) -> None:
    expect(page.locator(".session-view")).to_have_attribute("data-phase", "viewing", timeout=20_000)
    page.wait_for_function(
        "() => { const c = document.querySelector('canvas.screen-canvas:not([hidden])');"
        " return c && c.width > 0; }",
        timeout=20_000,
    )
    page.wait_for_timeout(1500)  # let the first frames settle on the canvas before the picture


def console_and_desktop(loop: qasync.QEventLoop) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = Path(scratch) / "data"
        add_expert(data_dir, ANNA.username, ANNA.password, ANNA.name, ANNA.organisation)
        with ServerProcess(data_dir) as server, BrowserThread(
            server.url, spki_sha256("127.0.0.1", server.port)
        ) as browser:
            number = browser.call(new_session)
            config = ClientConfig(
                ORGANISATION.name, ServerTrust(server.ws_url, server.ca_path.read_bytes()),
                ORGANISATION.support_phone, ORGANISATION.logo,
            )
            app = CustomerApp(config)

            async def session() -> None:
                app.start()
                QTest.keyClicks(app.number_dialog.number_edit, number)
                QTest.mouseClick(app.number_dialog.connect_button, Qt.MouseButton.LeftButton)
                await until(lambda: app.consent_dialog is not None and app.consent_dialog.isVisible())
                assert app.consent_dialog is not None
                QTest.mouseClick(app.consent_dialog.allow_button, Qt.MouseButton.LeftButton)
                await asyncio.wrap_future(browser.submit(wait_viewing))
                await asyncio.wrap_future(
                    browser.submit(lambda page: page.screenshot(path=str(OUT / "console.png")))
                )
                with mss.MSS() as screen:
                    shot = screen.grab(screen.monitors[1])
                image = QImage(shot.rgb, shot.width, shot.height, shot.width * 3, QImage.Format.Format_RGB888)
                small = image.scaledToWidth(
                    round(shot.width * DESKTOP_SCALE), Qt.TransformationMode.SmoothTransformation
                )
                small.save(str(OUT / "customer-desktop.png"))
                corner = image.copy(shot.width - WATERMARK_CROP[0], 0, *WATERMARK_CROP)
                corner.save(str(OUT / "watermark.png"))
                assert app.control_panel is not None
                QTest.mouseClick(app.control_panel.end_button, Qt.MouseButton.LeftButton)
                await app.finished.wait()
                await app.shutdown()

            loop.run_until_complete(session())


def main() -> int:
    # Something on the customer's screen, as there would be on theirs.
    terminal = subprocess.Popen(
        ["xterm", "-geometry", "90x24+120+120", "-fa", "DejaVu Sans Mono", "-fs", "12", "-e",
         "printf 'Kundenrechner von Frau Schmidt\\n\\nDrucker: HP LaserJet (offline)\\n'; sleep 600"],
    )
    try:
        return _take_all()
    finally:
        terminal.terminate()
        terminal.wait()


def _take_all() -> int:
    qt_app = QApplication(sys.argv[:1])
    qt_app.setQuitOnLastWindowClosed(False)
    apply_style(qt_app)
    OUT.mkdir(parents=True, exist_ok=True)
    customer_windows()
    loop = qasync.QEventLoop(qt_app)
    asyncio.set_event_loop(loop)
    with loop:
        console_and_desktop(loop)
    for path in sorted(OUT.glob("*.png")):
        print(path.relative_to(REPO))
    return 0


if __name__ == "__main__":
    sys.exit(main())
