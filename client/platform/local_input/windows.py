"""Watching local input on Windows through low-level mouse and keyboard hooks (user32 via ctypes).

A low-level hook sees every event before it reaches any window. Events `SendInput` inserted are
flagged `LLMHF_INJECTED` / `LLKHF_INJECTED`; ours also carry `INJECTION_TAG` in `dwExtraInfo`.
Only those are ignored: input another program injects for the person at the machine (the
on-screen keyboard, a tablet driver) is that person's activity.
"""

from __future__ import annotations

import ctypes
import logging
import sys
import threading
from collections.abc import Callable
from ctypes import wintypes
from typing import Any

from client.platform.inject.base import INJECTION_TAG
from client.platform.local_input.base import LocalInputError

log = logging.getLogger(__name__)

LLMHF_INJECTED = 0x01
LLKHF_INJECTED = 0x10
_WH_KEYBOARD_LL, _WH_MOUSE_LL = 13, 14
_HC_ACTION = 0
_WM_QUIT = 0x0012
_PM_NOREMOVE = 0
_START_TIMEOUT_S = 5.0


def is_own_injection(flags: int, extra_info: int, injected_flag: int) -> bool:
    """True for an event this process injected: flagged as injected and tagged as ours."""
    return bool(flags & injected_flag) and extra_info == INJECTION_TAG


class _MouseHookInfo(ctypes.Structure):  # MSLLHOOKSTRUCT
    _fields_ = [
        ("pt", wintypes.POINT),
        ("mouseData", wintypes.DWORD),
        ("flags", wintypes.DWORD),
        ("time", wintypes.DWORD),
        ("dwExtraInfo", ctypes.c_size_t),
    ]


class _KeyboardHookInfo(ctypes.Structure):  # KBDLLHOOKSTRUCT
    _fields_ = [
        ("vkCode", wintypes.DWORD),
        ("scanCode", wintypes.DWORD),
        ("flags", wintypes.DWORD),
        ("time", wintypes.DWORD),
        ("dwExtraInfo", ctypes.c_size_t),
    ]


_LRESULT = ctypes.c_ssize_t


def _libraries() -> tuple[ctypes.CDLL, ctypes.CDLL, Any]:
    """user32, kernel32 and the hook procedure type."""
    if sys.platform == "win32":
        user32 = ctypes.WinDLL("user32", use_last_error=True)
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        hook_proc = ctypes.WINFUNCTYPE(_LRESULT, ctypes.c_int, wintypes.WPARAM, wintypes.LPARAM)
        user32.SetWindowsHookExW.argtypes = [ctypes.c_int, hook_proc, wintypes.HINSTANCE, wintypes.DWORD]
        user32.SetWindowsHookExW.restype = wintypes.HHOOK
        user32.CallNextHookEx.argtypes = [wintypes.HHOOK, ctypes.c_int, wintypes.WPARAM, wintypes.LPARAM]
        user32.CallNextHookEx.restype = _LRESULT
        user32.UnhookWindowsHookEx.argtypes = [wintypes.HHOOK]
        user32.GetMessageW.argtypes = [
            ctypes.POINTER(wintypes.MSG),
            wintypes.HWND,
            wintypes.UINT,
            wintypes.UINT,
        ]
        user32.PeekMessageW.argtypes = [
            ctypes.POINTER(wintypes.MSG),
            wintypes.HWND,
            wintypes.UINT,
            wintypes.UINT,
            wintypes.UINT,
        ]
        user32.PostThreadMessageW.argtypes = [wintypes.DWORD, wintypes.UINT, wintypes.WPARAM, wintypes.LPARAM]
        kernel32.GetModuleHandleW.argtypes = [wintypes.LPCWSTR]
        kernel32.GetModuleHandleW.restype = wintypes.HMODULE
        return user32, kernel32, hook_proc
    else:
        raise LocalInputError("low-level hooks exist only on Windows")


def _last_error() -> int:
    if sys.platform == "win32":
        return ctypes.get_last_error()
    else:
        return 0


class WindowsLocalInputWatch:
    """A `LocalInputWatch` whose hooks live on a thread of its own with a message loop (low-level
    hooks are called on the thread that installed them, from its message loop).

    Threading: `start` and `stop` run on the owner's thread; `on_activity` runs on the hook
    thread and must return quickly (Windows drops a hook that keeps input waiting).
    """

    def __init__(self) -> None:
        self._user32, self._kernel32, self._hook_proc = _libraries()
        self._thread: threading.Thread | None = None
        self._thread_id = 0
        self._ready = threading.Event()
        self._error: str | None = None
        self._stopped = False

    def start(self, on_activity: Callable[[], None]) -> None:
        if self._thread is not None or self._stopped:
            raise RuntimeError("a local-input watch starts once")
        self._thread = threading.Thread(
            target=self._run, args=(on_activity,), name="local-input-watch", daemon=True
        )
        self._thread.start()
        if not self._ready.wait(_START_TIMEOUT_S) or self._error is not None:
            self.stop()
            raise LocalInputError(self._error or "the hook thread did not start")

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        if self._thread is None:
            return
        if self._thread_id:
            self._user32.PostThreadMessageW(self._thread_id, _WM_QUIT, 0, 0)
        self._thread.join()

    def _run(self, on_activity: Callable[[], None]) -> None:
        user32 = self._user32

        def report(flags: int, extra_info: int, injected_flag: int) -> None:
            if not is_own_injection(flags, extra_info, injected_flag):
                try:
                    on_activity()
                except Exception:
                    log.exception("the local-input callback failed")

        def on_mouse(code: int, wparam: int, lparam: int) -> int:
            if code == _HC_ACTION:
                info = _MouseHookInfo.from_address(lparam)
                report(info.flags, info.dwExtraInfo, LLMHF_INJECTED)
            return int(user32.CallNextHookEx(None, code, wparam, lparam))

        def on_key(code: int, wparam: int, lparam: int) -> int:
            if code == _HC_ACTION:
                info = _KeyboardHookInfo.from_address(lparam)
                report(info.flags, info.dwExtraInfo, LLKHF_INJECTED)
            return int(user32.CallNextHookEx(None, code, wparam, lparam))

        procs = (self._hook_proc(on_mouse), self._hook_proc(on_key))  # kept alive while hooked
        message = wintypes.MSG()
        user32.PeekMessageW(ctypes.byref(message), None, 0, 0, _PM_NOREMOVE)  # creates the queue
        self._thread_id = self._kernel32.GetCurrentThreadId()
        module = self._kernel32.GetModuleHandleW(None)
        hooks = [
            user32.SetWindowsHookExW(_WH_MOUSE_LL, procs[0], module, 0),
            user32.SetWindowsHookExW(_WH_KEYBOARD_LL, procs[1], module, 0),
        ]
        try:
            if not all(hooks):
                self._error = f"SetWindowsHookExW failed (error {_last_error()})"
                return
            self._ready.set()
            while user32.GetMessageW(ctypes.byref(message), None, 0, 0) > 0:
                pass  # hooks run inside GetMessageW; WM_QUIT ends the loop
        finally:
            for hook in hooks:
                if hook:
                    user32.UnhookWindowsHookEx(hook)
            self._ready.set()
