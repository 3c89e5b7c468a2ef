"""The customer's own hands and eyes on the test GNOME desktop: mutter's D-Bus remote-desktop and
screen-cast API (`org.gnome.Mutter.RemoteDesktop`, `org.gnome.Mutter.ScreenCast`).

Unlike the portal under test, this API asks nobody: it is how gnome-remote-desktop drives mutter.
One session gives absolute pointer motion, clicks, keys and a PipeWire stream of the monitor.
"""

from __future__ import annotations

import socket
import time
from pathlib import Path
from typing import Any

import numpy as np
from jeepney import DBusAddress, MatchRule, MessageType, new_method_call
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, open_dbus_connection
from numpy.typing import NDArray

from client.platform.capture.pipewire_frames import PipeWireFrames

RD = "org.gnome.Mutter.RemoteDesktop"
SC = "org.gnome.Mutter.ScreenCast"
BTN_LEFT = 0x110
SHIFT_L = 0xFFE1


class MutterApi:
    def __init__(self, env: dict[str, str]) -> None:
        self._env = env
        self._conn: DBusConnection | None = None
        self._session = ""
        self._stream = ""
        self._frames: PipeWireFrames | None = None

    def ready(self) -> bool:
        """Connects and starts the session once mutter answers; False until then."""
        try:
            self._start()
        except (OSError, RuntimeError, TimeoutError):
            self.close()
            return False
        return True

    def frame(self) -> NDArray[np.uint8]:
        assert self._frames is not None
        return self._frames.latest().pixels.copy()

    def move(self, x: float, y: float) -> None:
        self._call(self._session, RD + ".Session", "NotifyPointerMotionAbsolute", "sdd", (self._stream, x, y))

    def click(self, x: int, y: int) -> None:
        self.move(x, y)
        time.sleep(0.05)
        for down in (True, False):
            self._call(self._session, RD + ".Session", "NotifyPointerButton", "ib", (BTN_LEFT, down))
            time.sleep(0.05)

    def close(self) -> None:
        if self._frames is not None:
            self._frames.close()
            self._frames = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _start(self) -> None:
        address = self._env["DBUS_SESSION_BUS_ADDRESS"]
        self._conn = open_dbus_connection(address, enable_fds=True)
        self._session = self._call("/org/gnome/Mutter/RemoteDesktop", RD, "CreateSession", None, ())[0]
        session_id = self._property(self._session, RD + ".Session", "SessionId")
        cast = self._call(
            "/org/gnome/Mutter/ScreenCast",
            SC,
            "CreateSession",
            "a{sv}",
            ({"remote-desktop-session-id": ("s", session_id)},),
        )[0]
        self._stream = self._call(cast, SC + ".Session", "RecordMonitor", "sa{sv}", ("", {}))[0]
        rule = MatchRule(
            type="signal", interface=SC + ".Stream", member="PipeWireStreamAdded", path=self._stream
        )
        self._reply(new_method_call(message_bus, "AddMatch", "s", (rule.serialise(),)))
        with self._conn.filter(rule) as added:
            self._call(self._session, RD + ".Session", "Start", None, ())
            node = self._conn.recv_until_filtered(added, timeout=10).body[0]
        # A keyboard exists from the start, as on a real machine: mutter adds its virtual one
        # to the seat on first use, and clients bind keyboards when the seat announces them.
        for down in (True, False):
            self._call(self._session, RD + ".Session", "NotifyKeyboardKeysym", "ub", (SHIFT_L, down))
        pipewire = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        pipewire.connect(str(Path(self._env["XDG_RUNTIME_DIR"]) / "pipewire-0"))
        self._frames = PipeWireFrames(pipewire.detach(), node)
        self._frames.latest()

    def _property(self, path: str, interface: str, name: str) -> str:
        props = DBusAddress(path, RD, "org.freedesktop.DBus.Properties")
        return str(self._reply(new_method_call(props, "Get", "ss", (interface, name)))[0][1])

    def _call(
        self, path: str, interface: str, method: str, signature: str | None, body: tuple[Any, ...]
    ) -> tuple[Any, ...]:
        bus = RD if interface.startswith(RD) else SC
        return self._reply(new_method_call(DBusAddress(path, bus, interface), method, signature, body))

    def _reply(self, message: Any) -> tuple[Any, ...]:
        assert self._conn is not None
        reply = self._conn.send_and_get_reply(message, timeout=10)
        if reply.header.message_type == MessageType.error:
            raise RuntimeError(f"mutter: {reply.body}")
        return tuple(reply.body)


DISPLAY_CONFIG = DBusAddress(
    "/org/gnome/Mutter/DisplayConfig", "org.gnome.Mutter.DisplayConfig", "org.gnome.Mutter.DisplayConfig"
)
TEMPORARY = 1
"""`ApplyMonitorsConfig` method: apply now, ask nobody, keep nothing."""


def apply_scales(
    env: dict[str, str], scales: tuple[float, ...], turned: frozenset[int] = frozenset()
) -> None:
    """Give the monitors (in mutter's order) these scales, side by side from the left, the first
    primary, and turn those in `turned` by 90 degrees: as the customer would in GNOME's display
    settings."""
    with open_dbus_connection(env["DBUS_SESSION_BUS_ADDRESS"]) as conn:
        deadline = time.monotonic() + 10
        while True:
            reply = conn.send_and_get_reply(new_method_call(DISPLAY_CONFIG, "GetCurrentState"), timeout=10)
            if reply.header.message_type != MessageType.error and len(reply.body[1]) == len(scales):
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"mutter's monitors did not show: {reply.body}")
            time.sleep(0.1)
        serial, monitors = reply.body[0], reply.body[1]
        logical: list[tuple[int, int, float, int, bool, list[tuple[str, str, dict[str, Any]]]]] = []
        x = 0
        for index, ((spec, modes, _props), scale) in enumerate(zip(monitors, scales, strict=True)):
            mode_id, width = next((m[0], m[1]) for m in modes if variant(m[6], "is-current"))
            logical.append((x, 0, scale, 0, index == 0, [(spec[0], mode_id, {})]))
            x += round(width / scale)
        message = new_method_call(
            DISPLAY_CONFIG,
            "ApplyMonitorsConfig",
            "uua(iiduba(ssa{sv}))a{sv}",
            (serial, TEMPORARY, logical, {}),
        )
        applied = conn.send_and_get_reply(message, timeout=10)
        if applied.header.message_type == MessageType.error:
            raise RuntimeError(f"mutter refused the monitor layout: {applied.body}")


def variant(props: dict[str, tuple[str, Any]], key: str) -> Any:
    entry = props.get(key)
    return None if entry is None else entry[1]
