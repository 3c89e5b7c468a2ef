"""Which backends a desktop gets: X11 where X11 is the session, the portal on Wayland, and never
the X11 backends on a Wayland session (XWayland would capture black and inject into X clients only)."""

import pytest

from client.platform.desktop import PortalOffer, SessionKind, choose_desktop, session_kind
from client.platform.desktop.choice import CaptureBackend, InputBackend, qt_platform

GNOME = PortalOffer(screencast=True, remote_desktop=True)
WLROOTS = PortalOffer(screencast=True, remote_desktop=False)


@pytest.mark.parametrize(
    ("env", "kind"),
    [
        (
            {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"},
            SessionKind.WAYLAND,
        ),
        ({"XDG_SESSION_TYPE": "wayland"}, SessionKind.WAYLAND),
        ({"XDG_SESSION_TYPE": " Wayland "}, SessionKind.WAYLAND),
        ({"WAYLAND_DISPLAY": "wayland-1", "DISPLAY": ":1"}, SessionKind.WAYLAND),
        ({"XDG_SESSION_TYPE": "x11", "DISPLAY": ":0"}, SessionKind.X11),
        ({"XDG_SESSION_TYPE": "x11", "WAYLAND_DISPLAY": "wayland-0"}, SessionKind.X11),
        ({"XDG_SESSION_TYPE": "tty", "DISPLAY": ":99"}, SessionKind.X11),
        ({"DISPLAY": ":99"}, SessionKind.X11),
        ({"WAYLAND_DISPLAY": "  "}, SessionKind.X11),
        ({}, SessionKind.X11),
    ],
)
def test_the_session_type_comes_from_the_environment(env, kind):
    assert session_kind(env) is kind


def test_an_x11_session_keeps_the_x11_backends():
    desktop = choose_desktop(SessionKind.X11, None)
    assert (desktop.capture, desktop.input) == (CaptureBackend.NATIVE, InputBackend.NATIVE)
    assert not desktop.needs_x11_session


def test_windows_and_macos_keep_their_own_backends():
    desktop = choose_desktop(SessionKind.NATIVE, None)
    assert (desktop.capture, desktop.input) == (CaptureBackend.NATIVE, InputBackend.NATIVE)


def test_gnome_on_wayland_shares_and_controls_through_the_portal():
    desktop = choose_desktop(SessionKind.WAYLAND, GNOME)
    assert (desktop.capture, desktop.input) == (CaptureBackend.PORTAL, InputBackend.PORTAL)


def test_a_portal_without_remote_desktop_shares_the_screen_but_offers_no_control():
    desktop = choose_desktop(SessionKind.WAYLAND, WLROOTS)
    assert (desktop.capture, desktop.input) == (CaptureBackend.PORTAL, InputBackend.NONE)
    assert not desktop.needs_x11_session


@pytest.mark.parametrize(
    "offer",
    [
        None,
        PortalOffer(screencast=False, remote_desktop=False),
        PortalOffer(screencast=False, remote_desktop=True),
    ],
)
def test_wayland_without_a_screencast_portal_asks_for_an_x11_session_and_never_falls_back_to_x11(offer):
    desktop = choose_desktop(SessionKind.WAYLAND, offer)
    assert desktop.needs_x11_session
    assert desktop.capture is None
    assert desktop.input is InputBackend.NONE


def test_a_wayland_session_without_xwayland_cannot_be_shared_the_watermark_could_not_be_placed():
    desktop = choose_desktop(SessionKind.WAYLAND, GNOME, xwayland=False)
    assert desktop.needs_x11_session
    assert desktop.input is InputBackend.NONE


@pytest.mark.parametrize(
    ("env", "platform"),
    [
        ({"XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"}, "xcb"),
        ({"XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0", "QT_QPA_PLATFORM": "wayland"}, "xcb"),
        ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":1"}, "xcb"),
        ({"XDG_SESSION_TYPE": "wayland"}, None),
        ({"XDG_SESSION_TYPE": "x11", "DISPLAY": ":0"}, None),
        ({"DISPLAY": ":99", "QT_QPA_PLATFORM": "offscreen"}, None),
    ],
)
def test_on_wayland_our_windows_run_on_xwayland_so_the_watermark_can_be_placed(env, platform):
    assert qt_platform(env) == platform
