"""Where Windows may find the administrator helper: pure rules, so they are tested anywhere.

UAC elevates whatever file it is given. The helper is therefore a one-dir build installed by an
administrator under Program Files (`…\\Fernhilfe\\admin-helper\\fernhilfe-admin-helper.exe`),
and never the one-file client the customer downloaded, nor anything under a folder the user can
write (profile, temp, local app data), where another program of the user could replace it between
the check and the prompt. Program Files comes from the shell's known folder, not from an
environment variable the user controls.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PureWindowsPath

HELPER_EXE = "fernhilfe-admin-helper.exe"
HELPER_FOLDER = ("Fernhilfe", "admin-helper")


def installed_helper(program_files: str) -> PureWindowsPath:
    """Where the installer puts the one-dir helper."""
    return PureWindowsPath(program_files, *HELPER_FOLDER, HELPER_EXE)


def _folded(path: PureWindowsPath) -> list[str]:
    """Case-insensitively, as NTFS compares names."""
    return [part.casefold() for part in path.parts]


def _inside(path: PureWindowsPath, folder: PureWindowsPath) -> bool:
    parts, prefix = _folded(path), _folded(folder)
    return len(parts) > len(prefix) and parts[: len(prefix)] == prefix


def location_refusal(
    helper: str, program_files: str, user_writable: Iterable[str], client_executable: str
) -> str | None:
    """Why `helper` must not be elevated (None: it may be).

    `user_writable` are the folders the user can write (profile, %TEMP%, %LOCALAPPDATA%);
    `client_executable` is the running client, which is never elevated itself.
    """
    path = PureWindowsPath(helper)
    if not path.is_absolute() or ".." in path.parts or path.drive.startswith("\\\\"):
        return f"{helper} is not a local absolute path"
    if path.name.casefold() != HELPER_EXE:
        return f"{helper} is not the administrator helper"
    if _folded(path) == _folded(PureWindowsPath(client_executable)):
        return "the client itself is never elevated"
    if not _inside(path, PureWindowsPath(program_files)):
        return f"{helper} is not under {program_files}, which only administrators can change"
    for folder in user_writable:
        if folder and _inside(path, PureWindowsPath(folder)):
            return f"{helper} is in {folder}, which the user can change"
    return None
