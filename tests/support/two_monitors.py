"""A second X server with two monitors, for the tests that need more than one screen for real.

Xvfb has a single output, but RandR 1.5 monitors (`xrandr --setmonitor`) split its screen the way
a desktop with two physical monitors is split: Qt makes one QScreen of each, mss one monitor of
each. Xvfb must run with `-noreset`, or it resets (and forgets the monitors) when the last client
leaves. Qt on X11 has one DPI for all screens; per-monitor device-pixel ratios come from
`QT_SCREEN_SCALE_FACTORS`, exactly as a customer's desktop settings would set them.

The server is started once per test run and shared by the tests that use it.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

START_TIMEOUT_S = 20.0


@dataclass(frozen=True)
class MonitorLayout:
    name: str
    x: int
    y: int
    width: int
    height: int
    scale: float


LEFT = MonitorLayout("LEFT", 0, 0, 1920, 1080, 1.0)
"""The primary monitor."""
RIGHT = MonitorLayout("RIGHT", 1920, 0, 1920, 1200, 2.0)
"""A HiDPI monitor to the right of the primary one, at twice the device-pixel ratio."""


@dataclass(frozen=True)
class TwoMonitorDisplay:
    display: str
    monitors: tuple[MonitorLayout, MonitorLayout] = (LEFT, RIGHT)

    def environment(self) -> dict[str, str]:
        """The environment for a Qt client on this display, with each monitor's scale."""
        factors = ";".join(f"{m.name}={m.scale:g}" for m in self.monitors)
        environment = {**os.environ, "DISPLAY": self.display, "QT_QPA_PLATFORM": "xcb"}
        environment["QT_SCREEN_SCALE_FACTORS"] = factors
        for name in ("QT_SCALE_FACTOR", "QT_AUTO_SCREEN_SCALE_FACTOR", "XAUTHORITY", "WAYLAND_DISPLAY"):
            environment.pop(name, None)
        return environment


def _read_display_number(fd: int) -> str:
    data = b""
    while not data.endswith(b"\n"):
        chunk = os.read(fd, 16)
        if not chunk:
            raise RuntimeError("Xvfb exited before it announced its display")
        data += chunk
    return data.decode().strip()


@pytest.fixture(scope="session")
def two_monitor_display() -> Iterator[TwoMonitorDisplay]:
    width = max(m.x + m.width for m in (LEFT, RIGHT))
    height = max(m.y + m.height for m in (LEFT, RIGHT))
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp",
         "-noreset"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        display = f":{_read_display_number(read_end)}"
        environment = {**os.environ, "DISPLAY": display}
        environment.pop("XAUTHORITY", None)
        # The primary monitor takes over Xvfb's one output; the second is a monitor without one.
        for monitor, output in ((LEFT, "screen"), (RIGHT, "none")):
            primary = "*" if monitor is LEFT else ""
            geometry = f"{monitor.width}/508x{monitor.height}/286+{monitor.x}+{monitor.y}"
            subprocess.run(
                ["xrandr", "--setmonitor", f"{primary}{monitor.name}", geometry, output],
                env=environment,
                check=True,
                timeout=START_TIMEOUT_S,
                capture_output=True,
            )
        yield TwoMonitorDisplay(display)
    finally:
        os.close(read_end)
        server.terminate()
        server.wait(START_TIMEOUT_S)
