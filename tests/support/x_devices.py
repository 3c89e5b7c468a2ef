"""Input of real devices on the test X server, from another process: what a person at the machine does.

Plain XTEST input (the injectors, `xdotool`) comes from the server's "Virtual core XTEST" devices,
which the local-input watch rightly ignores as injected. `XTestFakeDevice*Event` (libXtst with
XInput 1) makes the event come from Xvfb's own "Xvfb mouse" / "Xvfb keyboard" instead, exactly as
a physical mouse or keyboard would: its XI2 raw events carry that device's id as `sourceid`.
`xdotool` is no substitute: its mousemove warps the pointer (no raw event at all) and its clicks
and keys come from the XTEST devices.

API (each call runs `python -m tests.support.x_devices` on $DISPLAY in a child process, so the
input never comes from the process under test, and returns once the child has synced with the
X server, i.e. the event has been delivered; raises `subprocess.CalledProcessError` on failure):

    real_motion(dx=5, dy=5)      relative motion of "Xvfb mouse" (the pointer moves too)
    real_click(button=1)         press and release a button of "Xvfb mouse"
    real_key(keycode=50)         press and release an X keycode on "Xvfb keyboard" (50 is Shift_L,
                                 which types nothing into whatever has the focus)
    real_chord(37, 64, 115)      press keycodes in order, release them in reverse (Ctrl+Alt+End)

Command line: `python -m tests.support.x_devices motion DX DY | click BUTTON | key KEYCODE |
chord KEYCODE…`, or `python -m tests.support.x_devices stream`: one relative motion of "Xvfb
mouse" per line read from standard input (`DX DY`), each answered with the `time.monotonic()`
taken just before it was sent (the clock is system-wide, so another process can measure
latencies against it).
Needs libX11, libXi and libXtst (Debian: libx11-6, libxi6, libxtst6).
"""

from __future__ import annotations

import ctypes
import subprocess
import sys
import time
from pathlib import Path

MOUSE = b"Xvfb mouse"
KEYBOARD = b"Xvfb keyboard"
_TIMEOUT_S = 30
_ROOT = Path(__file__).resolve().parents[2]


def real_motion(dx: int = 5, dy: int = 5) -> None:
    _run_child("motion", str(dx), str(dy))


def real_click(button: int = 1) -> None:
    _run_child("click", str(button))


def real_key(keycode: int = 50) -> None:
    _run_child("key", str(keycode))


def real_chord(*keycodes: int) -> None:
    """Press `keycodes` in order on "Xvfb keyboard", then release them in reverse (a shortcut)."""
    _run_child("chord", *(str(code) for code in keycodes))


def _run_child(*args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "tests.support.x_devices", *args],
        check=True,
        cwd=_ROOT,
        timeout=_TIMEOUT_S,
        capture_output=True,
    )


class _XDeviceInfo(ctypes.Structure):
    _fields_ = [
        ("id", ctypes.c_ulong),
        ("type", ctypes.c_ulong),
        ("name", ctypes.c_char_p),
        ("num_classes", ctypes.c_int),
        ("use", ctypes.c_int),
        ("inputclassinfo", ctypes.c_void_p),
    ]


class _Devices:
    """libX11/libXi/libXtst bound through ctypes, on one display connection (child process only:
    Xlib's default error handler ends the process on an X error)."""

    def __init__(self) -> None:
        self.x11 = ctypes.CDLL("libX11.so.6")
        self.xi = ctypes.CDLL("libXi.so.6")
        self.xtst = ctypes.CDLL("libXtst.so.6")
        self.x11.XOpenDisplay.restype = ctypes.c_void_p
        self.x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self.x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self.xi.XListInputDevices.restype = ctypes.POINTER(_XDeviceInfo)
        self.xi.XListInputDevices.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int)]
        self.xi.XFreeDeviceList.argtypes = [ctypes.c_void_p]
        self.xi.XOpenDevice.restype = ctypes.c_void_p
        self.xi.XOpenDevice.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        self.xi.XCloseDevice.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        # (display, device, is_relative | button | keycode, is_press | first_axis, axes, n_axes, delay)
        for function, third in (
            (self.xtst.XTestFakeDeviceMotionEvent, ctypes.c_int),
            (self.xtst.XTestFakeDeviceButtonEvent, ctypes.c_uint),
            (self.xtst.XTestFakeDeviceKeyEvent, ctypes.c_uint),
        ):
            function.argtypes = [
                ctypes.c_void_p,
                ctypes.c_void_p,
                third,
                ctypes.c_int,
                ctypes.POINTER(ctypes.c_int),
                ctypes.c_int,
                ctypes.c_ulong,
            ]
        self.display = self.x11.XOpenDisplay(None)
        if not self.display:
            raise SystemExit("cannot open the X display")

    def open_device(self, name: bytes) -> int:
        count = ctypes.c_int()
        infos = self.xi.XListInputDevices(self.display, ctypes.byref(count))
        try:
            ids = [infos[i].id for i in range(count.value) if infos[i].name == name]
        finally:
            self.xi.XFreeDeviceList(infos)
        if not ids:
            raise SystemExit(f"no input device {name.decode()!r}")
        device: int = self.xi.XOpenDevice(self.display, ids[0])
        return device

    def finish(self, device: int) -> None:
        """Wait until the server has processed everything, then let go."""
        self.x11.XSync(self.display, 0)
        self.xi.XCloseDevice(self.display, device)
        self.x11.XCloseDisplay(self.display)


def _stream(devices: _Devices) -> None:
    device = devices.open_device(MOUSE)
    for line in sys.stdin:
        axes = (ctypes.c_int * 2)(*(int(value) for value in line.split()))
        sent = time.monotonic()
        devices.xtst.XTestFakeDeviceMotionEvent(devices.display, device, True, 0, axes, 2, 0)
        devices.x11.XSync(devices.display, 0)
        print(sent, flush=True)
    devices.finish(device)


def main(argv: list[str]) -> None:
    action, *numbers = argv
    values = [int(number) for number in numbers]
    devices = _Devices()
    if action == "stream":
        _stream(devices)
        return
    if action == "motion":
        device = devices.open_device(MOUSE)
        axes = (ctypes.c_int * 2)(*values)
        devices.xtst.XTestFakeDeviceMotionEvent(devices.display, device, True, 0, axes, 2, 0)
    elif action in ("click", "key"):
        device = devices.open_device(MOUSE if action == "click" else KEYBOARD)
        fake = (
            devices.xtst.XTestFakeDeviceButtonEvent
            if action == "click"
            else devices.xtst.XTestFakeDeviceKeyEvent
        )
        fake(devices.display, device, values[0], True, None, 0, 0)
        fake(devices.display, device, values[0], False, None, 0, 0)
    elif action == "chord":
        device = devices.open_device(KEYBOARD)
        for code in values:
            devices.xtst.XTestFakeDeviceKeyEvent(devices.display, device, code, True, None, 0, 0)
        for code in reversed(values):
            devices.xtst.XTestFakeDeviceKeyEvent(devices.display, device, code, False, None, 0, 0)
    else:
        raise SystemExit(f"unknown action {action!r}")
    devices.finish(device)


if __name__ == "__main__":
    main(sys.argv[1:])
