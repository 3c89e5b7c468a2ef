"""Type-checking code for an operating system the tests cannot run on (Windows, macOS)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.server_process import REPO_ROOT

OTHER_PLATFORMS = ("win32", "darwin")


def assert_types_check_for(platform: str, paths: list[str], cache_dir: Path) -> None:
    """`mypy --platform PLATFORM` over `paths` (imports followed silently) passes."""
    mypy = Path(sys.executable).parent / "mypy"
    command = [str(mypy), "--platform", platform, "--follow-imports", "silent", "--cache-dir", str(cache_dir)]
    result = subprocess.run(
        [*command, *paths], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
