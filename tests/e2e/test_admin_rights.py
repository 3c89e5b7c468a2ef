"""Administrator rights end to end: the real client on Xvfb grants tier 3 through its dialogs, the
helper really runs as root through a launcher that stands in for pkexec, and a scripted expert on
the real server runs commands through it."""

import asyncio
import os
import secrets
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from protocol.messages import (
    AdminCommand,
    AdminExit,
    AdminOutput,
    AdminRefused,
    AdminUnavailable,
    PointerMove,
    TierStatus,
)
from tests.e2e.test_remote_control import controlled_session, exported_control_log, finish
from tests.support.customer import consent_shown, until
from tests.support.desktop import move_pointer_as_setup, pointer_position
from tests.support.processes import processes_naming
from tests.support.x_devices import real_motion

pytestmark = pytest.mark.e2e

ROOT_LAUNCHER = ("sudo", "-n")
"""As root (CI), `sudo -n` starts the helper as root without a prompt: pkexec's stand-in."""
DISMISSING_LAUNCHER = ("sh", "-c", "exit 126", "dismissed-prompt")
"""Behaves like pkexec when the customer closes its dialog."""


async def grant_admin(expert, app, qtbot):
    mark = expert.mark()
    await expert.request_tier(3)
    await until(lambda: app.consent_dialog.tier == 3 and consent_shown(app))
    assert "administrator rights" in app.consent_dialog.windowTitle()
    qtbot.mouseClick(app.consent_dialog.allow_button, Qt.MouseButton.LeftButton)
    return mark


async def run(expert, command_id, command):
    mark = expert.mark()
    await expert.send(AdminCommand(id=command_id, command=command))
    exit_ = await expert.wait_for_message(AdminExit, lambda m: m.id == command_id, since=mark)
    output = {"stdout": "", "stderr": ""}
    for message in [r.message for r in expert.received[mark:]]:
        if isinstance(message, AdminOutput) and message.id == command_id:
            output[message.stream] += message.data
    return output, exit_.status


def test_the_expert_runs_a_command_as_root_and_the_customer_takes_the_rights_back(
    loop, qtbot, server, tmp_path
):
    assert os.getuid() == 0, "CI runs as root; tests/e2e/test_admin_unprivileged.py covers a normal user"

    async def scenario():
        move_pointer_as_setup(5, 5)
        expert, app = await controlled_session(server, qtbot, elevation_launcher=ROOT_LAUNCHER)
        mark = await grant_admin(expert, app, qtbot)
        await expert.wait_for_tier(3, "granted", since=mark, timeout=30)
        assert app.control_panel.admin.drop_button.isVisible()
        assert all("administrator rights" in mark.text for mark in app.watermarks.marks)

        output, status = await run(expert, 1, "id -u; echo warnung >&2; exit 3")
        assert output == {"stdout": "0\n", "stderr": "warnung\n"} and status == 3
        shown = app.control_panel.admin.text()
        assert "$ id -u; echo warnung >&2; exit 3" in shown and "warnung" in shown
        assert "[finished with exit code 3]" in shown

        mark = expert.mark()
        await asyncio.to_thread(real_motion, 4, 2)
        await expert.wait_for_control("customer", since=mark)
        assert all("administrator rights" in mark.text for mark in app.watermarks.marks)
        await expert.send(AdminCommand(id=2, command="touch /should-not-exist"))
        refused = await expert.wait_for_message(AdminRefused, since=mark)
        assert refused == AdminRefused(id=2, reason="customer_holds_control")
        await expert.wait_for_control("expert", since=mark)

        folder = app.admin.link.folder
        assert processes_naming(folder), "the helper runs while tier 3 is granted"
        mark = expert.mark()
        pause = unique_sleep()
        await expert.send(AdminCommand(id=3, command=pause))
        await until(lambda: f"$ {pause}" in app.control_panel.admin.text())
        qtbot.mouseClick(app.control_panel.admin.drop_button, Qt.MouseButton.LeftButton)
        await expert.wait_for_tier(3, "revoked", since=mark)
        await until(lambda: not processes_naming(folder) and not running(pause), timeout=10)
        await until(lambda: not folder.exists())
        assert app.session.granted == 2, "dropping administrator rights keeps remote control"
        await expert.send_input(PointerMove(monitor=0, x=300, y=300))
        await until(lambda: pointer_position() == (300, 300))
        await finish(expert, app)
        return expert.session_id

    session_id = loop.run_until_complete(scenario())
    log = exported_control_log(server, session_id, tmp_path / "export")
    assert "expert asked for tier 3 (administrator actions)" in log
    assert "customer granted tier 3 (administrator actions)" in log
    assert "expert ran as administrator (#1 id -u; echo warnung >&2; exit 3)" in log
    assert "administrator command output (#1 stdout: 0\\n)" in log
    assert "administrator command ended (#1 exit status 3)" in log
    assert "customer revoked tier 3 (administrator actions)" in log


def test_a_dismissed_prompt_denies_tier_3_and_the_session_goes_on_at_tier_2(loop, qtbot, server):
    async def scenario():
        move_pointer_as_setup(5, 5)
        expert, app = await controlled_session(server, qtbot, elevation_launcher=DISMISSING_LAUNCHER)
        mark = await grant_admin(expert, app, qtbot)
        unavailable = await expert.wait_for_message(AdminUnavailable, since=mark)
        assert unavailable.reason == "dismissed"
        await expert.wait_for_tier(3, "denied", since=mark)
        await until(lambda: "password prompt was not confirmed" in app.control_panel.admin.state_label.text())
        assert app.session.granted == 2
        later = [r.message for r in expert.received[mark:]]
        assert not [m for m in later if isinstance(m, TierStatus) and m.tier == 2]
        assert expert.holder == "expert"
        await expert.send_input(PointerMove(monitor=0, x=200, y=250))
        await until(lambda: pointer_position() == (200, 250))
        await finish(expert, app)

    loop.run_until_complete(scenario())


def test_ending_the_session_stops_the_helper(loop, qtbot, server):
    async def scenario():
        expert, app = await controlled_session(server, qtbot, elevation_launcher=ROOT_LAUNCHER)
        mark = await grant_admin(expert, app, qtbot)
        await expert.wait_for_tier(3, "granted", since=mark, timeout=30)
        folder = app.admin.link.folder
        pause = unique_sleep()
        await expert.send(AdminCommand(id=1, command=pause))
        await until(lambda: f"$ {pause}" in app.control_panel.admin.text())
        await expert.end()
        await until(lambda: app.notice_box is not None)
        await until(lambda: not processes_naming(folder) and not running(pause), timeout=10)
        app.notice_box.done(0)
        await until(app.finished.is_set)
        await app.shutdown()

    loop.run_until_complete(scenario())


def unique_sleep():
    """A long command no other process on this machine runs."""
    return f"sleep 60.{secrets.randbelow(10**6):06d}"


def running(command):
    """Whether the process the helper started for `command` (`sleep N`) is still alive."""
    wanted = command.replace(" ", "\0").encode() + b"\0"
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "cmdline").read_bytes() == wanted:
                    return True
            except OSError:
                continue
    return False
