"""Tier 3 in the built client: the one-file executable is its own administrator helper
(`--admin-helper`, dispatched before Qt loads). An unprivileged customer's client starts it
through `sudo -n` (pkexec's stand-in), the helper really runs as root, and `id -u` says 0."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.processes import processes_naming
from tests.support.unprivileged import USER, UnprivilegedUser

pytestmark = [pytest.mark.frozen, pytest.mark.timeout(900)]

SUDOERS = Path("/etc/sudoers.d/fernhilfe-test-frozen")
CLIENT_SIDE = """
import asyncio, json
from pathlib import Path
from client.core import events as ev
from client.platform.elevate import helper_program
from client.platform.elevate.linux import LinuxElevator
from client.services.admin_helper import AdminHelperLink

async def main(executable, runtime):
    reports = []
    program = helper_program(True, executable, Path())
    link = AdminHelperLink(LinuxElevator(("sudo", "-n")), program, reports.append, Path(runtime))
    await link.start()
    if ev.AdminHelperReady() in reports:
        link.run(1, "id -u")
        async with asyncio.timeout(60):
            while not any(isinstance(r, ev.AdminCommandExited) for r in reports):
                await asyncio.sleep(0.05)
    await link.stop()
    stdout = "".join(r.data for r in reports if isinstance(r, ev.AdminOutputRead) and r.stream == "stdout")
    status = [r.status for r in reports if isinstance(r, ev.AdminCommandExited)]
    answer = {"program": program, "reports": [repr(r) for r in reports], "stdout": stdout, "status": status}
    print(json.dumps(answer))

asyncio.run(main(sys.argv[1], sys.argv[2]))
"""


@pytest.fixture
def downloaded(frozen_client: Path, unprivileged_user: UnprivilegedUser) -> Iterator[Path]:
    """The executable where the unprivileged customer can run it, and a sudo rule for exactly
    its helper mode (as pkexec would ask for the administrator's password instead)."""
    path = unprivileged_user.root / "fernhilfe"
    shutil.copy(frozen_client, path)
    path.chmod(0o755)
    SUDOERS.write_text(f"{USER} ALL=(root) NOPASSWD: {path} --admin-helper *\n", encoding="ascii")
    SUDOERS.chmod(0o440)
    try:
        subprocess.run(["visudo", "-cqf", str(SUDOERS)], check=True)
        yield path
    finally:
        SUDOERS.unlink(missing_ok=True)
        path.unlink(missing_ok=True)


def test_the_built_client_runs_id_as_root_through_its_own_helper_mode(downloaded, unprivileged_user):
    user = unprivileged_user
    result = subprocess.run(
        user.python_code(CLIENT_SIDE, str(downloaded), str(user.root / "home" / "runtime")),
        env=user.env(),
        cwd=user.root,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    answer = json.loads(result.stdout.splitlines()[-1])
    assert answer["program"] == [str(downloaded), "--admin-helper"]
    assert (answer["stdout"], answer["status"]) == ("0\n", [0]), answer["reports"]

    async def helper_gone() -> None:
        async with asyncio.timeout(15):
            while processes_naming(downloaded):
                await asyncio.sleep(0.05)

    asyncio.run(helper_gone())
