"""A recording elevator for tests of the wiring: it launches nothing as administrator.

`dismiss` makes every launch end as a dismissed prompt (exit 126); otherwise the helper runs
unelevated as a child process, which is enough to test everything around the prompt.
"""

from __future__ import annotations

import subprocess

from client.platform.elevate.base import HelperRequest
from client.platform.elevate.linux import DISMISSED_EXIT, ProcessLaunch


class FakeElevator:
    def __init__(self, dismiss: bool = False) -> None:
        self.dismiss = dismiss
        self.launches: list[list[str]] = []

    def launch(self, program: list[str], request: HelperRequest) -> ProcessLaunch:
        command = [*program, *request.arguments()]
        self.launches.append(command)
        if self.dismiss:
            command = ["sh", "-c", f"exit {DISMISSED_EXIT}"]
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
        assert process.stdin is not None
        try:
            process.stdin.write(request.token.encode("ascii") + b"\n")
            process.stdin.close()
        except OSError:
            pass
        return ProcessLaunch(process)
