"""The Windows and macOS elevation backends and the helper cannot run here, so their types are
checked for those platforms."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.server_process import REPO_ROOT


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_elevation_and_the_helper_type_check_for(platform, tmp_path):
    mypy = Path(sys.executable).parent / "mypy"
    command = [str(mypy), "--platform", platform, "--follow-imports", "silent", "--cache-dir", str(tmp_path)]
    paths = [
        "client/platform/elevate",
        "client/admin_helper",
        "client/services/admin_helper.py",
        "client/services/elevated_input.py",
        "client/admin_wiring.py",
    ]
    result = subprocess.run(
        [*command, *paths], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
