"""Watching local input on macOS through a listen-only Quartz event tap (CoreGraphics via ctypes).

The tap sees every mouse and keyboard event of the login session. An event this process posted
carries our PID as its source PID and `INJECTION_TAG` as its user data; everything else, from a
real device or another program acting for the person at the machine, is activity. macOS asks the
customer for the Input Monitoring permission first; without it the tap cannot be created.
"""

from __future__ import annotations

import ctypes
import logging
import os
import threading
from collections.abc import Callable
from typing import Any

from client.platform.inject.base import INJECTION_TAG
from client.platform.inject.macos import EVENT_SOURCE_UNIX_PROCESS_ID, EVENT_SOURCE_USER_DATA
from client.platform.local_input.base import LocalInputError

log = logging.getLogger(__name__)

_APPLICATION_SERVICES = "/System/Library/Frameworks/ApplicationServices.framework/ApplicationServices"
_CORE_FOUNDATION = "/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation"
_SESSION_EVENT_TAP, _HEAD_INSERT, _LISTEN_ONLY = 1, 0, 1
_TAP_DISABLED_BY_TIMEOUT, _TAP_DISABLED_BY_USER_INPUT = 0xFFFFFFFE, 0xFFFFFFFF
ACTIVITY_EVENTS = (1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 22, 25, 26, 27)
"""Mouse down/up/moved/dragged of every button, key down/up, modifier changes and the wheel."""
_RUN_SLICE_S = 0.25
_START_TIMEOUT_S = 5.0


def is_own_event(source_pid: int, user_data: int, own_pid: int) -> bool:
    """True for an event this process posted: its source PID is ours, or it carries our tag."""
    return source_pid == own_pid or user_data == INJECTION_TAG


_TapCallback = ctypes.CFUNCTYPE(
    ctypes.c_void_p, ctypes.c_void_p, ctypes.c_uint32, ctypes.c_void_p, ctypes.c_void_p
)


def _quartz() -> tuple[ctypes.CDLL, ctypes.CDLL, Any]:
    """ApplicationServices, CoreFoundation and kCFRunLoopDefaultMode."""
    try:
        services, foundation = ctypes.CDLL(_APPLICATION_SERVICES), ctypes.CDLL(_CORE_FOUNDATION)
    except OSError as exc:
        raise LocalInputError(f"Quartz is not available: {exc}") from exc
    void = ctypes.c_void_p
    services.CGEventTapCreate.argtypes = [ctypes.c_uint32, ctypes.c_uint32, ctypes.c_uint32, ctypes.c_uint64,
                                          _TapCallback, void]  # fmt: skip
    services.CGEventTapCreate.restype = void
    services.CGEventTapEnable.argtypes, services.CGEventTapEnable.restype = [void, ctypes.c_bool], None
    services.CGEventGetIntegerValueField.argtypes = [void, ctypes.c_uint32]
    services.CGEventGetIntegerValueField.restype = ctypes.c_int64
    foundation.CFMachPortCreateRunLoopSource.argtypes = [void, void, ctypes.c_long]
    foundation.CFMachPortCreateRunLoopSource.restype = void
    foundation.CFRunLoopGetCurrent.argtypes, foundation.CFRunLoopGetCurrent.restype = [], void
    foundation.CFRunLoopAddSource.argtypes, foundation.CFRunLoopAddSource.restype = [void, void, void], None
    foundation.CFRunLoopRunInMode.argtypes = [void, ctypes.c_double, ctypes.c_bool]
    foundation.CFRunLoopRunInMode.restype = ctypes.c_int32
    foundation.CFRunLoopStop.argtypes, foundation.CFRunLoopStop.restype = [void], None
    foundation.CFMachPortInvalidate.argtypes, foundation.CFMachPortInvalidate.restype = [void], None
    foundation.CFRetain.argtypes, foundation.CFRetain.restype = [void], void
    foundation.CFRelease.argtypes, foundation.CFRelease.restype = [void], None
    default_mode = ctypes.c_void_p.in_dll(foundation, "kCFRunLoopDefaultMode")
    return services, foundation, default_mode


class MacLocalInputWatch:
    """A `LocalInputWatch` whose event tap runs on a thread of its own, in its own run loop.

    Threading: `start` and `stop` run on the owner's thread; `on_activity` runs on the tap thread.
    `stop` wakes the run loop at once; it also runs in slices so no wake-up can be missed.
    """

    def __init__(self) -> None:
        self._cg, self._cf, self._default_mode = _quartz()
        self._thread: threading.Thread | None = None
        self._run_loop: int | None = None
        self._ready = threading.Event()
        self._stopping = threading.Event()
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
            raise LocalInputError(self._error or "the event-tap thread did not start")

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self._stopping.set()
        if self._run_loop is not None:
            self._cf.CFRunLoopStop(self._run_loop)
        if self._thread is not None:
            self._thread.join()
        if self._run_loop is not None:
            self._cf.CFRelease(self._run_loop)

    def _run(self, on_activity: Callable[[], None]) -> None:
        cg, cf = self._cg, self._cf
        own_pid = os.getpid()
        tap: int | None = None

        def on_event(proxy: int, kind: int, event: int, refcon: int) -> int:
            if kind in (_TAP_DISABLED_BY_TIMEOUT, _TAP_DISABLED_BY_USER_INPUT):
                cg.CGEventTapEnable(tap, True)  # macOS disables a slow tap; keep listening
            elif not is_own_event(
                cg.CGEventGetIntegerValueField(event, EVENT_SOURCE_UNIX_PROCESS_ID),
                cg.CGEventGetIntegerValueField(event, EVENT_SOURCE_USER_DATA),
                own_pid,
            ):
                try:
                    on_activity()
                except Exception:
                    log.exception("the local-input callback failed")
            return event

        callback = _TapCallback(on_event)  # kept alive while the tap exists
        mask = sum(1 << kind for kind in ACTIVITY_EVENTS)
        tap = cg.CGEventTapCreate(_SESSION_EVENT_TAP, _HEAD_INSERT, _LISTEN_ONLY, mask, callback, None)
        if not tap:
            self._error = "macOS has not given Fernhilfe the Input Monitoring permission"
            self._ready.set()
            return
        source = cf.CFMachPortCreateRunLoopSource(None, tap, 0)
        try:
            self._run_loop = cf.CFRetain(cf.CFRunLoopGetCurrent())  # stop() may outlive this thread
            cf.CFRunLoopAddSource(self._run_loop, source, self._default_mode)
            cg.CGEventTapEnable(tap, True)
            self._ready.set()
            while not self._stopping.is_set():
                cf.CFRunLoopRunInMode(self._default_mode, _RUN_SLICE_S, False)
        finally:
            cf.CFMachPortInvalidate(tap)
            cf.CFRelease(source)
            cf.CFRelease(tap)
