"""A kept installation never keeps an elevated helper: the helper (really root, through the
launcher that stands in for pkexec) is gone when the connection is lost, and again when the
session ends, while the kept client itself stays running."""

import pytest

from client.platform.install import Origin
from protocol.messages import AdminCommand, AdminRefused, CustomerLink
from tests.e2e.test_admin_rights import ROOT_LAUNCHER, grant_admin, running, unique_sleep
from tests.e2e.test_reconnect import allow
from tests.support.customer import consent_shown, start_customer, until
from tests.support.fault_proxy import FaultProxy
from tests.support.fixtures import ANNA
from tests.support.processes import processes_naming
from tests.support.scripted_expert import ScriptedExpert
from tests.support.server_process import open_session_async, ssl_context

pytestmark = pytest.mark.e2e


async def helper_with_a_running_command(expert, app, qtbot, command_id):
    """Tier 3 granted and a long command running; the helper's folder names its processes.
    Command ids only grow within a session, across grants too."""
    mark = await grant_admin(expert, app, qtbot)
    await expert.wait_for_tier(3, "granted", since=mark, timeout=30)
    folder = app.admin.link.folder
    assert processes_naming(folder), "the helper runs while tier 3 is granted"
    pause = unique_sleep()
    mark = expert.mark()
    await expert.send(AdminCommand(id=command_id, command=pause))
    refused = lambda: [r.message for r in expert.received[mark:] if isinstance(r.message, AdminRefused)]  # noqa: E731
    await until(lambda: running(pause) or refused(), timeout=10)
    assert not refused(), refused()
    return folder, pause


def test_a_kept_client_stops_its_helper_on_a_lost_connection_and_at_the_end(loop, qtbot, server):
    async def scenario(proxy):
        ticket = await open_session_async(server, ANNA.username, ANNA.password)
        expert = ScriptedExpert(server.ws_url, ssl_context(server.ca_path), ticket.token, ticket.session_id)
        await expert.connect()
        app = start_customer(
            proxy.ws_url,
            server.ca_path,
            qtbot,
            ticket.number,
            elevation_launcher=ROOT_LAUNCHER,
            origin=Origin.KEPT,
        )
        await until(lambda: consent_shown(app))
        await allow(app, qtbot, 1)
        await expert.wait_for_frames(1)
        await expert.request_tier(2)
        await allow(app, qtbot, 2)
        await expert.wait_for_control("expert")

        folder, pause = await helper_with_a_running_command(expert, app, qtbot, 1)
        mark = expert.mark()
        proxy.cut()
        await until(lambda: not processes_naming(folder) and not running(pause), timeout=10)
        await expert.wait_for_message(CustomerLink, lambda m: m.state == "connected", since=mark, timeout=30)
        assert app.admin.link is None, "the resumed session is back at tier 2, with no helper"

        folder, pause = await helper_with_a_running_command(expert, app, qtbot, 2)
        await expert.end()
        await until(lambda: not processes_naming(folder) and not running(pause), timeout=10)
        await expert.close()

    with FaultProxy(server.port) as proxy:
        loop.run_until_complete(scenario(proxy))
