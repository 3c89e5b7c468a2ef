"""Administrator rights: how long the helper takes to be ready after the customer's Allow, and
what running a command through it costs next to running it directly.

The helper is started as root with `sudo -n` (pkexec's stand-in; run this as root, or as a user
with a matching sudoers rule), so the times contain the launcher but no password dialog. Each
round starts a fresh helper (`ready`), runs `true` through it `COMMANDS` times (`command`), and
the same command line directly with the system shell (`direct`, the real peer of the ratio):

    .venv/bin/python -m bench.admin_helper

The last line is machine-readable: `admin_helper ready_ms=… command_ms=… direct_ms=… ratio=…`
(medians in milliseconds; ratio = command / direct).
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from bench.stats import summary
from client.admin_wiring import default_helper_program
from client.core import events as ev
from client.platform.elevate.linux import LinuxElevator
from client.services.admin_helper import AdminHelperLink

ROUNDS = 10
COMMANDS = 20


async def _round(folder: Path, ready: list[float], command: list[float]) -> None:
    reports: list[ev.Event] = []
    link = AdminHelperLink(LinuxElevator(("sudo", "-n")), default_helper_program(), reports.append, folder)
    started = time.perf_counter()
    await link.start()
    ready.append((time.perf_counter() - started) * 1000)
    assert reports == [ev.AdminHelperReady()], reports
    for number in range(1, COMMANDS + 1):
        started = time.perf_counter()
        link.run(number, "true")
        while ev.AdminCommandExited(number, 0) not in reports:
            await asyncio.sleep(0.0005)
        command.append((time.perf_counter() - started) * 1000)
    await link.stop()


def main() -> None:
    ready: list[float] = []
    command: list[float] = []
    direct: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(ROUNDS):
            asyncio.run(_round(Path(folder), ready, command))
    for _ in range(ROUNDS * COMMANDS):
        started = time.perf_counter()
        subprocess.run(["/bin/sh", "-c", "true"], stdin=subprocess.DEVNULL, check=True)
        direct.append((time.perf_counter() - started) * 1000)
    print(summary("ready", ready))
    print(summary("command", command))
    print(summary("direct", direct))
    ratio = statistics.median(command) / statistics.median(direct)
    print(
        f"admin_helper ready_ms={statistics.median(ready):.1f} command_ms={statistics.median(command):.2f} "
        f"direct_ms={statistics.median(direct):.2f} ratio={ratio:.2f}"
    )


if __name__ == "__main__":
    main()
