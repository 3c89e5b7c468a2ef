"""What the customer's desktop shows and holds: pointer position, pressed buttons, a terminal
whose every keystroke lands in a file."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path
from types import TracebackType

from Xlib import X, display


def pointer() -> tuple[int, int, int]:
    """(x, y, button mask) of the X pointer."""
    connection = display.Display()
    try:
        reply = connection.screen().root.query_pointer()
        return reply.root_x, reply.root_y, reply.mask
    finally:
        connection.close()


def pointer_position() -> tuple[int, int]:
    x, y, _ = pointer()
    return x, y


def left_button_down() -> bool:
    return bool(pointer()[2] & X.Button1Mask)


def move_pointer_as_setup(x: int, y: int) -> None:
    """Place the pointer before a test; xdotool's warp is not seen as the customer's input."""
    subprocess.run(["xdotool", "mousemove", str(x), str(y)], check=True)


class RawTerminal:
    """An xterm at a known place whose keystrokes (raw, unechoed) are appended to `path`."""

    def __init__(self, path: Path, left: int = 100, top: int = 100) -> None:
        self.path = path
        self.left, self.top = left, top
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> RawTerminal:
        self.path.write_bytes(b"")
        ready = self.path.with_suffix(".ready")
        script = f"stty raw -echo; touch '{ready}'; exec cat >> '{self.path}'"
        self._process = subprocess.Popen(
            ["xterm", "-geometry", f"60x8+{self.left}+{self.top}", "-e", "sh", "-c", script]
        )
        deadline = time.monotonic() + 20
        while not ready.exists():
            if time.monotonic() > deadline:
                raise TimeoutError("xterm did not start")
            time.sleep(0.02)
        return self

    @property
    def inside(self) -> tuple[int, int]:
        """A point inside the terminal's text area."""
        return self.left + 60, self.top + 40

    def text(self) -> str:
        return self.path.read_bytes().decode("utf-8", errors="replace")

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        assert self._process is not None
        self._process.terminate()
        self._process.wait(timeout=10)


class ShellTerminal:
    """An interactive shell in a UTF-8 xterm at a known place, working in `directory`."""

    def __init__(self, directory: Path, left: int = 100, top: int = 100) -> None:
        self.directory = directory
        self.left, self.top = left, top
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> ShellTerminal:
        ready = self.directory / ".shell-ready"
        env = {**os.environ, "LC_ALL": "C.UTF-8", "PS1": "$ "}
        script = f"cd '{self.directory}'; touch '{ready}'; exec sh -i"
        self._process = subprocess.Popen(
            ["xterm", "-u8", "-geometry", f"80x10+{self.left}+{self.top}", "-e", "sh", "-c", script], env=env
        )
        deadline = time.monotonic() + 20
        while not ready.exists():
            if time.monotonic() > deadline:
                raise TimeoutError("xterm did not start")
            time.sleep(0.02)
        return self

    @property
    def inside(self) -> tuple[int, int]:
        """A point inside the terminal's text area."""
        return self.left + 200, self.top + 60

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        assert self._process is not None
        self._process.terminate()
        self._process.wait(timeout=10)
