"""Windows: `ShellExecuteExW` with the verb "runas" starts the one-dir helper through UAC.

The helper must be installed in an admin-only folder (under Program Files), never run from the
one-file client or a folder the user can write: UAC would otherwise elevate whatever a user's
program put there. Cancelling the UAC prompt fails the call with ERROR_CANCELLED (1223).
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from pathlib import Path

from client.platform.elevate.base import HELPER_NAME, ElevationError, HelperRequest, write_token

ERROR_CANCELLED = 1223
STILL_ACTIVE = 259
SEE_MASK_NOCLOSEPROCESS = 0x00000040
SEE_MASK_NO_CONSOLE = 0x00008000
SW_HIDE = 0


def installed_helper(program_files: str) -> Path:
    """Where the one-dir helper lives: a folder only administrators can change."""
    return Path(program_files) / "Fernhilfe" / "admin-helper" / f"{HELPER_NAME}.exe"


def parameters(arguments: list[str]) -> str:
    """The command line tail for `lpParameters`, quoted the way the C runtime splits it."""
    return subprocess.list2cmdline(arguments)


def failure_for_error(code: int) -> ElevationError:
    if code == ERROR_CANCELLED:
        return ElevationError("the administrator prompt was cancelled", dismissed=True)
    return ElevationError(f"ShellExecuteExW failed with error {code}")


if sys.platform == "win32":
    from ctypes import wintypes

    class _ShellExecuteInfo(ctypes.Structure):
        _fields_ = [
            ("cbSize", wintypes.DWORD),
            ("fMask", ctypes.c_ulong),
            ("hwnd", wintypes.HWND),
            ("lpVerb", wintypes.LPCWSTR),
            ("lpFile", wintypes.LPCWSTR),
            ("lpParameters", wintypes.LPCWSTR),
            ("lpDirectory", wintypes.LPCWSTR),
            ("nShow", ctypes.c_int),
            ("hInstApp", wintypes.HINSTANCE),
            ("lpIDList", ctypes.c_void_p),
            ("lpClass", wintypes.LPCWSTR),
            ("hkeyClass", wintypes.HKEY),
            ("dwHotKey", wintypes.DWORD),
            ("hIconOrMonitor", wintypes.HANDLE),
            ("hProcess", wintypes.HANDLE),
        ]

    class UacLaunch:
        def __init__(self, process: int) -> None:
            self._process = process

        def exit_code(self) -> int | None:
            code = wintypes.DWORD()
            if not ctypes.windll.kernel32.GetExitCodeProcess(self._process, ctypes.byref(code)):
                return -1
            return None if code.value == STILL_ACTIVE else int(code.value)

        def failure(self) -> ElevationError:
            return ElevationError(f"the administrator helper ended with exit code {self.exit_code()}")

        def close(self) -> None:
            if self._process:
                ctypes.windll.kernel32.CloseHandle(self._process)
                self._process = 0

    class WindowsElevator:
        def __init__(self, helper: Path | None = None) -> None:
            self.helper = helper or installed_helper(os.environ.get("PROGRAMFILES", r"C:\Program Files"))

        def launch(self, program: list[str], request: HelperRequest) -> UacLaunch:
            """`program` is ignored: only the installed helper is ever elevated."""
            if not self.helper.is_file():
                raise ElevationError(f"the administrator helper is not installed at {self.helper}")
            token_file = write_token(request)
            info = _ShellExecuteInfo()
            info.cbSize = ctypes.sizeof(info)
            info.fMask = SEE_MASK_NOCLOSEPROCESS | SEE_MASK_NO_CONSOLE
            info.lpVerb = "runas"
            info.lpFile = str(self.helper)
            info.lpParameters = parameters(request.arguments(token_file))
            info.nShow = SW_HIDE
            if not ctypes.windll.shell32.ShellExecuteExW(ctypes.byref(info)):
                token_file.unlink(missing_ok=True)
                raise failure_for_error(ctypes.GetLastError())
            return UacLaunch(int(info.hProcess or 0))
