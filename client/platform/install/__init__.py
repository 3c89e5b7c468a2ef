"""Keeping the client for later sessions, or leaving nothing behind: the install lifecycle.

The customer decides in the session-number dialog. A kept client is copied into the per-user
programs folder with a start-menu or applications entry (no administrator rights); one that is
not kept removes itself and everything it wrote when the run ends. `fernhilfe --uninstall`
removes a kept client completely. Nothing here starts the client by itself: no autostart entry,
no stored session, so every later session needs a new number and new consent.

`open_installer()` picks the backend for this operating system; `finish_run()` carries out the
customer's choice.
"""

from __future__ import annotations

import sys
from pathlib import Path

from client.platform.install.base import (
    Branding,
    Installer,
    InstallError,
    Layout,
    Origin,
    Step,
    end_of_run_step,
    keep_by_default,
    origin_of,
    writes_log_file,
)
from client.platform.install.macos import app_bundle_of

__all__ = [
    "Branding",
    "InstallError",
    "Installer",
    "Layout",
    "Origin",
    "Step",
    "finish_run",
    "keep_by_default",
    "open_installer",
    "origin_of",
    "running_client",
    "running_copy",
    "writes_log_file",
]


def open_installer() -> Installer:
    """The backend for this operating system, with this user's folders."""
    if sys.platform == "win32":
        from client.platform.install.windows import WindowsInstaller

        return WindowsInstaller.for_this_user()
    elif sys.platform == "darwin":
        from client.platform.install.macos import MacInstaller

        return MacInstaller.for_this_user()
    else:
        from client.platform.install.linux import LinuxInstaller

        return LinuxInstaller.for_this_user()


def running_copy(frozen: bool, executable: str, platform: str) -> Path | None:
    """The client's own file, or its .app bundle on macOS; None when it runs from source.

    In a PyInstaller build `sys.executable` is the one-file executable the customer started (not
    the extraction folder), or the binary inside the .app bundle.
    """
    if not frozen:
        return None
    path = Path(executable)
    if platform == "darwin":
        return app_bundle_of(path) or path
    return path


def running_client() -> Path | None:
    return running_copy(bool(getattr(sys, "frozen", False)), sys.executable, sys.platform)


def finish_run(installer: Installer, running: Path | None, keep: bool, branding: Branding) -> Step:
    """Keep or remove this client as the customer chose; returns what was done.

    Raises InstallError when it could not be done.
    """
    step = end_of_run_step(origin_of(running, installer.layout), keep)
    if running is not None:
        match step:
            case Step.INSTALL:
                installer.install(running, branding)
            case Step.REMOVE_RUNNING:
                installer.remove_running(running)
            case Step.UNINSTALL:
                installer.uninstall(running)
    return step
