"""A customer's account on the test X server, for driving the built client as a person would.

The client runs as its own process, so nothing here reaches into it: windows are found and keys
typed with xdotool (Xvfb has no window manager, so a window gets the keyboard by being focused
explicitly, with the pointer moved over it), the screen is read with mss, and what the client
left on disk is read from the filesystem. HOME, TMPDIR (where the one-file bootloader extracts
itself) and XDG_RUNTIME_DIR all live in one temporary folder, so the real user's files are
never touched and every file the client writes can be seen.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import struct
import subprocess
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

import mss
import mss.tools

WAIT_S = 30.0
POLL_S = 0.05
NUMBER_DIALOG = "^Fernhilfe remote support$"
CONSENT_DIALOG = r"^Allow screen viewing\?$"
CONTROL_PANEL = "^Fernhilfe remote support$"
RECEIPT = "^Fernhilfe: session receipt$"


def write_png(path: Path, width: int, height: int, rgb: tuple[int, int, int]) -> None:
    """A one-colour PNG, written without any image library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + body)


@dataclass(frozen=True)
class Geometry:
    x: int
    y: int
    width: int
    height: int


class CustomerDesktop:
    """One customer: their folders, the client processes started for them, and their screen."""

    def __init__(self, root: Path) -> None:
        self.home = root / "home"
        self.tmp = root / "tmp"
        self.runtime = root / "runtime"
        self.logs = root / "client-output"
        for folder in (self.home / "Downloads", self.tmp, self.runtime, self.logs):
            folder.mkdir(parents=True)
        self.runtime.chmod(0o700)
        self.processes: list[subprocess.Popen[bytes]] = []

    @property
    def env(self) -> dict[str, str]:
        """The session environment: X display from the test run, folders of this customer only."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_") and not k.startswith("_PYI")}
        env |= {
            "HOME": str(self.home),
            "TMPDIR": str(self.tmp),
            "XDG_RUNTIME_DIR": str(self.runtime),
            "LANGUAGE": "en",
            "QT_QPA_PLATFORM": "xcb",
        }
        return env

    def files(self) -> set[Path]:
        """Every file and folder in the customer's home, temp and runtime folders."""
        return {path for root in (self.home, self.tmp, self.runtime) for path in root.rglob("*")}

    def extraction_folders(self) -> list[Path]:
        return sorted(self.tmp.glob("_MEI*"))

    def start(self, executable: Path, *arguments: str) -> subprocess.Popen[bytes]:
        """Start the client as a double-click would: its own process, its output kept for failures."""
        output = (self.logs / f"run{len(self.processes) + 1}.log").open("wb")
        with output:
            process = subprocess.Popen(
                [str(executable), *arguments],
                cwd=self.home,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        self.processes.append(process)
        return process

    def stop_all(self) -> None:
        """After a failed test: no client may outlive it."""
        for process in self.processes:
            if process.poll() is None:
                process.kill()
                process.wait()

    def output(self) -> str:
        return "\n".join(
            f"--- {log.name}\n{log.read_text(errors='replace')}" for log in sorted(self.logs.iterdir())
        )


def python_process_of(bootloader: subprocess.Popen[bytes]) -> int:
    """The one-file bootloader runs the client as its child; that child owns windows and sockets."""
    deadline = time.monotonic() + WAIT_S
    children = Path(f"/proc/{bootloader.pid}/task/{bootloader.pid}/children")
    while time.monotonic() < deadline:
        pids = children.read_text().split() if children.exists() else []
        if pids:
            return int(pids[0])
        time.sleep(POLL_S)
    raise TimeoutError(f"the bootloader {bootloader.pid} started no client process")


async def xdotool(*arguments: str) -> str:
    process = await asyncio.create_subprocess_exec(
        "xdotool", *arguments, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await process.communicate()
    if process.returncode not in (0, 1):  # 1: a search that found nothing
        raise RuntimeError(f"xdotool {arguments} failed: {err.decode()}")
    return out.decode()


async def window(title: str, pid: int, timeout: float = WAIT_S) -> str:
    """Wait until the client process `pid` shows (maps) a window titled `title` (a regex)."""
    async with asyncio.timeout(timeout):
        while True:
            found = await xdotool("search", "--all", "--onlyvisible", "--pid", str(pid), "--name", title)
            if found.split():
                return found.split()[0]
            await asyncio.sleep(POLL_S)


async def focus(window_id: str) -> None:
    """Give the window the keyboard: pointer over it, then input focus (there is no window manager)."""
    await xdotool("mousemove", "--window", window_id, "20", "20")
    await xdotool("windowfocus", "--sync", window_id)


async def type_text(window_id: str, text: str) -> None:
    await focus(window_id)
    await xdotool("type", "--delay", "40", text)


async def press(window_id: str, *keys: str) -> None:
    await focus(window_id)
    await xdotool("key", "--delay", "60", *keys)


async def geometry(window_id: str) -> Geometry:
    values = dict(
        line.split("=", 1) for line in (await xdotool("getwindowgeometry", "--shell", window_id)).split()
    )
    return Geometry(int(values["X"]), int(values["Y"]), int(values["WIDTH"]), int(values["HEIGHT"]))


def screenshot(area: Geometry, path: Path) -> mss.screenshot.ScreenShot:
    """The screen inside `area`, also saved as a PNG to look at when a check fails."""
    with mss.MSS() as screen:
        shot = screen.grab({"left": area.x, "top": area.y, "width": area.width, "height": area.height})
    mss.tools.to_png(shot.rgb, shot.size, output=str(path))
    return shot


def pixels_of_colour(shot: mss.screenshot.ScreenShot, rgb: tuple[int, int, int]) -> int:
    wanted = bytes(rgb)
    raw = shot.rgb
    return sum(1 for i in range(0, len(raw), 3) if raw[i : i + 3] == wanted)


def connections_to(pid: int, port: int) -> int:
    """How many TCP connections process `pid` holds to `port` on this machine."""
    sockets = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(FileNotFoundError):  # closed while we looked
            target = os.readlink(fd)
            if target.startswith("socket:["):
                sockets.add(target.removeprefix("socket:[").removesuffix("]"))
    count = 0
    for table in ("tcp", "tcp6"):
        lines = Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]
        for line in lines:
            fields = line.split()
            remote_port = int(fields[2].rsplit(":", 1)[1], 16)
            if remote_port == port and fields[9] in sockets:
                count += 1
    return count
