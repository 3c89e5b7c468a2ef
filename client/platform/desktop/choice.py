"""Pure decisions: the session type from the environment, and the backends for each desktop.

Under XWayland (a Wayland session that also sets `DISPLAY`) X11 capture shows black or only X
windows and XTEST reaches only X clients, so a Wayland session never gets the X11 backends: it
gets the portal, or, where no portal offers screen casting, nothing, and the customer is told to
log into an "X11/Xorg" session.

Our own windows run on XWayland there (`qt_platform`): a Wayland client cannot place a window or
keep it above others, so only as an X client can the watermark stay in the top-right corner over
every window. A Wayland session without XWayland therefore cannot be shared either.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass


class SessionKind(enum.Enum):
    NATIVE = "native"
    """Windows or macOS: one backend each, nothing to detect."""
    X11 = "x11"
    WAYLAND = "wayland"


class CaptureBackend(enum.Enum):
    NATIVE = "native"
    """mss: X11, Windows, macOS."""
    PORTAL = "portal"


class InputBackend(enum.Enum):
    NATIVE = "native"
    """XTEST / SendInput / Quartz, with the matching local-input watch."""
    PORTAL = "portal"
    NONE = "none"
    """Remote control is not available on this desktop; tier 2 is refused when asked."""


@dataclass(frozen=True)
class PortalOffer:
    """What the desktop portal offers; `None` instead of an offer means no portal answered."""

    screencast: bool
    remote_desktop: bool


@dataclass(frozen=True)
class Desktop:
    """The decision: `capture is None` means this desktop cannot be shared at all."""

    kind: SessionKind
    capture: CaptureBackend | None
    input: InputBackend

    @property
    def needs_x11_session(self) -> bool:
        """True where the customer must log into an X11 session before anything can be shared."""
        return self.capture is None


def session_kind(env: Mapping[str, str]) -> SessionKind:
    """`XDG_SESSION_TYPE` when it names x11 or wayland; else a set `WAYLAND_DISPLAY` means Wayland;
    anything else (a tty, a bare X server such as Xvfb) is treated as X11."""
    declared = env.get("XDG_SESSION_TYPE", "").strip().lower()
    if declared == "wayland":
        return SessionKind.WAYLAND
    if declared == "x11":
        return SessionKind.X11
    if env.get("WAYLAND_DISPLAY", "").strip():
        return SessionKind.WAYLAND
    return SessionKind.X11


def has_xwayland(env: Mapping[str, str]) -> bool:
    """A Wayland session offers XWayland where `DISPLAY` is set (GNOME starts it on first use)."""
    return bool(env.get("DISPLAY", "").strip())


def qt_platform(env: Mapping[str, str]) -> str | None:
    """The Qt platform plugin our windows must use, or None for Qt's own choice: on a Wayland
    session with XWayland, "xcb", whatever `QT_QPA_PLATFORM` says, so the watermark can be placed."""
    if session_kind(env) is SessionKind.WAYLAND and has_xwayland(env):
        return "xcb"
    return None


def choose_desktop(kind: SessionKind, offer: PortalOffer | None, *, xwayland: bool = True) -> Desktop:
    """The backends for `kind`; `offer` and `xwayland` (our windows can run there) matter only on
    Wayland."""
    if kind is not SessionKind.WAYLAND:
        return Desktop(kind, CaptureBackend.NATIVE, InputBackend.NATIVE)
    if offer is None or not offer.screencast or not xwayland:
        return Desktop(kind, None, InputBackend.NONE)
    return Desktop(
        kind, CaptureBackend.PORTAL, InputBackend.PORTAL if offer.remote_desktop else InputBackend.NONE
    )
