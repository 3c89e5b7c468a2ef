"""`scripts/demo.sh` as a newcomer runs it, headless: one clear block with the console and login, a
client that can be closed and started again while server and console keep answering, a clean stop."""

from __future__ import annotations

import os
import queue
import re
import signal
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
STEP_TIMEOUT_S = 60.0


class Demo:
    """The running script: its output line by line, its stdin for the "another customer?" prompt."""

    def __init__(self, demo_dir: Path) -> None:
        env = {key: value for key, value in os.environ.items() if key not in ("DISPLAY", "WAYLAND_DISPLAY")}
        env |= {"FERNHILFE_PORT": "0", "FERNHILFE_DEMO_DIR": str(demo_dir), "LANGUAGE": "en"}
        self.dir = demo_dir
        self.process = subprocess.Popen(
            ["bash", "scripts/demo.sh"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def wait_for(self, pattern: str) -> re.Match[str]:
        deadline = time.monotonic() + STEP_TIMEOUT_S
        while True:
            try:
                line = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(
                    f"no line matching {pattern!r}; output:\n" + "\n".join(self.lines)
                ) from None
            if line is None:
                raise AssertionError(f"the demo ended before {pattern!r}; output:\n" + "\n".join(self.lines))
            self.lines.append(line)
            if match := re.search(pattern, line):
                return match

    def answer(self, text: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(text + "\n")
        self.process.stdin.flush()

    def close_client_window(self, display: str) -> None:
        """Esc on the number dialog, as a customer who does not want support presses it."""
        env = {**os.environ, "DISPLAY": display}
        found = subprocess.run(
            ["xdotool", "search", "--sync", "--name", "Fernhilfe remote support"],
            env=env,
            capture_output=True,
            text=True,
            timeout=STEP_TIMEOUT_S,
            check=True,
        )
        for window in found.stdout.split():
            subprocess.run(
                ["xdotool", "key", "--window", window, "Escape"], env=env, capture_output=True, check=False
            )


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Demo]:
    running = Demo(tmp_path / "demo")
    try:
        yield running
    finally:
        if running.process.poll() is None:
            os.kill(-running.process.pid, signal.SIGTERM)  # its whole process group
            running.process.wait(timeout=30)
        for pipe in (running.process.stdin, running.process.stdout):
            if pipe is not None:
                pipe.close()


def console_answers(url: str, ca: Path, password: str) -> bool:
    context = ssl.create_default_context(cafile=str(ca))
    with httpx.Client(base_url=url, verify=context, timeout=10) as client:
        page = client.get("/")
        login = client.post("/api/login", json={"username": "demo", "password": password})
    return page.status_code == 200 and "Fernhilfe" in page.text and login.status_code == 200


def test_the_demo_keeps_server_and_console_running_between_customers(demo: Demo):
    url = demo.wait_for(r"Expert console:\s+(https://127\.0\.0\.1:\d+/)")[1]
    demo.wait_for(r"No desktop here")
    demo.wait_for(r"Sign in as:\s+demo$")
    password = demo.wait_for(r"Password:\s+(\S+)$")[1]
    display = demo.wait_for(r"window \(on the right, display (:\d+)\)")[1]
    demo.wait_for(r"^=+$")
    assert not any("pip" in line or "Collecting" in line for line in demo.lines), "installer noise shown"
    ca = demo.dir / "server" / "ca.pem"

    demo.wait_for(r"Customer client running \(pid \d+\)")
    demo.close_client_window(display)
    demo.wait_for(r"The customer client has closed\. Server and console keep running")
    assert console_answers(url, ca, password)

    demo.answer("")
    second = int(demo.wait_for(r"Customer client running \(pid (\d+)\)")[1])
    demo.process.terminate()  # what Ctrl+C in its terminal does: everything it started stops
    assert demo.process.wait(timeout=30) != 0
    with pytest.raises(httpx.ConnectError):
        console_answers(url, ca, password)
    deadline = time.monotonic() + 10
    while Path(f"/proc/{second}").exists():
        assert time.monotonic() < deadline, "the customer client outlived the demo"
        time.sleep(0.1)
