"""The customer's pointer is told to the server only once viewing is granted: never before the
customer clicks Allow, the same consent boundary as the frames (tests/client/services/
test_cursor_share.py shows that nothing is told once the share is stopped)."""

import asyncio

import pytest
from PySide6.QtCore import Qt

from protocol.messages import Cursor, CursorShape, Expert, Welcome
from tests.client.peer import ScriptedServer
from tests.support.customer import consent_shown, start_customer, until
from tests.support.desktop import move_pointer_as_setup

pytestmark = pytest.mark.gui

WELCOME = Welcome(1, "s1", Expert("Anna Berger", "Beispiel GmbH"), recorded=True, retention_days=90)


def _pointer_messages(server: ScriptedServer) -> list[Cursor | CursorShape]:
    return [m for m in server.log.messages if isinstance(m, Cursor | CursorShape)]


async def _wiggle(times: int = 5) -> None:
    for i in range(times):
        move_pointer_as_setup(50 + 20 * i, 60 + 10 * i)
        await asyncio.sleep(0.05)


def test_the_pointer_goes_out_only_after_allow_shape_first(loop, qtbot, tmp_path):
    async def scenario():
        server = ScriptedServer(tmp_path)
        await server.start()
        app = start_customer(server.url, server.ca_path, qtbot, "482190337")
        await until(lambda: server.log.messages)
        await server.send(WELCOME)
        await until(lambda: consent_shown(app))
        await _wiggle()
        await asyncio.sleep(0.3)
        assert _pointer_messages(server) == [], "the pointer was told before Allow"

        qtbot.mouseClick(app.consent_dialog.allow_button, Qt.MouseButton.LeftButton)
        await until(lambda: server.log.frames)
        await _wiggle()
        await until(
            lambda: any((m.x, m.y) == (130, 100) for m in server.log.messages if isinstance(m, Cursor))
        )
        told = _pointer_messages(server)
        assert isinstance(told[0], CursorShape), "the shape comes before the first position"
        assert told[-1] == Cursor(monitor=0, x=130, y=100, visible=True, shape=told[0].shape)

        await app.shutdown()
        await server.stop()

    loop.run_until_complete(scenario())
