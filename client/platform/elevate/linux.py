"""Linux: `pkexec` (or the configured launcher, e.g. `sudo -n`) runs the helper as root.

pkexec exits 126 when the customer dismissed its dialog and 127 when not authorised; both
mean no administrator rights. It clears the environment (so the helper is headless) and passes
standard input along, which carries the token.
"""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Sequence

from client.platform.elevate.base import ElevationError, HelperRequest

DEFAULT_LAUNCHER = ("pkexec",)
DISMISSED_EXIT = 126
GRACE_S = 3.0


def failure_for(code: int) -> ElevationError:
    if code == DISMISSED_EXIT:
        return ElevationError("the administrator prompt was dismissed", dismissed=True)
    return ElevationError(f"the elevation launcher ended with exit code {code}")


class ProcessLaunch:
    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self._process = process

    def exit_code(self) -> int | None:
        return self._process.poll()

    def failure(self) -> ElevationError:
        code = self._process.poll()
        return failure_for(code if code is not None else -1)

    def close(self) -> None:
        """The helper ends when its connection closes (killing its command first). A launcher
        still running after that (its prompt open, say) is asked to stop; the helper handles
        that signal the same way."""
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._process.wait(timeout=GRACE_S)
        if self._process.poll() is None:
            with contextlib.suppress(OSError):
                self._process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout=GRACE_S)


class LinuxElevator:
    def __init__(self, launcher: Sequence[str] = DEFAULT_LAUNCHER) -> None:
        if not launcher:
            raise ValueError("the elevation launcher must name a program")
        self.launcher = tuple(launcher)

    def command(self, program: list[str], request: HelperRequest) -> list[str]:
        return [*self.launcher, *program, *request.arguments()]

    def launch(self, program: list[str], request: HelperRequest) -> ProcessLaunch:
        try:
            process = subprocess.Popen(
                self.command(program, request), stdin=subprocess.PIPE, stdout=subprocess.DEVNULL
            )
        except OSError as exc:
            raise ElevationError(f"cannot start {self.launcher[0]}: {exc}") from None
        assert process.stdin is not None
        try:
            process.stdin.write(request.token.encode("ascii") + b"\n")
            process.stdin.close()
        except OSError:
            pass  # the launcher ended at once; exit_code() tells why
        return ProcessLaunch(process)
