"""The stop hotkey on macOS: Carbon's `RegisterEventHotKey` for Control+Option+End, through ctypes.

A Carbon hot key needs no permission (an event tap would need Input Monitoring) and is delivered
whichever application is in front. macOS sends it to the application event target, which the
main thread's run loop dispatches — the loop Qt runs — so `start` and `stop` run on the main
thread and `on_pressed` is called there too, from the event handler installed here. Laptop
keyboards without an End key type it as fn+Right arrow, so there it is Control+Option+fn+Right.

Everything that decides (codes, masks, the handler's verdict, error texts) is plain Python here;
`_Carbon` is the only part that calls the operating system.
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from client.platform.stop_hotkey.base import HotkeyError

log = logging.getLogger(__name__)

_CARBON = "/System/Library/Frameworks/Carbon.framework/Carbon"


def four_char_code(text: str) -> int:
    """A Mac OSType such as 'keyb' as the big-endian 32-bit number the APIs take."""
    raw = text.encode("mac_roman")
    if len(raw) != 4:
        raise ValueError(f"an OSType has four characters, not {text!r}")
    return int.from_bytes(raw, "big")


KEY_END = 0x77
"""`kVK_End` (Events.h): the End key, fn+Right arrow on a laptop keyboard."""
CONTROL_KEY = 0x1000
OPTION_KEY = 0x0800
MODIFIERS = CONTROL_KEY | OPTION_KEY
"""`controlKey | optionKey`: Control+Option, the Mac names of Ctrl+Alt."""
EVENT_CLASS_KEYBOARD = four_char_code("keyb")
EVENT_HOT_KEY_PRESSED = 5
PARAM_DIRECT_OBJECT = four_char_code("----")
TYPE_EVENT_HOT_KEY_ID = four_char_code("hkid")
HOT_KEY_EXCLUSIVE = 1
"""`kEventHotKeyExclusive`: fail instead of sharing the combination with another program."""
SIGNATURE = four_char_code("FHst")
HOT_KEY_ID = 1
NO_ERR = 0
EVENT_NOT_HANDLED = -9874
HOT_KEY_EXISTS = -9878
"""`eventHotKeyExistsErr`: another program registered the combination exclusively."""
HOT_KEY_INVALID = -9879


def handler_verdict(signature: int, hot_key_id: int) -> int:
    """What the event handler answers for a pressed hot key: ours is handled, another one (the
    application's target may carry others) is passed on."""
    return NO_ERR if (signature, hot_key_id) == (SIGNATURE, HOT_KEY_ID) else EVENT_NOT_HANDLED


def registration_error(status: int) -> str:
    """The `HotkeyError` text for a failed registration."""
    if status == HOT_KEY_EXISTS:
        return "another program already uses Control+Option+End"
    if status == HOT_KEY_INVALID:
        return "macOS refused Control+Option+End as a hot key"
    return f"RegisterEventHotKey failed (OSStatus {status})"


class HotkeyCalls(Protocol):
    """The four Carbon calls the hotkey makes; `_Carbon` makes them for real."""

    def install_handler(self, on_hot_key: Callable[[int, int], int]) -> object:
        """Install a handler for hot-key presses; it gets (signature, id) and returns an OSStatus."""
        ...

    def register(self, key_code: int, modifiers: int, signature: int, hot_key_id: int) -> tuple[int, object]:
        """(OSStatus, the hot key's reference)."""
        ...

    def unregister(self, hot_key: object) -> None: ...

    def remove_handler(self, handler: object) -> None: ...


class _EventHotKeyID(ctypes.Structure):
    _fields_ = [("signature", ctypes.c_uint32), ("id", ctypes.c_uint32)]


class _EventTypeSpec(ctypes.Structure):
    _fields_ = [("eventClass", ctypes.c_uint32), ("eventKind", ctypes.c_uint32)]


_HandlerProc = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p)


@dataclass
class _Installed:
    reference: ctypes.c_void_p
    callback: object
    """The ctypes function pointer, kept alive for as long as Carbon may call it."""


class _Carbon:
    """Carbon's hot-key and event-handler calls, with their argument types."""

    def __init__(self) -> None:
        try:
            carbon = ctypes.CDLL(_CARBON)
        except OSError as exc:
            raise HotkeyError(f"Carbon is not available: {exc}") from exc
        void, u32, status = ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int32
        carbon.GetApplicationEventTarget.argtypes, carbon.GetApplicationEventTarget.restype = [], void
        count = ctypes.c_ulong  # ItemCount and ByteCount are unsigned long
        specs, out = ctypes.POINTER(_EventTypeSpec), ctypes.POINTER(void)
        carbon.InstallEventHandler.argtypes = [void, _HandlerProc, count, specs, void, out]
        carbon.InstallEventHandler.restype = status
        carbon.RemoveEventHandler.argtypes, carbon.RemoveEventHandler.restype = [void], status
        carbon.RegisterEventHotKey.argtypes = [u32, u32, _EventHotKeyID, void, u32, out]
        carbon.RegisterEventHotKey.restype = status
        carbon.UnregisterEventHotKey.argtypes, carbon.UnregisterEventHotKey.restype = [void], status
        carbon.GetEventParameter.argtypes = [void, u32, u32, void, count, void, void]
        carbon.GetEventParameter.restype = status
        self._carbon = carbon

    def install_handler(self, on_hot_key: Callable[[int, int], int]) -> object:
        carbon = self._carbon

        def handle(_call: int | None, event: int | None, _user_data: int | None) -> int:
            pressed = _EventHotKeyID()
            size = ctypes.sizeof(pressed)
            got = carbon.GetEventParameter(
                event, PARAM_DIRECT_OBJECT, TYPE_EVENT_HOT_KEY_ID, None, size, None, ctypes.byref(pressed)
            )
            return on_hot_key(pressed.signature, pressed.id) if got == NO_ERR else EVENT_NOT_HANDLED

        callback = _HandlerProc(handle)
        spec = _EventTypeSpec(EVENT_CLASS_KEYBOARD, EVENT_HOT_KEY_PRESSED)
        reference = ctypes.c_void_p()
        target = carbon.GetApplicationEventTarget()
        result = carbon.InstallEventHandler(
            target, callback, 1, ctypes.byref(spec), None, ctypes.byref(reference)
        )
        if result != NO_ERR:
            raise HotkeyError(f"InstallEventHandler failed (OSStatus {result})")
        return _Installed(reference, callback)

    def register(self, key_code: int, modifiers: int, signature: int, hot_key_id: int) -> tuple[int, object]:
        reference = ctypes.c_void_p()
        target = self._carbon.GetApplicationEventTarget()
        result = self._carbon.RegisterEventHotKey(
            key_code,
            modifiers,
            _EventHotKeyID(signature, hot_key_id),
            target,
            HOT_KEY_EXCLUSIVE,
            ctypes.byref(reference),
        )
        return result, reference

    def unregister(self, hot_key: object) -> None:
        assert isinstance(hot_key, ctypes.c_void_p)
        self._carbon.UnregisterEventHotKey(hot_key)

    def remove_handler(self, handler: object) -> None:
        assert isinstance(handler, _Installed)
        self._carbon.RemoveEventHandler(handler.reference)


class MacStopHotkey:
    """A `StopHotkey` registered with Carbon; presses arrive on the main thread's run loop.

    Threading: `start`, `stop` and `on_pressed` all run on the main thread (see the module text).
    """

    def __init__(self, calls: HotkeyCalls | None = None) -> None:
        self._calls = calls if calls is not None else _Carbon()
        self._handler: object | None = None
        self._hot_key: object | None = None
        self._started = self._stopped = False

    def start(self, on_pressed: Callable[[], None]) -> None:
        if self._started or self._stopped:
            raise RuntimeError("a stop hotkey starts once")
        self._started = True

        def on_hot_key(signature: int, hot_key_id: int) -> int:
            verdict = handler_verdict(signature, hot_key_id)
            if verdict == NO_ERR and not self._stopped:
                try:
                    on_pressed()
                except Exception:
                    log.exception("the stop-hotkey callback failed")
            return verdict

        self._handler = self._calls.install_handler(on_hot_key)
        status, hot_key = self._calls.register(KEY_END, MODIFIERS, SIGNATURE, HOT_KEY_ID)
        if status != NO_ERR:
            self.stop()
            raise HotkeyError(registration_error(status))
        self._hot_key = hot_key

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        if self._hot_key is not None:
            self._calls.unregister(self._hot_key)
        if self._handler is not None:
            self._calls.remove_handler(self._handler)
