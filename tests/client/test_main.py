"""`fernhilfe --admin-helper …`: a built client started by the elevation launcher becomes the
headless helper without loading Qt (the download carries no second program)."""

import subprocess
import sys

from tests.support.server_process import REPO_ROOT

PROBE = """
import sys
from client.__main__ import main
try:
    main(["--admin-helper", "--help"])
except SystemExit as exit:
    print("exit", exit.code)
print("qt loaded:", any(name.startswith("PySide6") for name in sys.modules))
"""


def test_helper_mode_runs_the_helper_before_any_qt_is_imported():
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60, check=False
    )
    assert "usage: fernhilfe-admin-helper" in result.stdout, result.stderr
    assert result.stdout.splitlines()[-2:] == ["exit 0", "qt loaded: False"]
