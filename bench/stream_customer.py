"""The real customer client for bench/stream.py, in a process of its own so its CPU can be measured.

`python -m bench.stream_customer WSS_URL CA_PATH NUMBER` types the number into the session-number
dialog and clicks "Allow" in each consent dialog that comes (viewing, then control), as a customer
would, and exits when the session has ended.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import qasync
from PySide6.QtWidgets import QApplication

from client.app import CustomerApp
from client.config import ClientConfig
from client.transport import ServerTrust

TIERS_ASKED = (1, 2)
"""bench/stream.py asks for viewing, then control."""
LOOK_S = 0.02
"""How often the customer looks for a consent dialog while one is still to come."""
ANSWERED_LOOK_S = 0.5
"""How often once all are answered: the client's idle CPU is measured, not this loop's."""


async def _serve(app: CustomerApp, number: str) -> None:
    app.start()
    app.number_dialog.number_edit.setText(number)
    app.number_dialog.connect_button.click()
    answered: set[int] = set()
    while not app.finished.is_set() and app.final_notice is None:
        dialog = app.consent_dialog
        if dialog is not None and dialog.isVisible() and dialog.tier not in answered:
            answered.add(dialog.tier)
            dialog.allow_button.click()
        await asyncio.sleep(LOOK_S if len(answered) < len(TIERS_ASKED) else ANSWERED_LOOK_S)
    await app.shutdown()


def main() -> None:
    url, ca_path, number = sys.argv[1:4]
    qt = QApplication(sys.argv[:1])
    qt.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(qt)
    asyncio.set_event_loop(loop)
    config = ClientConfig("Bench GmbH", ServerTrust(url, Path(ca_path).read_bytes()), "")
    app = CustomerApp(config)
    with loop:
        loop.run_until_complete(_serve(app, number))


if __name__ == "__main__":
    main()
