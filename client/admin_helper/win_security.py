"""Windows security through ctypes: who runs a process (user SID, logon session), and the
security attributes that restrict the helper's pipe (pipe_policy.py says to whom).

Used by the helper (about its peer) and by the client (about itself, to tell the helper whom
to admit). `kernel32` here carries the prototypes the pipe (pipe.py) uses too: without them
ctypes passes and returns handles as 32-bit ints.
"""

from __future__ import annotations

import ctypes
import sys
from ctypes import wintypes

assert sys.platform == "win32", "Windows only"

kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
_advapi32 = ctypes.WinDLL("advapi32", use_last_error=True)

_H, _D, _B, _P = wintypes.HANDLE, wintypes.DWORD, wintypes.BOOL, ctypes.c_void_p
_PROTOTYPES: tuple[tuple[ctypes.WinDLL, str, list[type], type | None], ...] = (
    (kernel32, "OpenProcess", [_D, _B, _D], _H),
    (kernel32, "CloseHandle", [_H], _B),
    (kernel32, "LocalFree", [_P], _P),
    (kernel32, "ProcessIdToSessionId", [_D, _P], _B),
    (kernel32, "CreateEventW", [_P, _B, _B, wintypes.LPCWSTR], _H),
    (kernel32, "CreateNamedPipeW", [wintypes.LPCWSTR, _D, _D, _D, _D, _D, _D, _P], _H),
    (kernel32, "ConnectNamedPipe", [_H, _P], _B),
    (kernel32, "DisconnectNamedPipe", [_H], _B),
    (kernel32, "GetNamedPipeClientProcessId", [_H, _P], _B),
    (kernel32, "ReadFile", [_H, _P, _D, _P, _P], _B),
    (kernel32, "WriteFile", [_H, ctypes.c_char_p, _D, _P, _P], _B),
    (kernel32, "GetOverlappedResult", [_H, _P, _P, _B], _B),
    (kernel32, "WaitForSingleObject", [_H, _D], _D),
    (kernel32, "CancelIoEx", [_H, _P], _B),
    (_advapi32, "OpenProcessToken", [_H, _D, _P], _B),
    (_advapi32, "GetTokenInformation", [_H, ctypes.c_int, _P, _D, _P], _B),
    (_advapi32, "ConvertSidToStringSidW", [_P, _P], _B),
    (_advapi32, "ConvertStringSecurityDescriptorToSecurityDescriptorW", [wintypes.LPCWSTR, _D, _P, _P], _B),
)
for _library, _name, _arguments, _result in _PROTOTYPES:
    _function = getattr(_library, _name)
    _function.argtypes = _arguments
    _function.restype = _result

_PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
_TOKEN_QUERY = 0x0008
_TOKEN_USER_CLASS = 1
_SDDL_REVISION_1 = 1
_ERROR_INSUFFICIENT_BUFFER = 122


class SecurityAttributes(ctypes.Structure):
    _fields_ = [
        ("nLength", wintypes.DWORD),
        ("lpSecurityDescriptor", ctypes.c_void_p),
        ("bInheritHandle", wintypes.BOOL),
    ]


def _check(ok: object) -> None:
    if not ok:
        raise ctypes.WinError(ctypes.get_last_error())


def user_sid(pid: int) -> str:
    """The SID of the user a process runs as, e.g. `S-1-5-21-…-1001` (OSError if it is gone)."""
    process = kernel32.OpenProcess(_PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
    _check(process)
    try:
        token = wintypes.HANDLE()
        _check(_advapi32.OpenProcessToken(process, _TOKEN_QUERY, ctypes.byref(token)))
        try:
            needed = wintypes.DWORD()
            _advapi32.GetTokenInformation(token, _TOKEN_USER_CLASS, None, 0, ctypes.byref(needed))
            if ctypes.get_last_error() != _ERROR_INSUFFICIENT_BUFFER:
                raise ctypes.WinError(ctypes.get_last_error())
            buffer = ctypes.create_string_buffer(needed.value)
            _check(
                _advapi32.GetTokenInformation(
                    token, _TOKEN_USER_CLASS, ctypes.byref(buffer), needed, ctypes.byref(needed)
                )
            )
            # TOKEN_USER starts with SID_AND_ATTRIBUTES, whose first field is the PSID.
            sid = ctypes.c_void_p.from_buffer(buffer).value
            text = ctypes.c_void_p()
            _check(_advapi32.ConvertSidToStringSidW(sid, ctypes.byref(text)))
            try:
                return ctypes.wstring_at(text.value or 0)
            finally:
                kernel32.LocalFree(text)
        finally:
            kernel32.CloseHandle(token)
    finally:
        kernel32.CloseHandle(process)


def session_of(pid: int) -> int:
    """The Terminal Services session a process runs in (the console, an RDP session, …)."""
    session = wintypes.DWORD()
    _check(kernel32.ProcessIdToSessionId(pid, ctypes.byref(session)))
    return int(session.value)


class OwnedSecurityAttributes:
    """SECURITY_ATTRIBUTES for an SDDL string; the descriptor is freed on `close`."""

    def __init__(self, sddl: str) -> None:
        descriptor = ctypes.c_void_p()
        _check(
            _advapi32.ConvertStringSecurityDescriptorToSecurityDescriptorW(
                sddl, _SDDL_REVISION_1, ctypes.byref(descriptor), None
            )
        )
        self.structure = SecurityAttributes(ctypes.sizeof(SecurityAttributes), descriptor.value, False)
        self._descriptor = descriptor

    def close(self) -> None:
        if self._descriptor.value:
            kernel32.LocalFree(self._descriptor)
            self._descriptor = ctypes.c_void_p()
