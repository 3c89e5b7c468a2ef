"""The X11 pointer: its position from XQueryPointer, its image from XFixes when the shape changes.

Through ctypes on libX11 and libXfixes, with a display connection of its own, used by one thread
only. `XFixesSelectCursorInput` makes the server send an event whenever the displayed cursor
changes (an I-beam over text, a hand over a link); only then is the image fetched. A cursor whose
owner has exited (say, one `xsetroot` set) cannot be read: the image request fails, and no shape
is sent until the next one. The position comes from XQueryPointer: X11 sends no motion events
over the whole screen to a client that owns no window there. XInput 2's raw motion events reach
the root window whatever the pointer is over, so they tell when to ask; an idle desktop then wakes
the reader only when its wait runs out. Without XInput 2.2 the source polls at `POLL_S`.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import select
from dataclasses import dataclass

from client.core.cursor import ShapeImage

_DISPLAY_CURSOR_NOTIFY_MASK = 1
_CURSOR_NOTIFY = 1
_XFIXES_VERSION = 2
"""Cursor events and images came with XFixes 2; a client must announce the version it speaks."""
_EVENT_SIZE = 192
"""Bytes of an XEvent union; its first int is the event type."""
_XI_ALL_MASTER_DEVICES = 1
_XI_RAW_MOTION = 17
_XI_MASK_BYTES = 4
"""XIMaskLen(XI_LASTEVENT) for XI 2.2's 26 event types."""
_XI_VERSION = (2, 2)
"""Raw events reach the root window of a client that announced XI 2.1 or later."""
POLL_S = 1 / 60
"""Without motion events, a read waits at most this long: the pointer is polled as smoothly as
the screen is captured."""


class CursorUnavailable(RuntimeError):
    """No X display, no libXfixes or no XFIXES on the server: the expert sees no pointer."""


class _XIEventMask(ctypes.Structure):
    """XIEventMask."""

    _fields_ = [
        ("deviceid", ctypes.c_int),
        ("mask_len", ctypes.c_int),
        ("mask", ctypes.POINTER(ctypes.c_ubyte)),
    ]


class _CursorImage(ctypes.Structure):
    """XFixesCursorImage."""

    _fields_ = [
        ("x", ctypes.c_short),
        ("y", ctypes.c_short),
        ("width", ctypes.c_ushort),
        ("height", ctypes.c_ushort),
        ("xhot", ctypes.c_ushort),
        ("yhot", ctypes.c_ushort),
        ("cursor_serial", ctypes.c_ulong),
        ("pixels", ctypes.POINTER(ctypes.c_ulong)),
        ("atom", ctypes.c_ulong),
        ("name", ctypes.c_char_p),
    ]


@dataclass(frozen=True)
class CursorReading:
    """The pointer on the desktop (root window) and, when it changed since the last reading, its image."""

    root_x: int
    root_y: int
    shape: ShapeImage | None


def _library(name: str) -> ctypes.CDLL:
    path = ctypes.util.find_library(name)
    if path is None:
        raise CursorUnavailable(f"no lib{name} here")
    return ctypes.CDLL(path)


class X11CursorSource:
    """Threading: one thread (the cursor share's reader)."""

    def __init__(self) -> None:
        x11, fixes = _library("X11"), _library("Xfixes")
        x11.XOpenDisplay.restype = ctypes.c_void_p
        x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x11.XDefaultRootWindow.restype = ctypes.c_ulong
        x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x11.XConnectionNumber.argtypes = [ctypes.c_void_p]
        x11.XPending.argtypes = [ctypes.c_void_p]
        x11.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        x11.XFree.argtypes = [ctypes.c_void_p]
        x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        x11.XFlush.argtypes = [ctypes.c_void_p]
        word = ctypes.POINTER(ctypes.c_ulong)
        number = ctypes.POINTER(ctypes.c_int)
        unsigned = ctypes.POINTER(ctypes.c_uint)
        x11.XQueryExtension.argtypes = [ctypes.c_void_p, ctypes.c_char_p, number, number, number]
        x11.XQueryPointer.argtypes = [ctypes.c_void_p, ctypes.c_ulong, word, word, *(number,) * 4, unsigned]
        fixes.XFixesQueryExtension.argtypes = [ctypes.c_void_p, number, number]
        fixes.XFixesQueryVersion.argtypes = [ctypes.c_void_p, number, number]
        fixes.XFixesSelectCursorInput.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong]
        fixes.XFixesGetCursorImage.restype = ctypes.POINTER(_CursorImage)
        fixes.XFixesGetCursorImage.argtypes = [ctypes.c_void_p]
        self._x11, self._fixes = x11, fixes
        display = x11.XOpenDisplay(None)
        if not display:
            raise CursorUnavailable("no X display for the pointer")
        event_base, error_base = ctypes.c_int(), ctypes.c_int()
        if not fixes.XFixesQueryExtension(display, ctypes.byref(event_base), ctypes.byref(error_base)):
            x11.XCloseDisplay(display)
            raise CursorUnavailable("the X server has no XFIXES extension")
        major, minor = ctypes.c_int(_XFIXES_VERSION), ctypes.c_int(0)
        fixes.XFixesQueryVersion(display, ctypes.byref(major), ctypes.byref(minor))
        self._display: int | None = display
        self._root = x11.XDefaultRootWindow(display)
        self._cursor_event = event_base.value + _CURSOR_NOTIFY
        fixes.XFixesSelectCursorInput(display, self._root, _DISPLAY_CURSOR_NOTIFY_MASK)
        self._motion_events = self._select_raw_motion(display)
        x11.XFlush(display)
        self._event = ctypes.create_string_buffer(_EVENT_SIZE)
        self._shape_changed = True  # the first reading carries the current shape
        self._moved = False

    def read(self, timeout: float) -> CursorReading:
        """Wait up to `timeout` for the pointer to move or change its shape, then read where it is.

        A warp (`XWarpPointer`) makes no motion event: it is read once the wait runs out.
        """
        display = self._display
        if display is None:
            raise CursorUnavailable("the pointer source is closed")
        if not self._motion_events:
            timeout = min(timeout, POLL_S)
        if not self._take_events(display):
            ready = select.select([self._x11.XConnectionNumber(display)], [], [], timeout)[0]
            if ready:
                self._take_events(display)
        self._moved = False
        shape = self._shape(display) if self._shape_changed else None
        return CursorReading(*self._pointer(display), shape)

    def close(self) -> None:
        display, self._display = self._display, None
        if display is not None:
            self._x11.XCloseDisplay(display)

    def _select_raw_motion(self, display: int) -> bool:
        """Ask for raw motion of every master pointer; False where XInput 2.2 is missing."""
        path = ctypes.util.find_library("Xi")
        if path is None:
            return False
        xi = ctypes.CDLL(path)
        number = ctypes.POINTER(ctypes.c_int)
        xi.XIQueryVersion.argtypes = [ctypes.c_void_p, number, number]
        masks = ctypes.POINTER(_XIEventMask)
        xi.XISelectEvents.argtypes = [ctypes.c_void_p, ctypes.c_ulong, masks, ctypes.c_int]
        opcode, event, error = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
        if not self._x11.XQueryExtension(
            display, b"XInputExtension", ctypes.byref(opcode), ctypes.byref(event), ctypes.byref(error)
        ):
            return False
        major, minor = ctypes.c_int(_XI_VERSION[0]), ctypes.c_int(_XI_VERSION[1])
        if xi.XIQueryVersion(display, ctypes.byref(major), ctypes.byref(minor)) != 0:
            return False
        if (major.value, minor.value) < _XI_VERSION:
            return False
        bits = (ctypes.c_ubyte * _XI_MASK_BYTES)()
        bits[_XI_RAW_MOTION >> 3] |= 1 << (_XI_RAW_MOTION & 7)
        mask = _XIEventMask(_XI_ALL_MASTER_DEVICES, _XI_MASK_BYTES, bits)
        return bool(xi.XISelectEvents(display, self._root, ctypes.byref(mask), 1) == 0)

    def _take_events(self, display: int) -> bool:
        """Drain the queue; True if the pointer moved or its shape changed since the last reading.

        Every event but a cursor notify is raw motion, the only other kind asked for.
        """
        while self._x11.XPending(display):
            self._x11.XNextEvent(display, self._event)
            if ctypes.c_int.from_buffer(self._event).value == self._cursor_event:
                self._shape_changed = True
            else:
                self._moved = True
        return self._shape_changed or self._moved

    def _shape(self, display: int) -> ShapeImage | None:
        self._shape_changed = False
        image = self._fixes.XFixesGetCursorImage(display)
        if not image:
            return None
        try:
            found = image.contents
            count = found.width * found.height
            return ShapeImage(
                serial=found.cursor_serial,
                width=found.width,
                height=found.height,
                hot_x=found.xhot,
                hot_y=found.yhot,
                argb=tuple(found.pixels[i] & 0xFFFFFFFF for i in range(count)),
            )
        finally:
            self._x11.XFree(image)

    def _pointer(self, display: int) -> tuple[int, int]:
        root, child = ctypes.c_ulong(), ctypes.c_ulong()
        root_x, root_y, win_x, win_y = (ctypes.c_int() for _ in range(4))
        mask = ctypes.c_uint()
        self._x11.XQueryPointer(
            display, self._root, ctypes.byref(root), ctypes.byref(child), ctypes.byref(root_x),
            ctypes.byref(root_y), ctypes.byref(win_x), ctypes.byref(win_y), ctypes.byref(mask),
        )  # fmt: skip
        return root_x.value, root_y.value
