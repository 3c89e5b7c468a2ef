"""What the client loads before its first window: nothing that only a session needs.

The session-number dialog must be there within a second of the double-click; numpy, the JPEG
encoder, cryptography, websockets and the D-Bus library are for later steps (sharing, the
identity check, connecting, the Wayland portal) and are imported when those steps begin.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.support.server_process import REPO_ROOT

FIRST_WINDOW_MODULES = (
    "client.__main__",
    "client.app",
    "client.config",
    "client.receipt_file",
    "client.ui.i18n",
    "client.ui.style",
    "client.platform.install",
    "qasync",
)
"""`client.__main__` and what its `main()` imports before it shows the number dialog."""

SESSION_ONLY = ("numpy", "simplejpeg", "cryptography", "websockets", "jeepney", "mss", "pynput", "Xlib")


def test_the_number_dialog_does_not_wait_for_the_session_libraries() -> None:
    script = (
        "import json, sys\n"
        f"for name in {FIRST_WINDOW_MODULES!r}: __import__(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    )
    loaded = {name.split(".")[0] for name in json.loads(result.stdout)}
    assert "PySide6" in loaded, "the probe imported the client's modules"
    assert loaded.isdisjoint(SESSION_ONLY), sorted(loaded & set(SESSION_ONLY))
