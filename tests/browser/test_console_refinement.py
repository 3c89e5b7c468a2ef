"""A photo on the customer's screen goes to the console as JPEG first; once it keeps still it is
sent again losslessly, and then the console's canvas equals the customer's screen pixel for pixel."""

import asyncio
import hashlib
import subprocess
import time
from collections.abc import Iterator

import mss
import numpy as np
import pytest
from PySide6.QtCore import Qt

from tests.browser.browser_thread import BrowserThread
from tests.browser.conftest import spki_sha256
from tests.browser.test_console_with_real_client import new_session, wait_for_phase
from tests.support.customer import consent_shown, start_customer, until
from tests.support.photo_window import photo_window

pytestmark = pytest.mark.browser

PHOTO = (700, 300, 320, 192)
"""x, y, width, height of the photo window: 15 tiles, all of them JPEG until refined."""
MATCH_WAIT_S = 3.0
ATTEMPTS = 10


@pytest.fixture
def photo() -> Iterator[subprocess.Popen[bytes]]:
    with photo_window(PHOTO) as window:
        yield window


def screen_rgb() -> np.ndarray:
    with mss.MSS() as screen:
        shot = screen.grab(screen.monitors[1])
        return np.frombuffer(shot.rgb, dtype=np.uint8).reshape(shot.height, shot.width, 3)


def screen_digest() -> str:
    """SHA-256 of the whole customer screen as R G B rows."""
    return hashlib.sha256(screen_rgb().tobytes()).hexdigest()


def canvas_tile_sums(page) -> np.ndarray:
    """Per 64x64 tile of the canvas, the sum of its R, G and B values (to say where it differs)."""
    sums = page.evaluate(
        """() => {
            const canvas = document.querySelector('canvas.screen-canvas:not([hidden])');
            const { width, height } = canvas;
            const rgba = canvas.getContext('2d').getImageData(0, 0, width, height).data;
            const cols = Math.ceil(width / 64), rows = Math.ceil(height / 64);
            const sums = new Array(rows * cols).fill(0);
            for (let y = 0; y < height; y += 1) {
              for (let x = 0; x < width; x += 1) {
                const i = (y * width + x) * 4;
                sums[Math.floor(y / 64) * cols + Math.floor(x / 64)] += rgba[i] + rgba[i + 1] + rgba[i + 2];
              }
            }
            return [rows, cols, sums];
        }"""
    )
    rows, cols, values = sums
    return np.array(values, dtype=np.int64).reshape(rows, cols)


def differing_tiles(canvas_sums: np.ndarray) -> list[tuple[int, int]]:
    rgb = screen_rgb().astype(np.int64)
    rows, cols = canvas_sums.shape
    padded = np.zeros((rows * 64, cols * 64, 3), dtype=np.int64)
    padded[: rgb.shape[0], : rgb.shape[1]] = rgb
    screen_sums = padded.reshape(rows, 64, cols, 64, 3).sum(axis=(1, 3, 4))
    return [(int(col) * 64, int(row) * 64) for row, col in np.argwhere(screen_sums != canvas_sums)]


CANVAS_DIGEST = """async () => {
    const canvas = document.querySelector('canvas.screen-canvas:not([hidden])');
    if (!canvas) return '';
    const rgba = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    const rgb = new Uint8Array(rgba.length / 4 * 3);
    for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
      rgb[j] = rgba[i]; rgb[j + 1] = rgba[i + 1]; rgb[j + 2] = rgba[i + 2];
    }
    const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', rgb));
    return Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('');
}"""
"""SHA-256 of the shown canvas as R G B rows, computed in the page."""


def wait_for_canvas_digest(digest: str):
    """Wait (at most `MATCH_WAIT_S`) until the canvas's R G B rows hash to `digest`; True if so."""

    def job(page) -> bool:
        deadline = time.monotonic() + MATCH_WAIT_S
        while time.monotonic() < deadline:
            if page.evaluate(CANVAS_DIGEST) == digest:
                return True
            page.wait_for_timeout(200)
        return False

    return job


def test_after_refinement_the_canvas_equals_the_customers_screen(loop, qtbot, console_server, photo):
    spki = spki_sha256("127.0.0.1", console_server.port)
    with BrowserThread(console_server.url, spki) as browser:
        number = browser.call(new_session)

        async def scenario():
            app = start_customer(console_server.ws_url, console_server.ca_path, qtbot, number)
            await until(lambda: consent_shown(app))
            qtbot.mouseClick(app.consent_dialog.allow_button, Qt.MouseButton.LeftButton)
            await asyncio.wrap_future(browser.submit(wait_for_phase("viewing")))
            matched = False
            for _ in range(ATTEMPTS):  # the screen is still, but a window may still be settling
                digest = screen_digest()
                if await asyncio.wrap_future(browser.submit(wait_for_canvas_digest(digest))):
                    matched = digest == screen_digest()
                    if matched:
                        break
            if not matched:
                sums = await asyncio.wrap_future(browser.submit(canvas_tile_sums))
                pytest.fail(f"the canvas differs from the screen in the tiles at {differing_tiles(sums)}")
            app.control_panel.end_button.click()
            await until(app.finished.is_set)
            await app.shutdown()

        loop.run_until_complete(scenario())
        assert browser.page_errors == []
