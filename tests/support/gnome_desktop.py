"""A real headless GNOME desktop for the tests: mutter, PipeWire and the GNOME desktop portal.

Started once per test run (`gnome_desktop` fixture) on a private D-Bus session bus, so nothing of
the machine's own session is touched: `mutter --headless --virtual-monitor`, `pipewire` with
`wireplumber`, `xdg-desktop-portal` with its GNOME backend, whose "Screen Share" and "Remote
desktop" dialogs show on the virtual monitor exactly as on a customer's screen. `GnomeDesktop`
also plays the customer at that screen (`click`, `frame`) through mutter's own input and
screen-cast API, the path a physical mouse takes, never through the portal under test.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import numpy as np
import pytest
from numpy.typing import NDArray

from tests.support.mutter_api import MutterApi

PROGRAMS = ("mutter", "pipewire", "wireplumber", "gst-launch-1.0", "dbus-daemon", "wev", "stdbuf")
PORTALS = ("/usr/libexec/xdg-desktop-portal", "/usr/libexec/xdg-desktop-portal-gnome")
WIDTH, HEIGHT = 800, 600

_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <standard_session_servicedirs/>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""

_WINDOW = """
import sys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

class Window(QWidget):
    def mouseMoveEvent(self, event):
        p = event.position()
        print("pointer", round(p.x()), round(p.y()), flush=True)

app = QApplication(sys.argv)
window = Window()
window.setMouseTracking(True)
window.setStyleSheet(f"Window {{ background: {sys.argv[1]}; }}")
entry = QLineEdit()
entry.textChanged.connect(lambda text: print("text", repr(text), flush=True))
layout = QVBoxLayout(window)
layout.addWidget(entry, 0, Qt.AlignmentFlag.AlignTop)
window.showFullScreen()
entry.setFocus()
print("shown", flush=True)
app.exec()
"""


def missing_programs() -> list[str]:
    """The programs of the stack that are not installed (scripts/setup.sh installs them)."""
    missing = [name for name in PROGRAMS if shutil.which(name) is None]
    return missing + [path for path in PORTALS if not Path(path).exists()]


class WaylandWindow:
    """A Wayland client window (Qt, in its own process) filling the screen with one colour, with a
    text field that has the keyboard focus; it reports pointer motion and the field's text."""

    def __init__(self, env: dict[str, str], colour: str) -> None:
        self._proc = subprocess.Popen(
            [sys.executable, "-c", _WINDOW, colour],
            env={**env, "QT_QPA_PLATFORM": "wayland"},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.next_line().startswith("shown")

    def next_line(self, timeout: float = 10.0) -> str:
        """The window's next report; raises if none comes within `timeout` seconds."""
        import selectors

        assert self._proc.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(self._proc.stdout, selectors.EVENT_READ)
            if not selector.select(timeout):
                raise TimeoutError("the Wayland window reported nothing")
        return self._proc.stdout.readline()

    def wait_for(self, predicate: Callable[[str], bool], timeout: float = 10.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            line = self.next_line(max(deadline - time.monotonic(), 0.01))
            if predicate(line):
                return line

    def close(self) -> None:
        self._proc.terminate()
        self._proc.wait(timeout=5)
        assert self._proc.stdout is not None
        self._proc.stdout.close()


class PointerAndKeys:
    """`wev`, a Wayland client that reports every pointer motion and key it receives (Qt's
    Wayland plugin drops pointer frames from mutter's virtual devices, wev does not)."""

    _MOTION = re.compile(r"wl_pointer\] motion:.*x, y: ([-\d.]+), ([-\d.]+)")
    _UTF8 = re.compile(r"utf8: '(.*)'$")

    def __init__(self, env: dict[str, str]) -> None:
        self._proc = subprocess.Popen(
            ["stdbuf", "-oL", "wev"],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self.motions: list[tuple[float, float]] = []
        self._typed: dict[str, str] = {}
        self.buttons = 0
        self._pressed: dict[str, bool] = {}
        self._keyboard = ""
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self._proc.stdout is not None
        for line in self._proc.stdout:
            with self._lock:
                motion = self._MOTION.search(line)
                if motion:
                    self.motions.append((float(motion.group(1)), float(motion.group(2))))
                if "wl_pointer] button:" in line:
                    self.buttons += 1
                if "wl_keyboard] key:" in line:
                    # wev binds one wl_keyboard per capabilities event; each gets every key.
                    self._keyboard = line.split(":", 1)[0]
                    self._pressed[self._keyboard] = "(pressed)" in line
                utf8 = self._UTF8.search(line.strip())
                if utf8 and self._pressed.get(self._keyboard):
                    self._typed[self._keyboard] = self._typed.get(self._keyboard, "") + utf8.group(1)
                    self._pressed[self._keyboard] = False

    @property
    def typed(self) -> str:
        """The text the first keyboard received."""
        with self._lock:
            return next(iter(self._typed.values()), "")

    def last_motion(self) -> tuple[float, float] | None:
        with self._lock:
            return self.motions[-1] if self.motions else None

    def close(self) -> None:
        self._proc.terminate()
        self._proc.wait(timeout=5)
        self._reader.join(timeout=5)
        assert self._proc.stdout is not None
        self._proc.stdout.close()


class GnomeDesktop:
    """The running stack; `env` is what a client needs to reach it (bus, Wayland socket)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._procs: list[subprocess.Popen[bytes]] = []
        self._logs: list[IO[bytes]] = []
        self.env: dict[str, str] = {}
        self.mutter: MutterApi | None = None
        self._portal_procs: list[subprocess.Popen[bytes]] = []

    def start(self) -> GnomeDesktop:
        runtime = self.root / "runtime"
        runtime.mkdir(mode=0o700)
        bus_socket = self.root / "bus"
        (self.root / "bus.conf").write_text(_BUS_CONFIG.format(socket=bus_socket))
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.root),
            "XDG_RUNTIME_DIR": str(runtime),
            "XDG_CONFIG_HOME": str(self.root / "config"),
            "XDG_CURRENT_DESKTOP": "GNOME",
            "XDG_SESSION_TYPE": "wayland",
            "WAYLAND_DISPLAY": "wayland-0",
            "GSETTINGS_BACKEND": "memory",
            "NO_AT_BRIDGE": "1",
            "DBUS_SESSION_BUS_ADDRESS": f"unix:path={bus_socket}",
        }
        # Services the portal starts on demand inherit the bus's environment.
        self._spawn("dbus", ["dbus-daemon", "--nofork", f"--config-file={self.root / 'bus.conf'}"])
        _wait_for(bus_socket.exists, "the D-Bus session bus")
        self._spawn("pipewire", ["pipewire"])
        _wait_for((runtime / "pipewire-0").exists, "PipeWire")
        self._spawn("wireplumber", ["wireplumber"])
        self._spawn(
            "mutter",
            [
                "mutter",
                "--headless",
                "--wayland",
                "--no-x11",
                "--wayland-display=wayland-0",
                f"--virtual-monitor={WIDTH}x{HEIGHT}",
            ],
        )
        _wait_for((runtime / "wayland-0").exists, "mutter's Wayland socket")
        self.mutter = MutterApi(self.env)
        _wait_for(self.mutter.ready, "mutter's remote-desktop API")
        self._start_portals()
        return self

    def ensure_portals(self) -> None:
        """Restart both portal processes if xdg-desktop-portal-gnome died since the last test:
        version 43 sometimes crashes when a session ends (gtk_window_destroy on a gone dialog),
        and a copy D-Bus starts again in its place no longer offers RemoteDesktop."""
        if self._portal_procs and all(proc.poll() is None for proc in self._portal_procs):
            return
        for proc in self._portal_procs:
            proc.terminate()
            proc.wait(timeout=5)
        self._start_portals()

    def _start_portals(self) -> None:
        self._portal_procs = [self._spawn("portal-gnome", [PORTALS[1]])]
        _wait_for(lambda: self._has_owner("org.freedesktop.impl.portal.desktop.gnome"), "the GNOME portal")
        self._portal_procs.append(self._spawn("portal", [PORTALS[0], "-r"]))
        _wait_for(self._portal_ready, "the desktop portal")

    def show_window(self, colour: str) -> WaylandWindow:
        window = WaylandWindow(self.env, colour)
        _wait_for(lambda: self.pixel(WIDTH // 2, HEIGHT * 3 // 4) == _rgb(colour), f"a {colour} window")
        return window

    def show_event_window(self) -> PointerAndKeys:
        """A `wev` window in the middle of the screen (mutter centres it), focused."""
        probe = PointerAndKeys(self.env)
        _wait_for(lambda: self.pixel(WIDTH // 2, HEIGHT // 2) != self.pixel(2, HEIGHT - 2), "the wev window")
        return probe

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        """The screen's colour at (x, y), as R, G, B."""
        b, g, r, _ = self.frame()[y, x]
        return int(r), int(g), int(b)

    def frame(self) -> NDArray[np.uint8]:
        assert self.mutter is not None
        return self.mutter.frame()

    def click(self, x: int, y: int) -> None:
        """The customer clicks at (x, y) with their own mouse."""
        assert self.mutter is not None
        self.mutter.click(x, y)

    def wait_for_dialog(self, button: tuple[int, int], colour: tuple[int, int, int]) -> None:
        """Until the portal's dialog is on screen: its button at `button` shows `colour`."""
        _wait_for(lambda: _near(self.pixel(*button), colour), "the portal's dialog")

    def stop(self) -> None:
        if self.mutter is not None:
            self.mutter.close()
        for proc in reversed(self._procs):
            if proc.poll() is None:
                proc.terminate()
        for proc in reversed(self._procs):
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for log in self._logs:
            log.close()

    def _spawn(self, name: str, command: list[str]) -> subprocess.Popen[bytes]:
        log = (self.root / f"{name}.log").open("ab")
        self._logs.append(log)
        proc = subprocess.Popen(
            command, env=self.env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT
        )
        self._procs.append(proc)
        return proc

    def _has_owner(self, name: str) -> bool:
        probe = subprocess.run(
            [
                "dbus-send",
                "--session",
                "--print-reply",
                "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus.NameHasOwner",
                f"string:{name}",
            ],
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        return "boolean true" in probe.stdout

    def _portal_ready(self) -> bool:
        probe = subprocess.run(
            [
                "dbus-send",
                "--session",
                "--print-reply",
                "--dest=org.freedesktop.portal.Desktop",
                "/org/freedesktop/portal/desktop",
                "org.freedesktop.DBus.Properties.Get",
                "string:org.freedesktop.portal.RemoteDesktop",
                "string:version",
            ],
            env=self.env,
            capture_output=True,
            check=False,
        )
        return probe.returncode == 0


def _rgb(colour: str) -> tuple[int, int, int]:
    value = int(colour.lstrip("#"), 16)
    return value >> 16, (value >> 8) & 0xFF, value & 0xFF


def _near(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    return all(abs(x - y) <= 8 for x, y in zip(a, b, strict=True))


def _wait_for(condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not show within {timeout:g} s")
        time.sleep(0.1)


@pytest.fixture(scope="session")
def gnome_desktop() -> Iterator[GnomeDesktop]:
    """One headless GNOME desktop shared by every test that needs one."""
    missing = missing_programs()
    if missing:
        pytest.fail(f"the GNOME test desktop needs {', '.join(missing)}: run scripts/setup.sh")
    root = Path(tempfile.mkdtemp(prefix="fernhilfe-gnome-"))
    desktop = GnomeDesktop(root)
    try:
        yield desktop.start()
    finally:
        desktop.stop()
        shutil.rmtree(root, ignore_errors=True)
