"""Elevation: starting the administrator helper through the operating system's own prompt.

`open_elevator()` picks the backend for this operating system by a static `sys.platform`
branch: pkexec (or a configured launcher) on Linux, osascript on macOS, UAC on Windows.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from client.platform.elevate.base import (
    ElevationError,
    Elevator,
    HelperRequest,
    Launch,
    helper_program,
)
from client.platform.elevate.linux import DEFAULT_LAUNCHER

__all__ = [
    "DEFAULT_LAUNCHER",
    "ElevationError",
    "Elevator",
    "HelperRequest",
    "Launch",
    "helper_program",
    "open_elevator",
]


def open_elevator(linux_launcher: Sequence[str] = DEFAULT_LAUNCHER) -> Elevator:
    if sys.platform == "win32":
        from client.platform.elevate.windows import WindowsElevator

        return WindowsElevator()
    elif sys.platform == "darwin":
        from client.platform.elevate.macos import MacElevator

        return MacElevator()
    else:
        from client.platform.elevate.linux import LinuxElevator

        return LinuxElevator(linux_launcher)
