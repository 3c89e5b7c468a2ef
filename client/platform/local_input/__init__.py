"""Local-input watching: the capability interface, its backends, and the factory that picks one.

`FERNHILFE_LOCAL_INPUT=fake` selects the fake, which reports activity only when a test says so;
unset or empty selects this operating system's backend: XInput 2 raw events on X11, low-level
hooks on Windows, a listen-only event tap on macOS.
"""

from __future__ import annotations

import os
import sys

from client.platform.local_input.base import LocalInputError, LocalInputWatch
from client.platform.local_input.fake import FakeLocalInputWatch

__all__ = ["BACKEND_ENV", "LocalInputError", "LocalInputWatch", "open_local_input_watch"]

BACKEND_ENV = "FERNHILFE_LOCAL_INPUT"


def open_local_input_watch() -> LocalInputWatch:
    """Open the watch for this machine (not yet started).

    Raises `LocalInputError` when input cannot be watched (no X server, missing permission) or the
    variable names an unknown backend.
    """
    backend = os.environ.get(BACKEND_ENV, "").strip().lower()
    if backend == "fake":
        return FakeLocalInputWatch()
    if backend:
        raise LocalInputError(
            f"{BACKEND_ENV}={backend!r} names no local-input backend (use 'fake' or leave it unset)"
        )
    if sys.platform == "win32":
        from client.platform.local_input.windows import WindowsLocalInputWatch

        return WindowsLocalInputWatch()
    elif sys.platform == "darwin":
        from client.platform.local_input.macos import MacLocalInputWatch

        return MacLocalInputWatch()
    else:
        from client.platform.local_input.x11 import X11LocalInputWatch

        return X11LocalInputWatch()
