"""The real client in a process of its own, for a test whose customer sits at another X display.

It runs `CustomerApp` as `client.__main__` does (QApplication, style, qasync), then does what the
customer would: types the number, presses Connect, presses Allow in each consent dialog for the
tiers given, and reads the final notice (OK). Clicks go through QTest into the real widgets, as the
in-process tests do with qtbot. Run it as

    python -m tests.support.customer_process URL CA_FILE NUMBER [--allow 1]

It prints `watermarks <JSON>` (each watermark's geometry in Qt logical coordinates and its
screen's name) once they are all exposed, and exits when the run is over.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

import qasync
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from client.app import CustomerApp
from client.config import ClientConfig
from client.transport import ServerTrust
from client.ui.style import apply_style

TIMEOUT_S = 60.0


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
                {"screen": mark.screen().name(), "x": mark.x(), "y": mark.y(), "width": mark.width(),
                 "height": mark.height()}
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
