"""The real support server in a subprocess, and the REST calls every test needs first.

Typical use (or take the `server` fixture from `tests.support.fixtures`)::

    add_expert(tmp_path / "data", "anna", "correct horse battery", "Anna Berger", "Beispiel GmbH")
    with ServerProcess(tmp_path / "data") as server:
        ticket = open_session(server, "anna", "correct horse battery")
        ticket.session["number"]        # what the customer types
        ssl_context(server.ca_path)     # trusts exactly the server's CA

The server's stderr goes to `<data_dir>.log` (read it with `log_text()`); its stdout announces the
URL, the CA path, the pin and the organisation key, which `start()` parses.
"""

from __future__ import annotations

import queue
import re
import signal
import ssl
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import httpx

REPO_ROOT = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT = 30.0
STOP_TIMEOUT = 15.0

_LISTENING = re.compile(r"Fernhilfe server listening on https://(?P<host>.+):(?P<port>\d+)/")
_CA = re.compile(r"CA certificate: (?P<path>.+)")
_PIN = re.compile(r"CA pin \(SHA-256\): (?P<pin>[0-9a-f]{64})")
_ORG_KEY = re.compile(r"Organisation key: (?P<key>[A-Za-z0-9+/]{43}=)")


class ServerStartError(RuntimeError):
    """The server exited or stayed silent instead of announcing itself; the message holds its log."""


class ServerProcess:
    """`python -m server serve` on 127.0.0.1, port 0 at first and the same port after `restart()`."""

    def __init__(
        self,
        data_dir: Path,
        *,
        retention_days: int = 90,
        screenshot_interval: float = 10.0,
        number_ttl: float = 600.0,
    ) -> None:
        self.data_dir = Path(data_dir).resolve()
        self.log_path = self.data_dir.with_name(self.data_dir.name + ".log")
        self.retention_days = retention_days
        self.screenshot_interval = screenshot_interval
        self.number_ttl = number_ttl
        self.port = 0
        self.pin = ""
        self.org_key = ""
        """The organisation's public key (base64), as `org-key export` prints it."""
        self.ca_path = self.data_dir / "ca.pem"
        self.process: subprocess.Popen[str] | None = None
        self._log: IO[str] | None = None
        self._pump: threading.Thread | None = None

    @property
    def url(self) -> str:
        """`https://127.0.0.1:PORT` (no trailing slash)."""
        return f"https://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        """`wss://127.0.0.1:PORT`; the endpoints are `/ws/customer` and `/ws/expert`."""
        return f"wss://127.0.0.1:{self.port}"

    def start(self) -> ServerProcess:
        """Start and wait until the server has printed its three announcement lines."""
        if self.process is not None:
            raise RuntimeError("already running")
        self._log = self.log_path.open("a", encoding="utf-8")
        command = [sys.executable, "-m", "server", "serve", "--data-dir", str(self.data_dir)]
        command += ["--port", str(self.port), "--retention-days", str(self.retention_days)]
        command += [
            "--screenshot-interval",
            str(self.screenshot_interval),
            "--number-ttl",
            str(self.number_ttl),
        ]
        self.process = subprocess.Popen(
            command, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=self._log, text=True
        )
        assert self.process.stdout is not None
        lines, self._pump = _read_lines(self.process.stdout, 4, STARTUP_TIMEOUT)
        listening, ca, pin, org_key = (
            pattern.fullmatch(line)
            for pattern, line in zip(
                (_LISTENING, _CA, _PIN, _ORG_KEY), [*lines, "", "", "", ""], strict=False
            )
        )
        if not (listening and ca and pin and org_key):
            self.kill()
            raise ServerStartError(f"server did not announce itself: {lines!r}\n{self.log_text()}")
        self.port = int(listening["port"])
        self.ca_path = Path(ca["path"])
        self.pin = pin["pin"]
        self.org_key = org_key["key"]
        return self

    def stop(self) -> int:
        """SIGTERM (sessions end with `server_shutdown`), wait, and return the exit code."""
        if self.process is None:
            return 0
        self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.kill()
            raise RuntimeError(f"server ignored SIGTERM\n{self.log_text()}") from None
        self._reap()
        return code

    def kill(self) -> None:
        """SIGKILL: the server gets no chance to end sessions (a crash)."""
        if self.process is None:
            return
        self.process.kill()
        self.process.wait(STOP_TIMEOUT)
        self._reap()

    def restart(self) -> ServerProcess:
        """Stop if running, then start again on the same port with the same data directory."""
        self.stop()
        return self.start()

    def log_text(self) -> str:
        """Everything the server wrote to stderr so far."""
        return self.log_path.read_text(encoding="utf-8") if self.log_path.exists() else ""

    def _reap(self) -> None:
        if self._pump is not None:
            self._pump.join(STOP_TIMEOUT)
            self._pump = None
        self.process = None
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> ServerProcess:
        return self.start() if self.process is None else self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()


def _read_lines(stream: IO[str], count: int, timeout: float) -> tuple[list[str], threading.Thread]:
    """Read `count` lines within `timeout`; the returned thread keeps draining, then closes, `stream`."""
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        with stream:
            for line in stream:
                lines.put(line.rstrip("\n"))
        lines.put(None)

    thread = threading.Thread(target=pump, name="server-stdout", daemon=True)
    thread.start()
    read: list[str] = []
    deadline = time.monotonic() + timeout
    while len(read) < count:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            break
        if line is None:
            break
        read.append(line)
    return read, thread


def add_expert(data_dir: Path, username: str, password: str, name: str, organisation: str) -> None:
    """Add an expert through the real CLI (`expert add`, password on stdin)."""
    command = [sys.executable, "-m", "server", "expert", "add", username, "--data-dir", str(data_dir)]
    command += ["--name", name, "--organisation", organisation]
    result = subprocess.run(
        command, cwd=REPO_ROOT, input=password + "\n", capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"expert add failed ({result.returncode}): {result.stderr.strip()}")


def ssl_context(ca_path: Path) -> ssl.SSLContext:
    """A client context that trusts exactly the server's CA and checks the host name."""
    return ssl.create_default_context(cafile=str(ca_path))


@dataclass(frozen=True)
class SessionTicket:
    """What an expert holds after logging in and creating a session over REST."""

    token: str
    session: dict[str, Any]
    """The `Session` JSON of docs/protocol.md."""

    @property
    def session_id(self) -> str:
        return str(self.session["id"])

    @property
    def number(self) -> str:
        return str(self.session["number"])


def login(server: ServerProcess, username: str, password: str) -> str:
    """`POST /api/login`; returns the bearer token (raises on any other answer than 200)."""
    with httpx.Client(base_url=server.url, verify=ssl_context(server.ca_path)) as client:
        response = client.post("/api/login", json={"username": username, "password": password})
        response.raise_for_status()
        return str(response.json()["token"])


def open_session(server: ServerProcess, username: str, password: str) -> SessionTicket:
    """Log in and `POST /api/sessions`."""
    with httpx.Client(base_url=server.url, verify=ssl_context(server.ca_path)) as client:
        response = client.post("/api/login", json={"username": username, "password": password})
        response.raise_for_status()
        token = str(response.json()["token"])
        created = client.post("/api/sessions", headers={"Authorization": f"Bearer {token}"})
        created.raise_for_status()
        return SessionTicket(token, created.json())


async def open_session_async(server: ServerProcess, username: str, password: str) -> SessionTicket:
    """`open_session` for async tests."""
    async with httpx.AsyncClient(base_url=server.url, verify=ssl_context(server.ca_path)) as client:
        response = await client.post("/api/login", json={"username": username, "password": password})
        response.raise_for_status()
        token = str(response.json()["token"])
        created = await client.post("/api/sessions", headers={"Authorization": f"Bearer {token}"})
        created.raise_for_status()
        return SessionTicket(token, created.json())
