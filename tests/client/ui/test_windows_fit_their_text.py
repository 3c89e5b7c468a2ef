"""No customer window clips, elides or overlaps its text, in German or English, at scale 1, 1.5 or 2.

Each scale runs in a process of its own (Qt reads `QT_SCALE_FACTOR` once, at start) on the
offscreen platform, with a screen that is 1920x1080 at that scale (3840x2160 pixels at 2), as a
customer's would be. The rendered windows stay behind as PNGs in the test's temporary folder
(pytest keeps the last three runs: `pytest --basetemp DIR` puts them where you want them).
"""

import json
import os
import subprocess
import sys

import pytest

from tests.support.server_process import REPO_ROOT
from tests.support.window_gallery import LANGUAGES, WINDOWS

pytestmark = pytest.mark.gui


def offscreen_platform(folder, scale):
    """The offscreen platform with one screen of 1920x1080 logical pixels at `scale`."""
    size = {"width": round(1920 * scale), "height": round(1080 * scale)}
    screen = {"name": "offscreen", "x": 0, "y": 0, **size, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config = folder / "offscreen.json"
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    return f"offscreen:configfile={config}"


@pytest.mark.parametrize("scale", ["1", "1.5", "2"])
def test_every_window_shows_all_of_its_text(tmp_path, scale):
    platform = offscreen_platform(tmp_path, float(scale))
    environment = {**os.environ, "QT_QPA_PLATFORM": platform, "QT_SCALE_FACTOR": scale}
    environment.pop("QT_SCREEN_SCALE_FACTORS", None)
    finished = subprocess.run(
        [sys.executable, "-m", "tests.support.render_windows", str(tmp_path)],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    report = json.loads(finished.stdout.splitlines()[-1])
    assert sorted(report) == sorted(f"{code}/{name}" for code in LANGUAGES for name in WINDOWS)
    assert {key: problems for key, problems in report.items() if problems} == {}
    for key in report:
        assert (tmp_path / f"{key}.png").stat().st_size > 0
