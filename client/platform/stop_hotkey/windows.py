"""The stop hotkey on Windows: `RegisterHotKey` for Ctrl+Alt+End on a thread with its own message loop.

A hotkey registered with no window posts `WM_HOTKEY` to the registering thread's queue, so the
thread registers, loops on `GetMessageW`, and unregisters when `stop` posts `WM_QUIT` to it.
"""

from __future__ import annotations

import ctypes
import logging
import sys
import threading
from collections.abc import Callable
from ctypes import wintypes

from client.platform.stop_hotkey.base import HotkeyError

log = logging.getLogger(__name__)

MOD_ALT = 0x0001
MOD_CONTROL = 0x0002
MOD_NOREPEAT = 0x4000
VK_END = 0x23
WM_HOTKEY = 0x0312
WM_QUIT = 0x0012
_HOTKEY_ID = 0x4648  # "FH"


def _libraries() -> tuple[ctypes.CDLL, ctypes.CDLL]:
    """user32 and kernel32, with the argument types of the calls made here."""
    if sys.platform == "win32":
        user32 = ctypes.WinDLL("user32", use_last_error=True)
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        user32.RegisterHotKey.argtypes = [wintypes.HWND, ctypes.c_int, wintypes.UINT, wintypes.UINT]
        user32.UnregisterHotKey.argtypes = [wintypes.HWND, ctypes.c_int]
        user32.GetMessageW.argtypes = [
            ctypes.POINTER(wintypes.MSG),
            wintypes.HWND,
            wintypes.UINT,
            wintypes.UINT,
        ]
        user32.PostThreadMessageW.argtypes = [wintypes.DWORD, wintypes.UINT, wintypes.WPARAM, wintypes.LPARAM]
        return user32, kernel32
    else:
        raise HotkeyError("RegisterHotKey exists only on Windows")


def _last_error() -> int:
    if sys.platform == "win32":
        return ctypes.get_last_error()
    else:
        return 0


class WindowsStopHotkey:
    """A `StopHotkey` registered by a daemon thread that also runs its message loop."""

    def __init__(self) -> None:
        self._user32, self._kernel32 = _libraries()
        self._thread: threading.Thread | None = None
        self._thread_id = 0
        self._registered = threading.Event()
        self._failure = ""
        self._stopped = False

    def start(self, on_pressed: Callable[[], None]) -> None:
        if self._thread is not None or self._stopped:
            raise RuntimeError("a stop hotkey starts once")
        self._thread = threading.Thread(target=self._run, args=(on_pressed,), name="stop-hotkey", daemon=True)
        self._thread.start()
        self._registered.wait()
        if self._failure:
            self._thread.join()
            self._stopped = True
            raise HotkeyError(self._failure)

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        if self._thread is not None:
            self._user32.PostThreadMessageW(self._thread_id, WM_QUIT, 0, 0)
            self._thread.join()

    def _run(self, on_pressed: Callable[[], None]) -> None:
        self._thread_id = self._kernel32.GetCurrentThreadId()
        modifiers = MOD_CONTROL | MOD_ALT | MOD_NOREPEAT
        if not self._user32.RegisterHotKey(None, _HOTKEY_ID, modifiers, VK_END):
            self._failure = f"Ctrl+Alt+End is taken (error {_last_error()})"
            self._registered.set()
            return
        self._registered.set()
        message = wintypes.MSG()
        try:
            while self._user32.GetMessageW(ctypes.byref(message), None, 0, 0) > 0:
                if message.message == WM_HOTKEY and message.wParam == _HOTKEY_ID:
                    try:
                        on_pressed()
                    except Exception:
                        log.exception("the stop-hotkey callback failed")
        finally:
            self._user32.UnregisterHotKey(None, _HOTKEY_ID)
