"""The real client in a process of its own, for a test whose customer sits at another X display.

It runs `CustomerApp` as `client.__main__` does (QApplication, style, qasync), then does what the
customer would: types the number, presses Connect, presses Allow in each consent dialog for the
tiers given, and reads the final notice (OK). Clicks go through QTest into the real widgets, as the
in-process tests do with qtbot. Run it as

    python -m tests.support.customer_process URL CA_FILE NUMBER [--allow 1]

It prints `watermarks <JSON>` (each watermark's geometry in Qt logical coordinates and its
screen's name) once they are all exposed, and exits when the run is over. A test starts it with
`customer_in_process`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import subprocess
import sys
from collections.abc import AsyncIterator, Mapping
from pathlib import Path

import qasync
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from client.__main__ import use_qt_platform
from client.app import CustomerApp
from client.config import ClientConfig
from client.transport import ServerTrust
from client.ui.style import apply_style

TIMEOUT_S = 60.0
REPO_ROOT = Path(__file__).resolve().parents[2]


@contextlib.asynccontextmanager
async def customer_in_process(
    url: str, ca: Path, number: str, env: Mapping[str, str], allow: tuple[int, ...] = (1,)
) -> AsyncIterator[asyncio.subprocess.Process]:
    """This module run as the customer, with its output piped; killed if still running at the end."""
    allowed = [f"--allow={tier}" for tier in allow]
    client = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.support.customer_process", url, str(ca), number, *allowed,
        cwd=REPO_ROOT, env=dict(env), stdout=subprocess.PIPE,
    )  # fmt: skip
    try:
        yield client
    finally:
        if client.returncode is None:
            client.kill()
            await client.wait()


async def act_as_customer(app: CustomerApp, number: str, allow: set[int]) -> None:
    app.start()
    QTest.keyClicks(app.number_dialog.number_edit, number)
    QTest.mouseClick(app.number_dialog.connect_button, Qt.MouseButton.LeftButton)
    reported = False
    answered: set[int] = set()
    while not app.finished.is_set():
        dialog = app.consent_dialog
        if dialog is not None and dialog.isVisible() and dialog.tier not in answered:
            answered.add(dialog.tier)
            button = dialog.allow_button if dialog.tier in allow else dialog.deny_button
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        if not reported and app.watermarks is not None and app.watermarks.all_exposed():
            reported = True
            marks = [
                {
                    "screen": mark.screen().name(),
                    "x": mark.x(),
                    "y": mark.y(),
                    "width": mark.width(),
                    "height": mark.height(),
                }
                for mark in app.watermarks.marks
            ]
            print("watermarks", json.dumps(marks), flush=True)
        if app.notice_box is not None and app.notice_box.isVisible():
            QTest.mouseClick(app.notice_box.ok_button, Qt.MouseButton.LeftButton)
        await asyncio.sleep(0.02)
    await app.shutdown()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("ca", type=Path)
    parser.add_argument("number")
    parser.add_argument("--allow", type=int, action="append", default=[])
    args = parser.parse_args(argv)
    use_qt_platform()
    qt_app = QApplication(sys.argv[:1])
    qt_app.setQuitOnLastWindowClosed(False)
    apply_style(qt_app)
    loop = qasync.QEventLoop(qt_app)
    asyncio.set_event_loop(loop)
    app = CustomerApp(ClientConfig("Beispiel GmbH", ServerTrust(args.url, args.ca.read_bytes()), ""))
    with loop:
        run = act_as_customer(app, args.number, set(args.allow))
        loop.run_until_complete(asyncio.wait_for(run, TIMEOUT_S))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
