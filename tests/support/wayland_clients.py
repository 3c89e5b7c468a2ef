"""Wayland clients for the test GNOME desktop: a Qt window of one colour with a text field, and
`wev`, which reports every pointer motion and key it receives."""

from __future__ import annotations

import re
import selectors
import subprocess
import sys
import threading
import time
from collections.abc import Callable

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
