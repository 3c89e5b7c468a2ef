"""macOS: `osascript … with administrator privileges` runs the helper as root after the
system's password dialog. Cancelling it makes osascript fail with error -128."""

from __future__ import annotations

import shlex
import subprocess

from client.platform.elevate.base import ElevationError, HelperRequest, write_token

USER_CANCELED = "(-128)"


def apple_script(command: list[str]) -> str:
    """The AppleScript that runs `command` as administrator; quoting is done twice on purpose:
    shell words inside an AppleScript string literal."""
    line = shlex.join(command)
    literal = line.replace("\\", "\\\\").replace('"', '\\"')
    return f'do shell script "{literal}" with administrator privileges'


def failure_for(code: int, stderr: str) -> ElevationError:
    if USER_CANCELED in stderr:
        return ElevationError("the administrator prompt was cancelled", dismissed=True)
    return ElevationError(f"osascript ended with exit code {code}: {stderr.strip()}")


class OsascriptLaunch:
    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self._process = process

    def exit_code(self) -> int | None:
        return self._process.poll()

    def failure(self) -> ElevationError:
        assert self._process.stderr is not None
        stderr = self._process.stderr.read().decode("utf-8", "replace")
        return failure_for(self._process.returncode, stderr)

    def close(self) -> None:
        if self._process.poll() is None:
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                return


class MacElevator:
    def launch(self, program: list[str], request: HelperRequest) -> OsascriptLaunch:
        token_file = write_token(request)
        script = apple_script([*program, *request.arguments(token_file)])
        try:
            process = subprocess.Popen(
                ["/usr/bin/osascript", "-e", script],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
        except OSError as exc:
            raise ElevationError(f"cannot start osascript: {exc}") from None
        return OsascriptLaunch(process)
