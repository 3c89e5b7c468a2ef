"""Tier 3 for a customer who is not root: the real client runs as an unprivileged user the test
setup creates, the helper really runs as root through `sudo -n` (pkexec's stand-in), and its
door refuses everyone but that client: another user, another process of the same user, a wrong
token, a reused token, and a verb outside the list."""

import asyncio
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from protocol.messages import AdminCommand, AdminExit, AdminOutput, TierStatus
from tests.frozen.customer_desktop import CONSENT_DIALOG, NUMBER_DIALOG, press, type_text, window
from tests.support.fixtures import ANNA
from tests.support.processes import processes_naming
from tests.support.scripted_expert import ScriptedExpert
from tests.support.server_process import REPO_ROOT, open_session_async, ssl_context

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(180)]

CONTROL_DIALOG = r"^Allow remote control\?$"
ADMIN_DIALOG = r"^Allow administrator rights\?$"
WAIT_S = 30.0
"""A separate client process on a busy machine: allow it time, the waits end as soon as it answers."""


def uid_of(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("Uid:"):
            return int(line.split()[1])
    raise AssertionError(f"no Uid in /proc/{pid}/status")


def test_an_unprivileged_customer_grants_admin_and_the_expert_is_root(server, unprivileged_user, tmp_path):
    user = unprivileged_user
    ca = user.root / f"ca-{secrets.token_hex(4)}.pem"
    shutil.copy(server.ca_path, ca)
    ca.chmod(0o644)
    log = (tmp_path / "client.log").open("wb")
    client = subprocess.Popen(
        user.python_code(
            "import runpy; sys.argv[0] = 'fernhilfe'; runpy.run_module('client', run_name='__main__')",
            "--server",
            server.ws_url,
            "--ca",
            str(ca),
            "--elevation-launcher",
            "sudo -n",
        ),
        env=user.env(),
        cwd=user.root,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
    )

    async def scenario():
        ticket = await open_session_async(server, ANNA.username, ANNA.password)
        context = ssl_context(server.ca_path)
        async with ScriptedExpert(server.ws_url, context, ticket.token, ticket.session_id) as expert:
            dialog = await window(NUMBER_DIALOG, client.pid)
            assert uid_of(client.pid) == user.uid, "the client runs as the unprivileged customer"
            await type_text(dialog, ticket.number)
            await press(dialog, "Return")
            await press(await window(CONSENT_DIALOG, client.pid), "alt+a")
            await expert.wait_for_tier(1, "granted", timeout=WAIT_S)
            await expert.request_tier(2)
            await press(await window(CONTROL_DIALOG, client.pid), "alt+a")
            await expert.wait_for_tier(2, "granted", timeout=WAIT_S)
            await expert.request_tier(3)
            await press(await window(ADMIN_DIALOG, client.pid), "alt+a")
            await expert.wait_for_tier(3, "granted", timeout=WAIT_S)
            assert processes_naming(user.helper_script), "the helper runs while tier 3 is granted"

            mark = expert.mark()
            await expert.send(AdminCommand(id=1, command="id -u"))
            await expert.wait_for_message(AdminExit, lambda m: m.id == 1, WAIT_S, since=mark)
            out = [r.message for r in expert.received[mark:] if isinstance(r.message, AdminOutput)]
            assert "".join(m.data for m in out if m.stream == "stdout") == "0\n"

            mark = expert.mark()
            await expert.end()
            assert not [r for r in expert.received[mark:] if isinstance(r.message, TierStatus)]
        deadline = asyncio.get_running_loop().time() + 15
        while processes_naming(user.helper_script):
            assert asyncio.get_running_loop().time() < deadline, "the helper outlived the session"
            await asyncio.sleep(0.05)

    try:
        asyncio.run(scenario())
    finally:
        client.kill()
        client.wait()
        log.close()
        ca.unlink(missing_ok=True)


def test_the_helper_admits_only_its_client_once_and_only_known_verbs(unprivileged_user, tmp_path):
    user = unprivileged_user
    folder = user.root / "home" / "runtime" / f"fernhilfe-admin-{secrets.token_hex(4)}"
    folder.mkdir(mode=0o700)
    os.chown(folder, user.uid, user.gid)
    socket_path = folder / "helper.sock"
    token = secrets.token_hex(32)
    probe = REPO_ROOT / "tests" / "support" / "admin_probe.py"
    shutil.copy(probe, user.root / "admin_probe.py")
    probe_command = [user.python, "-I", str(user.root / "admin_probe.py"), str(socket_path), token]
    client = subprocess.Popen(user.command(*probe_command, "full"), stdout=subprocess.PIPE, text=True)
    same_user = subprocess.Popen(user.command(*probe_command, "knock"), stdout=subprocess.PIPE, text=True)
    helper = subprocess.Popen(
        [
            sys.executable,
            "-I",
            str(user.helper_script),
            "--dir",
            str(folder),
            "--uid",
            str(user.uid),
            "--gid",
            str(user.gid),
            "--client-pid",
            str(client.pid),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        helper.stdin.write(token + "\n")
        helper.stdin.close()
        assert helper.stdout.readline() == "listening\n"
        assert (socket_path.stat().st_mode & 0o777, socket_path.stat().st_uid) == (0o600, user.uid)

        with socket.socket(socket.AF_UNIX) as root_connection:
            root_connection.connect(str(socket_path))
            root_connection.sendall(json.dumps({"verb": "hello", "token": token}).encode() + b"\n")
            with root_connection.makefile("rb") as reader:
                answer = json.loads(reader.readline())
        assert answer["event"] == "refused" and "uid 0" in answer["reason"], "another user's process"

        (folder / "helper.sock.go-knock").touch()
        knocked = json.loads(same_user.communicate(timeout=20)[0])
        assert knocked[0]["event"] == "refused", "another process of the same user"
        assert "pid" in knocked[0]["reason"]

        # Only now the client: once it is done the helper exits, and a later knock would find no door.
        (folder / "helper.sock.go-full").touch()

        wrong, admitted, *ran, reused, verb, closed = json.loads(client.communicate(timeout=20)[0])
        assert wrong == {"event": "refused", "reason": "wrong token"}
        assert admitted == {"event": "ready"}
        assert {"event": "output", "id": 1, "stream": "stdout", "data": "0\n"} in ran
        assert ran[-1] == {"event": "exit", "id": 1, "status": 0}
        assert reused == {"event": "refused", "reason": "the token was already used"}
        assert verb["event"] == "refused" and "read_file" in verb["reason"]
        assert closed is None, "the helper closes the connection after a verb outside the list"
        assert helper.wait(timeout=10) == 0, "the helper exits once its client is gone"
        assert not socket_path.exists()
    finally:
        for process in (client, same_user, helper):
            if process.poll() is None:
                process.kill()
            process.wait()
            if process.stdout is not None:
                process.stdout.close()
        shutil.rmtree(folder, ignore_errors=True)
