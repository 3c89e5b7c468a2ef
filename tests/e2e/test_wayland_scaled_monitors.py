"""Wayland with two monitors, the primary at GNOME's fractional scale 1.5 and a German keyboard:
the real portal capture and input on a headless GNOME desktop of that shape (mutter's
`scale-monitor-framebuffer`, set through its DisplayConfig API as GNOME's settings do).

The expert's pointer is checked where the customer would see it: the portal draws the cursor into
the frames the expert gets, so the cursor's tip must be at the physical pixel the expert named, on
either monitor."""

import threading
import time

import numpy as np
import pytest

from client.platform.capture.portal_backend import PortalScreenCapture
from client.platform.inject.portal import PortalInputInjector
from protocol.messages import Monitor
from tests.support.gnome_desktop import DesktopLayout, running_desktop
from tests.support.wayland_clients import PointerAndKeys

pytestmark = pytest.mark.e2e

LAYOUT = DesktopLayout(monitors=((1200, 900), (800, 600)), scales=(1.5, 1.0), keyboard="de")
# The portal's dialogs on the primary monitor, in its physical pixels (mutter's input API for
# the customer's own mouse takes the frames' pixels).
SHARE, SECOND_MONITOR, ALLOW_INTERACTION = (919, 258), (345, 510), (885, 640)
DIALOG_BLUE, SHARE_EDGE = (53, 132, 228), (866, 242)
"""The Share button's colour, read at its left edge (its middle is the white word)."""


class Shared:
    def __init__(self, capture: PortalScreenCapture, injector: PortalInputInjector) -> None:
        self.capture = capture
        self.injector = injector


def answered(gnome, opener, *clicks):
    """Run `opener` (which waits for the portal's dialog) while the customer clicks `clicks`."""
    result = {}

    def run():
        try:
            result["value"] = opener()
        except Exception as exc:  # reported below, in the test's thread
            result["error"] = exc

    worker = threading.Thread(target=run)
    worker.start()
    try:
        gnome.wait_for_dialog(SHARE_EDGE, DIALOG_BLUE)
    except RuntimeError:
        worker.join(1)
        raise AssertionError(f"no portal dialog; the opener says {result}") from None
    for button in clicks:
        time.sleep(0.4)
        gnome.click(*button)
    worker.join(30)
    if "error" in result:
        raise result["error"]
    return result["value"]


@pytest.fixture(scope="module")
def scaled(monkeypatch_module):
    with running_desktop(LAYOUT) as gnome:
        monkeypatch_module.setenv("DBUS_SESSION_BUS_ADDRESS", gnome.env["DBUS_SESSION_BUS_ADDRESS"])
        try:
            capture = answered(gnome, PortalScreenCapture, SECOND_MONITOR, SHARE)
        except AssertionError:
            # xdg-desktop-portal-gnome 43 sometimes dies (see GnomeDesktop.ensure_portals); a
            # customer's session manager restarts it too.
            gnome.ensure_portals()
            capture = answered(gnome, PortalScreenCapture, SECOND_MONITOR, SHARE)
        monitors = [
            Monitor(m.id, m.x, m.y, m.width, m.height, m.scale, m.primary) for m in capture.monitors()
        ]
        injector = gnome.granted_injector(monitors, SHARE_EDGE, (SECOND_MONITOR, ALLOW_INTERACTION, SHARE))
        yield gnome, Shared(capture, injector)
        injector.close()
        capture.close()


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def cursor_tip(capture, monitor_id):
    """The top-left corner of the cursor's white fill in the monitor's newest frame, or None."""
    pixels = capture.grab(monitor_id).pixels
    white = np.argwhere(np.all(pixels[:, :, :3] > 230, axis=2))
    if len(white) == 0:
        return None
    return int(white[:, 1].min()), int(white[:, 0].min())


def wait_for_cursor_near(capture, monitor_id, x, y, tolerance=6):
    deadline = time.monotonic() + 5
    while True:
        tip = cursor_tip(capture, monitor_id)
        if tip is not None and abs(tip[0] - x) <= tolerance and abs(tip[1] - y) <= tolerance:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"the cursor is at {tip} on monitor {monitor_id}, not near ({x}, {y})")
        time.sleep(0.05)


def test_both_monitors_are_offered_in_physical_pixels_side_by_side_with_their_scales(scaled):
    _, shared = scaled
    geometry = [(m.x, m.y, m.width, m.height, m.scale, m.primary) for m in shared.capture.monitors()]
    assert geometry == [(0, 0, 1200, 900, 1.5, True), (1200, 0, 800, 600, 1.0, False)]


@pytest.mark.parametrize(
    ("x", "y", "monitor", "local"),
    [
        (600, 450, 0, (600, 450)),
        (1101, 803, 0, (1101, 803)),
        (1200 + 400, 300, 1, (400, 300)),
        (1200 + 37, 555, 1, (37, 555)),
    ],
)
def test_the_experts_pointer_lands_on_the_pixel_named_on_either_monitor(scaled, x, y, monitor, local):
    _, shared = scaled
    shared.injector.move_pointer(x, y)
    wait_for_cursor_near(shared.capture, monitor, *local)


def test_xwaylands_keymap_shows_the_german_layout_of_the_desktop(scaled):
    gnome, _ = scaled
    keysyms = gnome.keysyms()
    assert keysyms is not None, "XWayland's keyboard mapping could not be read"
    assert {0xE4, 0xF6, 0xFC, 0xDF, 0x20AC, 0x40} <= keysyms


def test_german_characters_type_through_the_german_layouts_keysyms(scaled):
    gnome, shared = scaled
    events = PointerAndKeys(gnome.env)
    try:
        time.sleep(1.0)
        shared.injector.type_text("Grüße, Öl für 42 €! ä ö ü ß @")
        deadline = time.monotonic() + 10
        while events.typed != "Grüße, Öl für 42 €! ä ö ü ß @":
            assert time.monotonic() < deadline, f"typed {events.typed!r}"
            time.sleep(0.05)
    finally:
        events.close()
