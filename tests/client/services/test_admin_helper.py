"""The client's link to the helper, with the real helper started unelevated by the fake elevator:
it proves who it is, reports what the helper says, and after `halt` reports nothing more."""

import asyncio

from client.admin_wiring import default_helper_program
from client.core import events as ev
from client.platform.elevate.fake import FakeElevator
from client.services.admin_helper import AdminHelperLink


async def until(condition, timeout=10.0):
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.01)


def test_the_link_gets_ready_runs_a_command_and_the_helper_exits_when_it_stops(tmp_path):
    async def scenario():
        reports: list[ev.Event] = []
        link = AdminHelperLink(FakeElevator(), default_helper_program(), reports.append, tmp_path)
        await link.start()
        assert reports == [ev.AdminHelperReady()]
        folder = link.folder
        assert folder is not None
        assert folder.parent == tmp_path and (folder.stat().st_mode & 0o777) == 0o700
        assert not (folder / "token").exists()
        link.run(3, "echo hallo")
        await until(lambda: ev.AdminCommandExited(3, 0) in reports)
        assert ev.AdminOutputRead(3, "stdout", "hallo\n") in reports
        await link.stop()
        assert not folder.exists()

    asyncio.run(scenario())


def test_a_dismissed_prompt_is_reported_as_such(tmp_path):
    async def scenario():
        reports: list[ev.Event] = []
        link = AdminHelperLink(FakeElevator(dismiss=True), default_helper_program(), reports.append, tmp_path)
        await link.start()
        assert len(reports) == 1 and isinstance(reports[0], ev.AdminHelperFailed)
        assert reports[0].dismissed
        assert list(tmp_path.iterdir()) == [], "the private folder is gone"

    asyncio.run(scenario())


def test_after_halt_nothing_is_reported(tmp_path):
    async def scenario():
        reports: list[ev.Event] = []
        link = AdminHelperLink(FakeElevator(), default_helper_program(), reports.append, tmp_path)
        starting = asyncio.ensure_future(link.start())
        await asyncio.sleep(0)
        link.halt()
        await starting
        await link.stop()
        assert reports == []

    asyncio.run(scenario())


def test_a_helper_that_goes_away_is_reported_lost(tmp_path):
    async def scenario():
        reports: list[ev.Event] = []
        link = AdminHelperLink(FakeElevator(), default_helper_program(), reports.append, tmp_path)
        await link.start()
        link._writer.write(b'{"verb": "format_disk"}\n')
        await until(lambda: any(isinstance(r, ev.AdminHelperLost) for r in reports))
        await link.stop()

    asyncio.run(scenario())
