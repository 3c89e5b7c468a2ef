"""Watching local input on X11 through XInput 2 raw events, with python-xlib.

Raw events reach the root window whatever client has grabbed the devices, and each carries the
`sourceid` of the slave device it came from. Injected input comes from the server's XTEST devices
("Virtual core XTEST pointer" / "... keyboard"); every other slave device is the person at the
machine. The watch therefore also ignores XTEST input of other programs (xdotool, on-screen
keyboards), and sees nothing of `XWarpPointer` (xdotool's mousemove), which makes no raw event.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from Xlib import error
from Xlib.display import Display
from Xlib.ext import ge, xinput
from Xlib.protocol import rq

from client.platform.local_input.base import LocalInputError
from client.platform.x11_event_thread import XEventThread

log = logging.getLogger(__name__)

_RAW_TOUCH_BEGIN, _RAW_TOUCH_UPDATE, _RAW_TOUCH_END = 22, 23, 24  # XI 2.2; python-xlib lacks them
RAW_EVENTS = (
    xinput.RawKeyPress,
    xinput.RawKeyRelease,
    xinput.RawButtonPress,
    xinput.RawButtonRelease,
    xinput.RawMotion,
    _RAW_TOUCH_BEGIN,
    _RAW_TOUCH_UPDATE,
    _RAW_TOUCH_END,
)
"""The XI2 raw event types that count as activity (a wheel notch is a raw button press)."""

_RAW_EVENT_DATA = rq.Struct(
    rq.Card16("deviceid"),
    rq.Card32("time"),
    rq.Card32("detail"),
    rq.Card16("sourceid"),
    rq.Card16("valuators_len"),
    rq.Card32("flags"),
    rq.Pad(4),
)
"""The fixed part of an XIRawEvent (python-xlib does not parse raw events itself)."""

_XTEST_SUFFIXES = (" XTEST pointer", " XTEST keyboard")
_SLAVE_USES = (xinput.SlavePointer, xinput.SlaveKeyboard, xinput.FloatingSlave)


class X11LocalInputWatch:
    """A `LocalInputWatch` on a display connection of its own, read by one daemon thread.

    Threading: `start` and `stop` run on the owner's thread; `on_activity` runs on the watcher
    thread, once per raw event (a moving mouse reports at its own rate, up to ~1000 per second).
    """

    def __init__(self, display_name: str | None = None) -> None:
        try:
            self._display = Display(display_name)
        except (error.DisplayError, error.ConnectionClosedError, OSError) as exc:
            raise LocalInputError(f"cannot open the X display: {exc}") from exc
        try:
            extension = self._display.query_extension("XInputExtension")
            if extension is None:
                raise LocalInputError("the X server lacks the XInput extension")
            self._opcode: int = extension.major_opcode
            reply: Any = xinput.XIQueryVersion(
                display=self._display.display, opcode=self._opcode, major_version=2, minor_version=2
            )
            if (reply.major_version, reply.minor_version) < (2, 2):
                raise LocalInputError(f"XInput {reply.major_version}.{reply.minor_version} is too old")
            for event_type in RAW_EVENTS:
                self._display.ge_add_event_data(self._opcode, event_type, _RAW_EVENT_DATA)
            self._xtest_ids = self._find_xtest_devices()
        except (LocalInputError, error.XError, error.ConnectionClosedError) as exc:
            self._display.close()
            raise LocalInputError(f"cannot watch local input: {exc}") from exc
        self._events = XEventThread(self._display, "local-input-watch")
        self._started = self._stopped = False

    def start(self, on_activity: Callable[[], None]) -> None:
        if self._started or self._stopped:
            raise RuntimeError("a local-input watch starts once")
        self._started = True
        mask = 0
        for event_type in RAW_EVENTS:
            mask |= 1 << event_type
        root = self._display.screen().root
        root.xinput_select_events(
            [(xinput.AllDevices, xinput.HierarchyChangedMask), (xinput.AllMasterDevices, mask)]
        )
        self._display.sync()
        self._events.start(self._is_activity, on_activity)

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self._events.stop()
        self._display.close()

    def _is_activity(self, event: Any) -> bool:
        """True if `event` is activity of a real device."""
        if event.type != ge.GenericEventCode or event.extension != self._opcode:
            return False
        if event.evtype == xinput.HierarchyChanged:
            self._xtest_ids = self._find_xtest_devices()
            return False
        return event.evtype in RAW_EVENTS and event.data.sourceid not in self._xtest_ids

    def _find_xtest_devices(self) -> frozenset[int]:
        """The ids of the XTEST slave devices (one pointer and one keyboard per master)."""
        devices = self._display.xinput_query_device(xinput.AllDevices).devices
        return frozenset(
            device.deviceid
            for device in devices
            if device.use in _SLAVE_USES and str(device.name).endswith(_XTEST_SUFFIXES)
        )
