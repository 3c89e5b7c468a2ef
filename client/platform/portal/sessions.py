"""Opening portal sessions: a ScreenCast one for tier 1, a RemoteDesktop one for tier 2.

Each `open_*` call is made only after the customer has allowed the tier in our own consent dialog;
the portal may then show its own dialog ("share your screen", "allow remote interaction"), which
the customer answers as well. Refusal there, or no answer within `dialog_timeout_s`, closes the
session and raises, so the tier is denied cleanly. Consents are never persisted (no
`persist_mode`, no restore token): one session, one consent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from client.platform.portal.bus import (
    CALL_TIMEOUT_S,
    REMOTE_DESKTOP,
    SCREENCAST,
    PortalBus,
    PortalError,
    Results,
    portal_interface,
    variant_value,
)

DIALOG_TIMEOUT_S = 30.0
"""How long the portal's own dialog may wait for the customer before the tier is denied."""

SOURCE_MONITOR = 1
CURSOR_HIDDEN, CURSOR_EMBEDDED = 1, 2
DEVICE_KEYBOARD, DEVICE_POINTER = 1, 2


@dataclass(frozen=True)
class PortalStream:
    """One shared monitor: its PipeWire node and its place in the compositor's logical layout."""

    node_id: int
    x: int
    y: int
    width: int
    height: int


@dataclass
class PortalSession:
    """A started portal session; `close()` ends its streams (and input) at once."""

    bus: PortalBus
    handle: str
    streams: list[PortalStream]

    def open_pipewire_remote(self) -> int:
        """A new PipeWire connection fd that sees only this session's streams; the caller owns it."""
        reply = self.bus.call(portal_interface(SCREENCAST), "OpenPipeWireRemote", "oa{sv}", (self.handle, {}))
        return int(reply[0].to_raw_fd())

    def close(self) -> None:
        self.bus.close_session(self.handle)


def open_screencast(bus: PortalBus, dialog_timeout_s: float = DIALOG_TIMEOUT_S) -> PortalSession:
    """Share every monitor the customer picks, cursor drawn into the frames where offered."""
    handle = _create_session(bus, SCREENCAST)
    try:
        _select_monitors(bus, handle, _cursor_mode(bus, CURSOR_EMBEDDED))
        results = bus.request(SCREENCAST, "Start", "os", (handle, ""), options={}, timeout_s=dialog_timeout_s)
        return PortalSession(bus, handle, parse_streams(results))
    except PortalError:
        bus.close_session(handle)
        raise


def open_remote_desktop(bus: PortalBus, dialog_timeout_s: float = DIALOG_TIMEOUT_S) -> PortalSession:
    """Pointer and keyboard, plus the monitor streams that absolute pointer motion refers to."""
    handle = _create_session(bus, REMOTE_DESKTOP)
    try:
        devices = ("u", DEVICE_KEYBOARD | DEVICE_POINTER)
        bus.request(
            REMOTE_DESKTOP,
            "SelectDevices",
            "o",
            (handle,),
            options={"types": devices},
            timeout_s=CALL_TIMEOUT_S,
        )
        _select_monitors(bus, handle, _cursor_mode(bus, CURSOR_HIDDEN))
        results = bus.request(
            REMOTE_DESKTOP, "Start", "os", (handle, ""), options={}, timeout_s=dialog_timeout_s
        )
        granted = int(variant_value(results, "devices", 0))
        if granted & (DEVICE_KEYBOARD | DEVICE_POINTER) != DEVICE_KEYBOARD | DEVICE_POINTER:
            raise PortalError("the portal did not grant both pointer and keyboard")
        return PortalSession(bus, handle, parse_streams(results))
    except PortalError:
        bus.close_session(handle)
        raise


def parse_streams(results: Results) -> list[PortalStream]:
    """The `streams` of a Start response: `a(ua{sv})` with `position` and `size` per stream."""
    streams = []
    for node_id, props in variant_value(results, "streams", []):
        x, y = variant_value(props, "position", (0, 0))
        width, height = variant_value(props, "size", (0, 0))
        streams.append(PortalStream(int(node_id), int(x), int(y), int(width), int(height)))
    if not streams:
        raise PortalError("the portal started a session without any screen")
    return streams


def _create_session(bus: PortalBus, interface: str) -> str:
    options = {"session_handle_token": ("s", bus.token())}
    results = bus.request(interface, "CreateSession", "", (), options=options, timeout_s=CALL_TIMEOUT_S)
    handle = variant_value(results, "session_handle")
    if not isinstance(handle, str):
        raise PortalError("CreateSession returned no session handle")
    return handle


def _select_monitors(bus: PortalBus, handle: str, cursor_mode: int | None) -> None:
    options: dict[str, tuple[str, Any]] = {
        "types": ("u", SOURCE_MONITOR),
        "multiple": ("b", True),
    }
    if cursor_mode is not None:
        options["cursor_mode"] = ("u", cursor_mode)
    bus.request(SCREENCAST, "SelectSources", "o", (handle,), options=options, timeout_s=CALL_TIMEOUT_S)


def _cursor_mode(bus: PortalBus, wanted: int) -> int | None:
    """`wanted` if the portal offers it (version 2+ lists its modes), else leave it unset."""
    try:
        available = int(bus.property(SCREENCAST, "AvailableCursorModes"))
    except PortalError:
        return None
    return wanted if available & wanted else None
