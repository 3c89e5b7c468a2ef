"""Wayland end to end: the real client shares a headless GNOME desktop (mutter) through the real
desktop portal and PipeWire, to a scripted expert over the real server. The customer answers the
portal's own dialogs on that desktop with their own mouse (mutter's input API), after our consent
dialogs, which run on Xvfb as in every other test."""

import asyncio
import time
from functools import partial

import pytest
from PySide6.QtCore import Qt

from client.app import CustomerApp
from client.config import ClientConfig
from client.core.notice import Notice
from client.platform.capture import CaptureError
from client.platform.capture.portal_backend import PortalScreenCapture
from client.platform.desktop import PortalOffer, SessionKind, choose_desktop
from client.transport import ServerTrust
from protocol.messages import Control, End, PointerButton, PointerMove, ScreenInfo, Text
from tests.e2e.test_view_session import attach_expert, close_to, pixel_in_frame
from tests.support.customer import consent_shown, started, until
from tests.support.gnome_desktop import HEIGHT, WIDTH, GnomeDesktop

pytestmark = pytest.mark.e2e

GNOME = choose_desktop(SessionKind.WAYLAND, PortalOffer(screencast=True, remote_desktop=True))
GREEN = (0x12, 0xAB, 0x34)
SHARE, CANCEL, ALLOW_INTERACTION = (612, 172), (190, 172), (590, 372)
DIALOG_BLUE = (53, 132, 228)
TYPED = "Hallo Anna: 42 ist die Antwort!"
"""Text on the layout this desktop has (US): keysyms, in order. German text, through the layout's
keysyms or Unicode entry, is in test_wayland_text.py and test_wayland_scaled_monitors.py."""

@pytest.fixture
def gnome(gnome_desktop, monkeypatch):
    """The shared GNOME desktop, its session bus the one the client under test talks to."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", gnome_desktop.env["DBUS_SESSION_BUS_ADDRESS"])
    gnome_desktop.ensure_portals()
    return gnome_desktop


@pytest.fixture
def green_window(gnome):
    """A full-screen green Wayland window (Qt) on the desktop."""
    window = gnome.show_window("#12ab34")
    yield window
    window.close()


def start_wayland_customer(server, qtbot, number):
    config = ClientConfig("Beispiel GmbH", ServerTrust(server.ws_url, server.ca_path.read_bytes()), "")
    app = started(CustomerApp(config, desktop=GNOME))
    qtbot.keyClicks(app.number_dialog.number_edit, number)
    qtbot.mouseClick(app.number_dialog.connect_button, Qt.MouseButton.LeftButton)
    return app


def portal_dialog_shown(gnome: GnomeDesktop) -> bool:
    return bool(close_to(gnome.pixel(*SHARE), DIALOG_BLUE, tolerance=8))


async def allow_viewing(gnome, server, qtbot):
    ticket, expert = await attach_expert(server)
    app = start_wayland_customer(server, qtbot, ticket.number)
    await until(lambda: consent_shown(app))
    await asyncio.sleep(0.3)
    assert not portal_dialog_shown(gnome), "the portal's dialog came before our own"
    qtbot.mouseClick(app.consent_dialog.allow_button, Qt.MouseButton.LeftButton)
    await until(lambda: portal_dialog_shown(gnome))
    return expert, app


async def answer_portal(gnome, *buttons):
    """The customer reads the portal's dialog, then clicks `buttons` in turn (a dialog that has
    just appeared may not take clicks yet)."""
    for button in buttons:
        await asyncio.sleep(0.4)
        gnome.click(*button)


async def finish(expert, app):
    app.control_panel.end_button.click()
    await until(app.finished.is_set)
    await app.shutdown()
    await expert.close()


def test_a_green_wayland_window_reaches_the_expert_after_both_consents(
    loop, qtbot, server, gnome, green_window
):
    async def scenario():
        expert, app = await allow_viewing(gnome, server, qtbot)
        assert expert.frames == []
        await answer_portal(gnome, SHARE)
        info = await expert.wait_for_message(ScreenInfo)
        assert [(m.width, m.height, m.scale) for m in info.monitors] == [(WIDTH, HEIGHT, 1.0)]
        await until(
            lambda: any(
                close_to(pixel_in_frame(f, WIDTH // 2, HEIGHT * 3 // 4), GREEN)
                for f in expert.frames
                if f.keyframe
            ),
            timeout=20,
        )
        await finish(expert, app)

    loop.run_until_complete(scenario())


def test_cancel_in_the_portals_dialog_shares_nothing_and_ends_cleanly(loop, qtbot, server, gnome):
    async def scenario():
        expert, app = await allow_viewing(gnome, server, qtbot)
        await answer_portal(gnome, CANCEL)
        ended = await expert.wait_for_message(End)
        assert ended.by == "customer"
        assert expert.frames == []
        await until(lambda: app.notice_box is not None)
        assert app.final_notice is Notice.SHARE_FAILED
        await until(lambda: not portal_dialog_shown(gnome))
        app.notice_box.accept()
        await until(app.finished.is_set)
        await app.shutdown()
        await expert.close()

    loop.run_until_complete(scenario())


async def grant_control(gnome, server, qtbot, allow_interaction=True):
    expert, app = await allow_viewing(gnome, server, qtbot)
    await answer_portal(gnome, SHARE)
    await expert.wait_for_frames(1)
    await until(lambda: not portal_dialog_shown(gnome))
    await expert.request_tier(2)
    await until(lambda: app.consent_dialog.tier == 2 and consent_shown(app))
    qtbot.mouseClick(app.consent_dialog.allow_button, Qt.MouseButton.LeftButton)
    await expert.wait_for_tier(2, "granted")
    await until(lambda: portal_dialog_shown(gnome))
    await answer_portal(gnome, *((ALLOW_INTERACTION, SHARE) if allow_interaction else (SHARE,)))
    return expert, app


def holder(expert):
    """Who holds control according to the last `control` message."""
    controls = [m for m in expert.messages if isinstance(m, Control)]
    return controls[-1].holder if controls else None


async def expert_controls(expert, app):
    """Until the portal granted input and the expert holds control again: the customer's own
    click in the portal's dialog was local input, so control resumes only after the rest."""
    await until(lambda: app.input._remote is not None and app.input._remote._injector.ready)
    await until(lambda: holder(expert) == "expert" and not app.input._remote._blocked.is_set())


@pytest.fixture
def events(gnome):
    """The only window on the desktop: a Wayland client that reports the pointer motion and
    keys it receives."""
    probe = gnome.show_event_window()
    yield probe
    probe.close()


def moved_since(events, seen):
    return len(events.motions) > seen


async def window_origin(gnome, events):
    """Where mutter placed the event window: the customer moves their mouse into it (an enter),
    then by a known step (two motions), and the window reports both points in its own coordinates."""
    for _ in range(5):
        gnome.mutter.move(400, 300)
        await asyncio.sleep(0.3)
        seen = len(events.motions)
        gnome.mutter.move(410, 305)
        await until(partial(moved_since, events, seen))
        await asyncio.sleep(0.3)
        before = events.last_motion()
        seen = len(events.motions)
        gnome.mutter.move(430, 315)
        await until(partial(moved_since, events, seen))
        after = events.last_motion()
        if (after[0] - before[0], after[1] - before[1]) == (20, 10):
            return 430 - after[0], 315 - after[1]
    raise AssertionError(f"the event window did not follow the customer's mouse: {events.motions}")


def test_the_expert_moves_the_pointer_clicks_and_types_into_a_wayland_client(
    loop, qtbot, server, gnome, events
):
    async def scenario():
        origin = await window_origin(gnome, events)
        expert, app = await grant_control(gnome, server, qtbot)
        await expert_controls(expert, app)
        await expert.send_input(PointerMove(monitor=0, x=321, y=356))
        await until(lambda: events.last_motion() == (321 - origin[0], 356 - origin[1]))
        for down in (True, False):
            await expert.send_input(PointerButton(monitor=0, x=321, y=356, button="left", down=down))
        await until(lambda: events.buttons == 2)
        await expert.send_input(Text(text=TYPED))
        await until(lambda: events.typed == TYPED)
        await finish(expert, app)

    loop.run_until_complete(scenario())


def test_the_customer_moving_their_mouse_takes_control_back(loop, qtbot, server, gnome):
    async def scenario():
        expert, app = await grant_control(gnome, server, qtbot)
        await expert_controls(expert, app)
        await expert.send_input(PointerMove(monitor=0, x=100, y=100))
        await asyncio.sleep(0.5)
        assert holder(expert) == "expert", "the expert's own input made the customer take over"
        mark = expert.mark()
        gnome.mutter.move(600, 500)
        await expert.wait_for_control("customer", since=mark)
        await finish(expert, app)

    loop.run_until_complete(scenario())


def test_without_remote_interaction_in_the_portals_dialog_control_is_withdrawn(loop, qtbot, server, gnome):
    async def scenario():
        expert, app = await grant_control(gnome, server, qtbot, allow_interaction=False)
        await expert.wait_for_tier(2, "revoked")
        frames = len(expert.frames)
        await expert.wait_for_frames(frames + 1)
        await finish(expert, app)

    loop.run_until_complete(scenario())


def test_an_unanswered_portal_dialog_denies_within_seconds(gnome):
    """Last in this file: closing the pending request may crash xdg-desktop-portal-gnome 43
    (D-Bus starts it again on the next call)."""
    started = time.monotonic()
    with pytest.raises(CaptureError, match="no answer in 1 s"):
        PortalScreenCapture(dialog_timeout_s=1.0)
    assert time.monotonic() - started < 5
    deadline = time.monotonic() + 10
    while portal_dialog_shown(gnome):
        assert time.monotonic() < deadline, "the portal's dialog stayed after the request was closed"
        time.sleep(0.1)
