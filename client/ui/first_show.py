"""Putting the first window on the screen, painted, before the start goes on with slow work.

The start shows the number dialog and then imports the session's modules on the same thread; a
window merely mapped would stay blank until those imports end, so this waits until the window
system has exposed it and Qt has painted it. Keys and clicks wait meanwhile: the customer's Esc
or Enter reaches the dialog once the session is wired to hear it.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QWidget

EXPOSE_TIMEOUT_S = 1.0
_POLL_S = 0.005
_NOT_INPUT = QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents


def show_painted(window: QWidget, timeout_s: float = EXPOSE_TIMEOUT_S) -> bool:
    """Show, raise and activate `window`, then run Qt's events until it is exposed and painted.

    Returns whether it was exposed within `timeout_s` (a window manager may hold it back; the
    window still comes up once the event loop runs).
    """
    window.show()
    window.raise_()
    window.activateWindow()
    deadline = time.monotonic() + timeout_s
    handle = window.windowHandle()
    while not handle.isExposed() and time.monotonic() < deadline:
        QCoreApplication.processEvents(_NOT_INPUT)
        time.sleep(_POLL_S)
    QCoreApplication.processEvents(_NOT_INPUT)
    return handle.isExposed()
