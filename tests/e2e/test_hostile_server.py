"""A hostile server tries to make the real client inject input without consent.

The server is a scripted test peer (real TLS WebSocket), the client is the real one on Xvfb with
the real injector and local-input watch. Nothing may reach the desktop: the pointer stays where it
is and a terminal that records every keystroke stays empty — until the customer really grants
control, which proves the same checks would see injected input.
"""

import asyncio
import math
import time

import pytest
from PySide6.QtCore import Qt

from protocol.messages import (
    Consent,
    Control,
    Expert,
    Key,
    Message,
    PointerButton,
    PointerMove,
    Text,
    TierRelease,
    TierRequest,
    TierRevoke,
    Welcome,
    Wheel,
)
from tests.client.peer import ScriptedServer
from tests.support.customer import consent_shown, start_customer, until
from tests.support.desktop import RawTerminal, left_button_down, move_pointer_as_setup, pointer_position
from tests.support.x_devices import real_motion

pytestmark = pytest.mark.e2e

SCREEN_WIDTH = 1920
WELCOME = Welcome(1, "s1", Expert("Mallory", "Evil Corp"), recorded=True, retention_days=90)


def attack(at: tuple[int, int], monitor: int = 0) -> list[Message]:
    x, y = at
    return [
        PointerMove(monitor=monitor, x=x + 300, y=y + 200),
        PointerButton(monitor=monitor, x=x, y=y, button="left", down=True),
        Wheel(monitor=monitor, x=x, y=y, dx=0, dy=3),
        Text(text="rm -rf ~\n"),
        Key(code="KeyX", down=True, modifiers=("control",)),
        Key(code="KeyX", down=False),
    ]


async def send_all(server, messages):
    for message in messages:
        await server.send(message)
    await asyncio.sleep(0.3)


async def _settled_count(terminal, char):
    """How often `char` shows once the terminal has not changed for a second, and when it last changed."""
    count, changed = terminal.text().count(char), time.monotonic()
    while time.monotonic() - changed < 1.0:
        await asyncio.sleep(0.1)
        now = terminal.text().count(char)
        if now != count:
            count, changed = now, time.monotonic()
    return count, changed


def untouched(terminal, position):
    return terminal.text() == "" and pointer_position() == position and not left_button_down()


def test_input_without_consent_never_reaches_the_desktop(loop, qtbot, tmp_path, caplog):
    async def scenario():
        with RawTerminal(tmp_path / "typed.txt") as terminal:
            move_pointer_as_setup(*terminal.inside)
            start = pointer_position()
            server = ScriptedServer(tmp_path)
            await server.start()
            app = start_customer(server.url, server.ca_path, qtbot, "482190337")
            await until(lambda: server.log.messages)
            move_pointer_as_setup(*start)

            await server.send(WELCOME)
            await until(lambda: consent_shown(app))
            await send_all(server, attack(start))
            assert untouched(terminal, start), "input before any consent"

            app.consent_dialog.allow_button.click()
            await until(lambda: server.log.frames)
            await send_all(server, attack(start))
            assert untouched(terminal, start), "input with view-only consent"

            await server.send(TierRequest(tier=2))
            await until(lambda: app.consent_dialog.tier == 2 and consent_shown(app))
            await send_all(server, attack(start))
            assert untouched(terminal, start), "input while the control request is open"
            qtbot.mouseClick(app.consent_dialog.deny_button, Qt.MouseButton.LeftButton)
            await until(lambda: Consent(tier=2, granted=False) in server.log.messages)
            await send_all(server, [TierRelease(tier=2), *attack(start)])
            assert untouched(terminal, start), "input after control was denied"

            await server.send(TierRequest(tier=2))
            await until(lambda: app.consent_dialog.tier == 2 and consent_shown(app))
            qtbot.mouseClick(app.consent_dialog.allow_button, Qt.MouseButton.LeftButton)
            await until(lambda: Control(holder="expert") in server.log.messages)
            await send_all(
                server,
                [
                    *attack(start, monitor=7),
                    PointerMove(monitor=0, x=SCREEN_WIDTH, y=10),
                    PointerButton(monitor=0, x=10, y=1080, button="left", down=True),
                ],
            )
            assert pointer_position() == start, "input for a monitor that does not exist or off-screen"
            assert not left_button_down()
            terminal_before = terminal.text()

            await asyncio.to_thread(real_motion, 3, 0)
            moved_to = pointer_position()
            await until(lambda: Control(holder="customer") in server.log.messages)
            await send_all(server, attack(start))
            assert terminal.text() == terminal_before, "typed while the customer holds control"
            assert pointer_position() == moved_to, "pointer moved while the customer holds control"

            await until(lambda: server.log.messages.count(Control(holder="expert")) == 2)
            qtbot.mouseClick(app.control_panel.view_only_button, Qt.MouseButton.LeftButton)
            await until(lambda: TierRevoke(tier=2) in server.log.messages)
            await send_all(server, attack(start))
            assert terminal.text() == terminal_before, "typed after the customer revoked control"
            assert pointer_position() == moved_to

            await server.send(TierRequest(tier=2))
            await until(lambda: app.consent_dialog.tier == 2 and consent_shown(app))
            qtbot.mouseClick(app.consent_dialog.allow_button, Qt.MouseButton.LeftButton)
            await until(lambda: server.log.messages.count(Control(holder="expert")) == 3)
            move_pointer_as_setup(*terminal.inside)
            flood_started = time.monotonic()
            for _ in range(1000):
                await server.send(Text(text="x"))
            await until(lambda: "x" in terminal.text())
            typed, last_change = await _settled_count(terminal, "x")
            # At most 250 in any one-second window: on a busy machine the flood is spread over
            # more windows, so the bound follows how long it took, and stays far below 1000.
            windows = math.ceil(last_change - flood_started) + 1
            assert 0 < typed <= 250 * windows < 1000, f"{typed} of 1000 flooded keystrokes in {windows} s"

            refusals = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
            assert any("remote control is not granted" in text for text in refusals)
            assert any("the customer holds control" in text for text in refusals)
            assert any("not on shared monitor 7" in text for text in refusals)
            assert any("allowed input rate" in text for text in refusals)

            app.control_panel.end_button.click()
            await until(app.finished.is_set)
            await app.shutdown()
            await server.stop()

    loop.run_until_complete(scenario())
