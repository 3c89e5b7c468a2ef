"""From `move_pointer` on the Wayland portal injector to the motion in a Wayland client.

A headless GNOME desktop (mutter, PipeWire, xdg-desktop-portal-gnome; tests/support/gnome_desktop)
runs on a private D-Bus session bus; the customer's answer in the portal's "Remote desktop"
dialog is clicked through mutter's own API. Each round moves the pointer to a new pixel and waits
until `wev` reports that motion. Run as root or a normal user, no X server needed:

    .venv/bin/python -m bench.portal_input

Last lines: `portal_open_s=…` (CreateSession to granted, dialog clicked at once) and
`portal_input_ms p50=… p99=…` (over ROUNDS moves).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from bench.stats import summary
from client.platform.inject.portal import PortalInputInjector
from client.platform.portal.injections import InjectionClock
from protocol.messages import Monitor
from tests.support.gnome_desktop import HEIGHT, WIDTH, GnomeDesktop

ROUNDS = 300
ALLOW_INTERACTION, SHARE, BLUE = (590, 372), (612, 172), (53, 132, 228)


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="fernhilfe-bench-"))
    desktop = GnomeDesktop(root).start()
    try:
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = desktop.env["DBUS_SESSION_BUS_ADDRESS"]
        events = desktop.show_event_window()
        screen = (Monitor(0, 0, 0, WIDTH, HEIGHT, 1.0, True),)
        started = time.monotonic()
        injector = PortalInputInjector(lambda: screen, print, InjectionClock())
        desktop.wait_for_dialog(SHARE, BLUE)
        desktop.click(*ALLOW_INTERACTION)
        time.sleep(0.3)
        desktop.click(*SHARE)
        while not injector.ready:
            time.sleep(0.005)
        opened = time.monotonic() - started
        latencies = []
        for n in range(ROUNDS):
            x, y = 200 + n % 200, 150 + n % 150 + (n // 200)
            seen = len(events.motions)
            sent = time.monotonic()
            injector.move_pointer(x, y)
            while len(events.motions) == seen:
                time.sleep(0.0002)
            latencies.append((time.monotonic() - sent) * 1000)
        injector.close()
        events.close()
        print(f"portal_open_s={opened:.2f}")
        print(summary("portal_input_ms", latencies))
    finally:
        desktop.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
