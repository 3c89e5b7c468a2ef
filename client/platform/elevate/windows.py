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

from client.platform.elevate.base import ElevationError, HelperRequest, write_token
from client.platform.elevate.windows_location import installed_helper, location_refusal

ERROR_CANCELLED = 1223
STILL_ACTIVE = 259
SEE_MASK_NOCLOSEPROCESS = 0x00000040
SEE_MASK_NO_CONSOLE = 0x00008000
SW_HIDE = 0
USER_FOLDERS = ("USERPROFILE", "LOCALAPPDATA", "APPDATA", "TEMP", "TMP")
"""Environment variables naming folders the user can write: never elevate anything in them."""


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

    class _Guid(ctypes.Structure):
        _fields_ = [
            ("Data1", wintypes.DWORD),
            ("Data2", wintypes.WORD),
            ("Data3", wintypes.WORD),
            ("Data4", ctypes.c_ubyte * 8),
        ]

    _FOLDERID_PROGRAM_FILES = _Guid(
        0x905E63B6, 0xC1BF, 0x494E, (ctypes.c_ubyte * 8)(0xB2, 0x9C, 0x65, 0xB7, 0x32, 0xD3, 0xD2, 0x1A)
    )

    def program_files() -> str:
        """The Program Files folder as the shell knows it (not %ProgramFiles%, which the user sets)."""
        path = wintypes.LPWSTR()
        result = ctypes.windll.shell32.SHGetKnownFolderPath(
            ctypes.byref(_FOLDERID_PROGRAM_FILES), 0, None, ctypes.byref(path)
        )
        try:
            if result != 0 or path.value is None:
                raise ElevationError(f"the Program Files folder is unknown (HRESULT {result:#x})")
            return str(path.value)
        finally:
            ctypes.windll.ole32.CoTaskMemFree(path)

    class WindowsElevator:
        def __init__(self) -> None:
            self._program_files = program_files()
            self.helper = Path(installed_helper(self._program_files))

        def launch(self, program: list[str], request: HelperRequest) -> UacLaunch:
            """`program` is ignored: only the installed helper is ever elevated."""
            writable = [os.environ.get(name, "") for name in USER_FOLDERS]
            refusal = location_refusal(str(self.helper), self._program_files, writable, sys.executable)
            if refusal is not None:
                raise ElevationError(refusal)
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
