"""What keeping or removing the client means, apart from how each operating system does it.

The decisions here are pure: where this copy of the client comes from (`Origin`), and what the
end of a run does with it (`Step`). The backends only carry them out.
"""

from __future__ import annotations

import os
import shutil
from abc import ABC, abstractmethod
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

APP_NAME = "Fernhilfe"


class InstallError(Exception):
    """Keeping or removing the client failed; the message says what and why."""


@dataclass(frozen=True)
class Layout:
    """Where a kept client lives for this user. Nothing here needs administrator rights."""

    program: Path
    """The kept client: the executable (Linux, Windows) or the Fernhilfe.app bundle (macOS)."""
    client_dirs: tuple[Path, ...]
    """Folders only the client writes (logs, its copy of the logo); removed with it."""


@dataclass(frozen=True)
class Branding:
    """What the launcher entry shows: the organisation's name and logo."""

    organisation: str
    logo: Path | None


class Origin(Enum):
    """Where the running client comes from."""

    SOURCE = "source"
    """`python -m client` or the development entry point: nothing to keep or remove."""
    DOWNLOADED = "downloaded"
    """The one-file client somewhere else, usually where the browser saved it."""
    KEPT = "kept"
    """The copy a customer chose to keep, in the per-user programs folder."""


class Step(Enum):
    """What the end of a run does with the client."""

    NOTHING = "nothing"
    INSTALL = "install"
    REMOVE_RUNNING = "remove_running"
    UNINSTALL = "uninstall"


def origin_of(running: Path | None, layout: Layout) -> Origin:
    """`running` is the client's own file or bundle, None when it runs from source."""
    if running is None:
        return Origin.SOURCE
    return Origin.KEPT if same_path(running, layout.program) else Origin.DOWNLOADED


def keep_by_default(origin: Origin) -> bool:
    """The checkbox is off for a download, and shows a kept copy as kept."""
    return origin is Origin.KEPT


def end_of_run_step(origin: Origin, keep: bool) -> Step:
    """A download is kept only when the customer ticked the box, and removed otherwise.

    Unticking the box in the kept copy removes it, as `--uninstall` does.
    """
    if origin is Origin.SOURCE:
        return Step.NOTHING
    if origin is Origin.DOWNLOADED:
        return Step.INSTALL if keep else Step.REMOVE_RUNNING
    return Step.NOTHING if keep else Step.UNINSTALL


def writes_log_file(origin: Origin) -> bool:
    """Only a kept client (or a developer's) keeps a log file.

    A download that is not kept must leave nothing behind, even when it crashes before the end of
    the run removes what it wrote; so it logs to stderr only, and whether it will be kept is not
    known yet when logging starts.
    """
    return origin is not Origin.DOWNLOADED


def same_path(first: Path, second: Path) -> bool:
    """Also true for different spellings of one path (symlinks, case on Windows)."""
    return os.path.normcase(first.resolve()) == os.path.normcase(second.resolve())


def owned_by_client(path: Path) -> bool:
    """A folder the client may delete whole: one named after it (Fernhilfe.app too), or inside one.

    Guards the recursive removals against an odd environment (say XDG_DATA_HOME=/).
    """
    return any(part.lower().lstrip(".").startswith(APP_NAME.lower()) for part in path.parts)


def remove_path(path: Path) -> None:
    """Remove a file, a symlink or a folder the client owns; missing is fine."""
    if path.is_dir() and not path.is_symlink():
        if not owned_by_client(path):
            raise InstallError(f"refusing to remove {path}: it is not a Fernhilfe folder")
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def remove_all(paths: list[Path]) -> None:
    """Remove every path, then report together all that could not be removed."""
    failures = []
    for path in paths:
        try:
            remove_path(path)
        except (OSError, InstallError) as exc:
            failures.append(f"{path}: {exc}")
    if failures:
        raise InstallError("could not remove " + "; ".join(failures))


class Installer(ABC):
    """Keeps the client for later sessions, or removes it. One backend per operating system."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout

    def is_installed(self) -> bool:
        return self.layout.program.exists()

    @abstractmethod
    def install(self, running: Path, branding: Branding) -> None:
        """Copy the running client into the per-user programs folder and add the launcher entry.

        A kept copy that is already there is replaced: a newer download updates it.
        """

    @abstractmethod
    def uninstall(self, running: Path | None) -> None:
        """Remove the kept client, its launcher entry and the folders it wrote.

        `running` is the client doing it, which may be the kept copy itself.
        """

    @abstractmethod
    def remove_running(self, running: Path) -> None:
        """Remove the copy that runs now: a download the customer did not keep."""
