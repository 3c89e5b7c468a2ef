"""Windows: %LOCALAPPDATA%\\Programs\\Fernhilfe, a Start-menu shortcut, an Apps & Features entry.

All three are per user, so no administrator rights are needed. Windows does not let a running
executable be deleted, and the one-file bootloader (the parent of this Python process) holds
the .exe open until it has removed its extraction folder; so removing the running client is
left to a detached PowerShell that waits for the bootloader to exit. The command lines are built
by pure functions, tested on every platform.
"""

from __future__ import annotations

import base64
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path, PureWindowsPath

from platformdirs import PlatformDirs

from client import __version__
from client.platform.install.base import (
    APP_NAME,
    Branding,
    Installer,
    InstallError,
    Layout,
    remove_all,
    same_path,
)

EXECUTABLE = f"{APP_NAME}.exe"
SHORTCUT = f"{APP_NAME}.lnk"
UNINSTALL_KEY = rf"Software\Microsoft\Windows\CurrentVersion\Uninstall\{APP_NAME}"
POWERSHELL_TIMEOUT_S = 60
WAIT_FOR_EXIT_S = 600
"""The helper gives up waiting after this; it never lingers for a whole login session."""
DELETE_ATTEMPTS = 40
"""Tries, half a second apart, while a virus scanner may still hold the file."""


def ps_quote(text: str) -> str:
    """A PowerShell single-quoted literal: nothing inside is expanded."""
    return "'" + text.replace("'", "''") + "'"


def powershell_command(script: str) -> list[str]:
    """Run `script` hidden, without profile or prompts; -EncodedCommand avoids all quoting."""
    encoded = base64.b64encode(script.encode("utf-16-le")).decode("ascii")
    return [
        "powershell.exe",
        "-NoProfile",
        "-NonInteractive",
        "-ExecutionPolicy",
        "Bypass",
        "-WindowStyle",
        "Hidden",
        "-EncodedCommand",
        encoded,
    ]


def deferred_deletion_script(bootloader_pid: int, paths: Sequence[str]) -> str:
    """Wait until the bootloader has exited (and removed its extraction folder), then delete."""
    targets = ", ".join(ps_quote(path) for path in paths)
    return "\n".join(
        [
            "$ErrorActionPreference = 'SilentlyContinue'",
            f"Wait-Process -Id {int(bootloader_pid)} -Timeout {WAIT_FOR_EXIT_S}",
            f"foreach ($target in @({targets})) {{",
            f"    for ($try = 0; $try -lt {DELETE_ATTEMPTS}; $try++) {{",
            "        if (-not (Test-Path -LiteralPath $target)) { break }",
            "        Remove-Item -LiteralPath $target -Recurse -Force",
            "        if (Test-Path -LiteralPath $target) { Start-Sleep -Milliseconds 500 }",
            "    }",
            "}",
        ]
    )


def shortcut_script(shortcut: str, target: str, description: str) -> str:
    """Create a Start-menu shortcut through the shell's own COM object (no pywin32 needed)."""
    return "\n".join(
        [
            "$ErrorActionPreference = 'Stop'",
            f"$link = (New-Object -ComObject WScript.Shell).CreateShortcut({ps_quote(shortcut)})",
            f"$link.TargetPath = {ps_quote(target)}",
            f"$link.WorkingDirectory = {ps_quote(str(PureWindowsPath(target).parent))}",
            f"$link.Description = {ps_quote(description)}",
            f"$link.IconLocation = {ps_quote(target + ',0')}",
            "$link.Save()",
        ]
    )


def uninstall_entry(program: str, organisation: str, version: str) -> dict[str, str | int]:
    """The Apps & Features entry: its Uninstall button runs `Fernhilfe.exe --uninstall`."""
    return {
        "DisplayName": APP_NAME,
        "DisplayVersion": version,
        "Publisher": organisation,
        "DisplayIcon": f"{program},0",
        "InstallLocation": str(PureWindowsPath(program).parent),
        "UninstallString": f'"{program}" --uninstall',
        "QuietUninstallString": f'"{program}" --uninstall',
        "NoModify": 1,
        "NoRepair": 1,
    }


class WindowsInstaller(Installer):
    """Keeps the client in the per-user Programs folder, with a shortcut and an uninstall entry."""

    def __init__(self, program: Path, shortcut: Path, client_dirs: tuple[Path, ...]) -> None:
        super().__init__(Layout(program, client_dirs))
        self.shortcut = shortcut

    @classmethod
    def for_this_user(cls) -> WindowsInstaller:
        dirs = PlatformDirs(APP_NAME, appauthor=False)
        return cls(
            program=Path(dirs.user_bin_dir) / APP_NAME / EXECUTABLE,
            shortcut=Path(dirs.user_applications_dir) / SHORTCUT,
            client_dirs=(dirs.user_data_path, dirs.user_cache_path, dirs.user_log_path),
        )

    def install(self, running: Path, branding: Branding) -> None:
        """The logo is already the .exe's icon (the build converts it), so the shortcut uses that."""
        program = self.layout.program
        try:
            if not same_path(running, program):
                program.parent.mkdir(parents=True, exist_ok=True)
                partial = program.with_name(f"{program.name}.part")
                shutil.copyfile(running, partial)
                os.replace(partial, program)
            description = f"{APP_NAME}: remote support by {branding.organisation}"
            _run_powershell(shortcut_script(str(self.shortcut), str(program), description))
            _register(uninstall_entry(str(program), branding.organisation, __version__))
        except (OSError, subprocess.SubprocessError) as exc:
            raise InstallError(f"cannot keep Fernhilfe in {program.parent}: {exc}") from exc

    def uninstall(self, running: Path | None) -> None:
        _unregister()
        folder = self.layout.program.parent
        if running is not None and running.resolve().is_relative_to(folder.resolve()):
            remove_all([self.shortcut, *self.layout.client_dirs])
            _delete_after_exit([folder])
        else:
            remove_all([self.shortcut, folder, *self.layout.client_dirs])

    def remove_running(self, running: Path) -> None:
        _delete_after_exit([running])


def _run_powershell(script: str) -> None:
    subprocess.run(
        powershell_command(script),
        check=True,
        capture_output=True,
        timeout=POWERSHELL_TIMEOUT_S,
        creationflags=_creation_flags(detached=False),
    )


def _delete_after_exit(paths: Sequence[Path]) -> None:
    """Start the detached deletion; it outlives this process and its bootloader."""
    script = deferred_deletion_script(os.getppid(), [str(path) for path in paths])
    try:
        subprocess.Popen(
            powershell_command(script),
            cwd=tempfile.gettempdir(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=True,
            creationflags=_creation_flags(detached=True),
        )
    except OSError as exc:
        raise InstallError(f"cannot start the removal of {', '.join(map(str, paths))}: {exc}") from exc


def _creation_flags(detached: bool) -> int:
    """No console window; a detached process also leaves this one's console and Ctrl+C group."""
    if sys.platform == "win32":
        flags = subprocess.CREATE_NO_WINDOW
        if detached:
            flags |= subprocess.DETACHED_PROCESS | subprocess.CREATE_NEW_PROCESS_GROUP
        return flags
    else:
        return 0


def _register(values: dict[str, str | int]) -> None:
    if sys.platform == "win32":
        import winreg

        with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, UNINSTALL_KEY, 0, winreg.KEY_SET_VALUE) as key:
            for name, value in values.items():
                if isinstance(value, int):
                    winreg.SetValueEx(key, name, 0, winreg.REG_DWORD, value)
                else:
                    winreg.SetValueEx(key, name, 0, winreg.REG_SZ, value)


def _unregister() -> None:
    if sys.platform == "win32":
        import winreg

        with contextlib.suppress(FileNotFoundError):
            winreg.DeleteKey(winreg.HKEY_CURRENT_USER, UNINSTALL_KEY)
