"""What the client loads before its first window: nothing that only a session needs.

The session-number dialog must be there within a second of the double-click; numpy, the JPEG
encoder, cryptography, websockets and the D-Bus library are for later steps (sharing, the
identity check, connecting, the Wayland portal) and are imported when those steps begin. The
session core, asyncio and qasync load after the dialog is on the screen, while the customer reads it.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.support.server_process import REPO_ROOT

BEFORE_THE_DIALOG = (
    "client.__main__",
    "client.config",
    "client.platform.desktop",
    "client.platform.install",
    "client.ui.first_show",
    "client.ui.i18n",
    "client.ui.number_dialog",
    "client.ui.style",
)
"""`client.__main__` and what its `main()` imports before it shows the number dialog."""

FIRST_WINDOW_MODULES = (*BEFORE_THE_DIALOG, "client.app", "client.receipt_file", "qasync")
"""What it imports before the first window can be used."""

AFTER_THE_DIALOG = (
    "asyncio",
    "qasync",
    "client.app",
    "client.core.session",
    "client.core.actions",
    "protocol.messages",
)

SESSION_ONLY = ("numpy", "simplejpeg", "cryptography", "websockets", "jeepney", "mss", "pynput", "Xlib")


def _loaded_after_importing(modules: tuple[str, ...]) -> set[str]:
    script = (
        "import json, sys\n"
        f"for name in {modules!r}: __import__(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    )
    return set(json.loads(result.stdout))


def test_the_number_dialog_does_not_wait_for_the_session_libraries() -> None:
    loaded = {name.split(".")[0] for name in _loaded_after_importing(FIRST_WINDOW_MODULES)}
    assert "PySide6" in loaded, "the probe imported the client's modules"
    assert loaded.isdisjoint(SESSION_ONLY), sorted(loaded & set(SESSION_ONLY))


def test_the_number_dialog_is_shown_before_the_session_core_and_event_loop_load() -> None:
    loaded = _loaded_after_importing(BEFORE_THE_DIALOG)
    assert "PySide6.QtWidgets" in loaded, "the probe imported the client's modules"
    assert loaded.isdisjoint(AFTER_THE_DIALOG), sorted(loaded & set(AFTER_THE_DIALOG))
