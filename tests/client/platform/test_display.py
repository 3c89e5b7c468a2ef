"""The client reaches the X display before Qt does, so a silent display is a message, not SIGABRT."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from client.platform.display import needs_x_display, open_x_display
from tests.support.server_process import REPO_ROOT

SILENT_DISPLAY = ":977"
"""No X server listens here on the test machine."""


def test_the_built_client_and_an_explicit_xcb_need_the_display_other_platforms_do_not() -> None:
    assert needs_x_display({}, frozen=True)
    assert needs_x_display({"QT_QPA_PLATFORM": "xcb"}, frozen=False)
    assert not needs_x_display({}, frozen=False), "from source, Qt picks its platform itself"
    assert not needs_x_display({"QT_QPA_PLATFORM": "offscreen"}, frozen=True)


def test_a_silent_display_is_given_up_after_the_wait() -> None:
    started = time.monotonic()
    assert open_x_display(SILENT_DISPLAY, wait_s=0.3) is None
    assert 0.3 <= time.monotonic() - started < 5
    assert open_x_display("", wait_s=0.3) is None


def test_without_a_display_the_client_says_what_to_do_and_exits_instead_of_aborting() -> None:
    env = {**os.environ, "DISPLAY": SILENT_DISPLAY, "QT_QPA_PLATFORM": "xcb", "LANGUAGE": "en"}
    command = [sys.executable, "-m", "client"]
    result = subprocess.run(
        command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 3, result.stderr
    assert f"the screen (display \u201c{SILENT_DISPLAY}\u201d) does not answer" in result.stderr
    assert "Please start Fernhilfe again from your desktop." in result.stderr
