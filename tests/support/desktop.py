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


class _Terminal:
    """A UTF-8 xterm at a known place running a shell `script`; ready once the script touched
    its ready file."""

    def __init__(self, left: int, top: int, columns: int, rows: int) -> None:
        self.left, self.top = left, top
        self._geometry = f"{columns}x{rows}+{left}+{top}"
        self._process: subprocess.Popen[bytes] | None = None

    def _start(self, script: str, ready: Path) -> None:
        env = {**os.environ, "LC_ALL": "C.UTF-8", "PS1": "$ "}
        self._process = subprocess.Popen(
            ["xterm", "-u8", "-geometry", self._geometry, "-e", "sh", "-c", f"{script}"], env=env
        )
        deadline = time.monotonic() + 20
        while not ready.exists():
            if time.monotonic() > deadline:
                raise TimeoutError("xterm did not start")
            time.sleep(0.02)

    @property
    def inside(self) -> tuple[int, int]:
        """A point inside the terminal's text area."""
        return self.left + 60, self.top + 40

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        assert self._process is not None
        self._process.terminate()
        self._process.wait(timeout=10)


class RawTerminal(_Terminal):
    """Every keystroke (raw, unechoed) is appended to `path`."""

    def __init__(self, path: Path, left: int = 100, top: int = 100) -> None:
        super().__init__(left, top, 60, 8)
        self.path = path

    def __enter__(self) -> RawTerminal:
        self.path.write_bytes(b"")
        ready = self.path.with_suffix(".ready")
        self._start(f"stty raw -echo; touch '{ready}'; exec cat >> '{self.path}'", ready)
        return self

    def text(self) -> str:
        return self.path.read_bytes().decode("utf-8", errors="replace")


class ShellTerminal(_Terminal):
    """An interactive shell working in `directory`."""

    def __init__(self, directory: Path, left: int = 100, top: int = 100) -> None:
        super().__init__(left, top, 80, 10)
        self.directory = directory

    def __enter__(self) -> ShellTerminal:
        ready = self.directory / ".shell-ready"
        self._start(f"cd '{self.directory}'; touch '{ready}'; exec sh -i", ready)
        return self
