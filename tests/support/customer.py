"""Running the real customer client inside a test: a qasync loop, waits, and what the screen shows."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Iterator
from pathlib import Path

import mss
import numpy as np
import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from client.app import CustomerApp
from client.config import ClientConfig
from client.core.caller_check import CallerCheck
from client.core.watermark_state import WatermarkState
from client.platform.capture import open_screen_capture
from client.platform.elevate import DEFAULT_LAUNCHER
from client.platform.install import Origin
from client.transport import ServerTrust
from client.ui.closing_message import DEFAULT_CLOSE_AFTER_S
from client.ui.watermark import BACKGROUND, RIGHT_MARGIN, TOP_OFFSET, Watermark

_STARTED: list[CustomerApp] = []
"""The clients `start_customer` started during the current test."""

WATERMARK_RGB = (BACKGROUND.red(), BACKGROUND.green(), BACKGROUND.blue())


@pytest.fixture
def loop(qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    """The Qt + asyncio loop the client runs on, as in `client.__main__`."""
    qapp.setQuitOnLastWindowClosed(False)
    event_loop = qasync.QEventLoop(qapp, already_running=False)
    asyncio.set_event_loop(event_loop)
    yield event_loop
    # A test that failed half-way leaves its client running: its key grab and its watermark must
    # not outlive it, or every later test finds Ctrl+Alt+End taken and a watermark on the screen.
    # Its clock must stop too, or it goes on reconnecting to a server that is gone.
    while _STARTED:
        app = _STARTED.pop()
        if not app.finished.is_set():
            event_loop.run_until_complete(app.shutdown())
        app.stop_shortcut.stop()
        if app.watermarks is not None:
            app.watermarks.hide()
    event_loop.close()
    asyncio.set_event_loop(None)
    # Widgets of this test that sit in reference cycles must die here, on the GUI thread: a
    # collection that happens to run on a worker thread later would destroy them there.
    gc.collect()


async def until(condition: Callable[[], object], timeout: float = 15.0) -> None:
    """Wait until `condition()` is true, while the loop keeps running."""
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.01)


def watermark_point() -> tuple[int, int]:
    """A pixel inside the watermark of the first screen, in physical pixels."""
    with mss.MSS() as screen:
        width = screen.monitors[1]["width"]
    return width - RIGHT_MARGIN - 6, TOP_OFFSET + 6


def screen_pixel(x: int, y: int) -> tuple[int, int, int]:
    with mss.MSS() as screen:
        shot = screen.grab(screen.monitors[1])
        red, green, blue = shot.pixel(x, y)
        return red, green, blue


def watermark_on_screen() -> bool:
    return screen_pixel(*watermark_point()) == WATERMARK_RGB


def watermark_shows(state: WatermarkState) -> bool:
    """Whether every screen shows exactly the watermark of `state`: what X displays there, read
    back with mss, equals a fresh watermark of that state rendered on its own."""
    for screen in QGuiApplication.screens():
        reference = Watermark(screen, state)
        try:
            expected = reference.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
            frame = reference.geometry()
        finally:
            reference.deleteLater()
        width, height = frame.width(), frame.height()
        rows = np.frombuffer(expected.constBits(), np.uint8).reshape(height, expected.bytesPerLine() // 4, 4)
        with mss.MSS() as capture:
            shot = capture.grab({"left": frame.x(), "top": frame.y(), "width": width, "height": height})
        seen = np.frombuffer(shot.bgra, np.uint8).reshape(height, width, 4)
        if not np.array_equal(seen[:, :, :3], rows[:, :width, :3]):
            return False
    return True


def start_customer(
    url: str,
    ca_path: Path,
    qtbot: QtBot,
    number: str,
    consent_timeout_s: float = 120.0,
    *,
    identity_key: bytes | None = None,
    caller_check: CallerCheck | None = None,
    receipt_dir: Path | None = None,
    elevation_launcher: tuple[str, ...] = DEFAULT_LAUNCHER,
    closing_message_s: float = DEFAULT_CLOSE_AFTER_S,
    origin: Origin = Origin.SOURCE,
) -> CustomerApp:
    """Start the client as the customer would and type `number` into it; with `identity_key` it
    is a client built for that organisation."""
    config = ClientConfig(
        "Beispiel GmbH",
        ServerTrust(url, ca_path.read_bytes()),
        caller_check.phone if caller_check is not None else "",
        identity_key=identity_key,
        caller_check=caller_check,
        elevation_launcher=elevation_launcher,
    )
    app = CustomerApp(
        config,
        capture_factory=open_screen_capture,
        consent_timeout_s=consent_timeout_s,
        closing_message_s=closing_message_s,
        receipt_dir=receipt_dir,
        origin=origin,
    )
    started(app)
    qtbot.keyClicks(app.number_dialog.number_edit, number)
    qtbot.mouseClick(app.number_dialog.connect_button, Qt.MouseButton.LeftButton)
    return app


def started(app: CustomerApp) -> CustomerApp:
    """Start `app`; the `loop` fixture releases it after the test, however the test ended."""
    _STARTED.append(app)
    app.start()
    return app


def consent_shown(app: CustomerApp) -> bool:
    return app.consent_dialog is not None and app.consent_dialog.isVisible()
