"""Input injection: the capability interface, its backends, and the factory that picks one.

`FERNHILFE_INPUT=fake` selects the recording fake (tests, demos without a desktop); unset or
empty selects this operating system's backend: XTEST on X11, `SendInput` on Windows, Quartz
events on macOS.
"""

from __future__ import annotations

import os
import sys

from client.platform.inject.base import BUTTONS, InjectionError, InputInjector, UnknownKey
from client.platform.inject.fake import FakeInputInjector

__all__ = ["BACKEND_ENV", "BUTTONS", "InjectionError", "InputInjector", "UnknownKey", "open_input_injector"]

BACKEND_ENV = "FERNHILFE_INPUT"


def open_input_injector() -> InputInjector:
    """Open the injector for this machine.

    Raises `InjectionError` when the desktop cannot be reached (no X server, missing permission)
    or the variable names an unknown backend. Threading: call it on the thread that will use the
    injector (the client's event-loop thread).
    """
    backend = os.environ.get(BACKEND_ENV, "").strip().lower()
    if backend == "fake":
        return FakeInputInjector()
    if backend:
        raise InjectionError(
            f"{BACKEND_ENV}={backend!r} names no input backend (use 'fake' or leave it unset)"
        )
    if sys.platform == "win32":
        from client.platform.inject.windows import WindowsInputInjector

        return WindowsInputInjector()
    elif sys.platform == "darwin":
        from client.platform.inject.macos import MacInputInjector

        return MacInputInjector()
    else:
        from client.platform.inject.x11 import X11InputInjector

        return X11InputInjector()
