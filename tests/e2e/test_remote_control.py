"""Remote control end to end: the real client on Xvfb, the real server over TLS, a scripted expert
following docs/protocol.md — and a person at the machine who takes the mouse back."""

import asyncio
import secrets
import subprocess
import sys
import time
from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from protocol.messages import Control, Key, PointerButton, PointerMove, Text, TierStatus
from tests.support.customer import consent_shown, start_customer, until
from tests.support.desktop import ShellTerminal, left_button_down, move_pointer_as_setup, pointer_position
from tests.support.fixtures import ANNA
from tests.support.scripted_expert import ScriptedExpert
from tests.support.server_process import open_session_async, ssl_context
from tests.support.x_devices import real_motion

pytestmark = pytest.mark.e2e


@pytest.fixture
def shell(tmp_path):
    with ShellTerminal(tmp_path) as terminal:
        yield terminal


async def controlled_session(server, qtbot, **customer):
    """A session in which the customer clicked Allow for viewing and for control."""
    ticket = await open_session_async(server, ANNA.username, ANNA.password)
    expert = ScriptedExpert(server.ws_url, ssl_context(server.ca_path), ticket.token, ticket.session_id)
    await expert.connect()
    app = start_customer(server.ws_url, server.ca_path, qtbot, ticket.number, **customer)
    await until(lambda: consent_shown(app))
    qtbot.mouseClick(app.consent_dialog.allow_button, Qt.MouseButton.LeftButton)
    await expert.wait_for_frames(1)
    await expert.request_tier(2)
    await until(lambda: app.consent_dialog.tier == 2 and consent_shown(app))
    qtbot.mouseClick(app.consent_dialog.allow_button, Qt.MouseButton.LeftButton)
    await expert.wait_for_message(TierStatus, lambda m: m.tier == 2 and m.state == "granted")
    await expert.wait_for_message(Control, lambda m: m.holder == "expert")
    return expert, app


async def finish(expert, app):
    app.control_panel.end_button.click()
    await until(app.finished.is_set)
    await app.shutdown()
    await expert.close()


def test_the_expert_types_a_command_with_german_characters_into_a_terminal(loop, qtbot, server, shell):
    secret = secrets.token_hex(4)
    command_text = f"echo 'Grüße äöüß€@ {secret}' > out.txt"

    async def scenario():
        move_pointer_as_setup(5, 5)
        expert, app = await controlled_session(server, qtbot)
        x, y = shell.inside
        await expert.send_input(PointerMove(monitor=0, x=x, y=y))
        await expert.send_input(PointerButton(monitor=0, x=x, y=y, button="left", down=True))
        await expert.send_input(PointerButton(monitor=0, x=x, y=y, button="left", down=False))
        await expert.send_input(Text(text=command_text))
        await expert.send_input(Key(code="Enter", down=True))
        await expert.send_input(Key(code="Enter", down=False))
        out = shell.directory / "out.txt"
        await until(lambda: out.exists() and out.read_text(encoding="utf-8").endswith("\n"))
        assert out.read_text(encoding="utf-8") == f"Grüße äöüß€@ {secret}\n"
        assert pointer_position() == (x, y)
        await finish(expert, app)

    loop.run_until_complete(scenario())


def test_yield_during_a_remote_drag_releases_the_button_and_control_resumes_after_rest(
    loop, qtbot, server, tmp_path
):
    async def scenario():
        move_pointer_as_setup(5, 5)
        expert, app = await controlled_session(server, qtbot)
        await expert.send_input(PointerMove(monitor=0, x=400, y=400))
        await expert.send_input(PointerButton(monitor=0, x=400, y=400, button="left", down=True))
        await expert.send_input(PointerMove(monitor=0, x=450, y=400))
        await until(lambda: pointer_position() == (450, 400) and left_button_down())

        mark = expert.mark()
        await asyncio.to_thread(real_motion, 7, 3)
        yielded = await expert.wait_for_message(Control, lambda m: m.holder == "customer", since=mark)
        yielded_at = time.monotonic()
        assert not left_button_down(), "the expert's held button must be released on yield"
        where_customer_left_it = pointer_position()
        assert where_customer_left_it == (457, 403)
        assert app.control_panel.view_only_button.isVisible()

        await expert.send_input(PointerMove(monitor=0, x=700, y=700))
        await expert.send_input(PointerButton(monitor=0, x=700, y=700, button="left", down=True))
        await asyncio.sleep(0.5)
        assert pointer_position() == where_customer_left_it, "no remote event may land during a yield"
        assert not left_button_down()

        resumed = await expert.wait_for_message(Control, lambda m: m.holder == "expert", since=mark)
        assert time.monotonic() - yielded_at >= 1.0
        assert yielded.holder == "customer" and resumed.holder == "expert"
        await expert.send_input(PointerMove(monitor=0, x=800, y=600))
        await until(lambda: pointer_position() == (800, 600))
        await finish(expert, app)
        return expert.session_id

    session_id = loop.run_until_complete(scenario())
    changes = holder_changes(exported_control_log(server, session_id, tmp_path / "export"))
    assert [holder for _, holder in changes] == ["expert", "customer", "expert"]
    (_, _), (took_at, _), (resumed_at, _) = changes
    assert (resumed_at - took_at).total_seconds() >= 1.0


def exported_control_log(server, session_id, out):
    """The control log as `fernhilfe-server recording export` writes it for a dispute."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "server",
            "recording",
            "export",
            "--data-dir",
            str(server.data_dir),
            "--out",
            str(out),
            "--reason",
            "test: who held the mouse",
            "--",  # a session id may start with "-"
            session_id,
        ],
        check=True,
        capture_output=True,
    )
    return (out / "control-log.txt").read_text(encoding="utf-8")


def holder_changes(control_log):
    """(time, holder) of every change of who holds mouse and keyboard, in order."""
    changes = []
    for line in control_log.splitlines():
        stamp, _, what = line.partition("  ")
        if what.endswith("now holds mouse and keyboard") or " now holds mouse and keyboard (" in what:
            holder = what.split(" ", 1)[0]
            changes.append((datetime.fromisoformat(stamp.replace("Z", "+00:00")), holder))
    return changes
