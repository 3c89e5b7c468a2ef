"""The Windows and macOS backends cannot run here, so at least their types are checked for them."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.server_process import REPO_ROOT


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_the_install_lifecycle_type_checks_for(platform, tmp_path):
    mypy = Path(sys.executable).parent / "mypy"
    command = [str(mypy), "--platform", platform, "--follow-imports", "silent", "--cache-dir", str(tmp_path)]
    result = subprocess.run(
        [*command, "client/platform/install", "client/__main__.py"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
