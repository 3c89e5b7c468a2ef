"""The elevation capability: start the helper with administrator rights through the operating
system's own prompt, and tell a dismissed prompt from a failure.

A backend only launches; the helper itself checks who connects (client/admin_helper). The
token travels where no other user can read it: the launcher's standard input where the prompt
passes it along (Linux), else a 0600 file in the client's private 0700 folder (`--token-file`),
which the helper deletes at once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

HELPER_NAME = "fernhilfe-admin-helper"
HELPER_MODE = "--admin-helper"
"""The first argument that makes a built client run as the helper (client/__main__.py)."""
TOKEN_FILE = "token"


class ElevationError(Exception):
    """The helper could not be started; `dismissed` when the customer closed the prompt."""

    def __init__(self, detail: str, *, dismissed: bool = False) -> None:
        super().__init__(detail)
        self.dismissed = dismissed


@dataclass(frozen=True)
class HelperRequest:
    """What the helper needs to know: where to listen, whom to admit, and its token."""

    folder: Path
    uid: int
    gid: int
    client_pid: int
    token: str
    user_sid: str | None = None
    """Windows: the client's user, whom the helper's pipe admits (uid and gid are unused there)."""

    def arguments(self, token_file: Path | None = None) -> list[str]:
        args = [
            "--dir",
            str(self.folder),
            "--uid",
            str(self.uid),
            "--gid",
            str(self.gid),
            "--client-pid",
            str(self.client_pid),
        ]
        if self.user_sid is not None:
            args += ["--user-sid", self.user_sid]
        return [*args, "--token-file", str(token_file)] if token_file is not None else args


class Launch(Protocol):
    """A started launcher (and through it the helper). Call from the client's event-loop thread."""

    def exit_code(self) -> int | None:
        """The launcher's exit code once it ended (the helper has ended then, too), else None."""
        ...

    def failure(self) -> ElevationError:
        """What an ended launch means; call only after `exit_code()` returned a value."""
        ...

    def close(self) -> None:
        """Release the handles; the helper stops on its own when the client disconnects."""
        ...


class Elevator(Protocol):
    def launch(self, program: list[str], request: HelperRequest) -> Launch:
        """Start `program` (the helper) elevated with the request's arguments.

        Raises `ElevationError` when it cannot even start (no launcher, prompt refused at once).
        """
        ...


def helper_program(frozen: bool, executable: str, source_root: Path) -> list[str]:
    """How to start the helper: a built client is its own helper in `HELPER_MODE`, or the source
    script runs.

    A built client dispatches to the helper before Qt is imported, so the download carries no
    second program. On Windows the elevator ignores this and elevates only the one-dir helper
    installed under Program Files (windows.py): UAC must never elevate a user-writable file.
    From source, Python runs isolated (`-I`): no environment variables, no user site, no working
    folder on the path; the script finds its own package (launchers clear the environment).
    """
    if frozen:
        return [executable, HELPER_MODE]
    return [executable, "-I", str(source_root / "client" / "admin_helper" / "__main__.py")]


def write_token(request: HelperRequest) -> Path:
    """The token for the helper in a new file only this user (and the administrator) can read,
    inside the client's private folder; the helper deletes it once read."""
    path = request.folder / TOKEN_FILE
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as out:
        out.write(request.token)
    return path
