"""Expert input while tier 3 is granted on Windows goes through the elevated helper, and back to
the client's own injector the moment the helper is gone; elsewhere it never leaves the client."""

import asyncio

from client.admin_wiring import AdminWiring
from client.core import actions as act
from client.core import events as ev
from client.platform.elevate.fake import FakeElevator
from client.platform.inject.fake import FakeInputInjector
from client.services.elevated_input import RoutedInjector


def test_each_call_goes_to_the_elevated_injector_while_there_is_one():
    local, elevated = FakeInputInjector(), FakeInputInjector()
    current: list[FakeInputInjector] = []
    routed = RoutedInjector(local, lambda: current[0] if current else None)
    routed.move_pointer(1, 2)
    current.append(elevated)
    routed.press_key("KeyA", True)
    routed.type_text("x")
    current.clear()
    routed.press_key("KeyA", False)
    routed.close()
    assert elevated.calls == [("press_key", "KeyA", True), ("type_text", "x")]
    assert local.calls == [("move_pointer", 1, 2), ("press_key", "KeyA", False)]
    assert local.closed and not elevated.closed


def test_off_windows_remote_input_keeps_the_clients_own_injector():
    wiring = AdminWiring(lambda event: None, asyncio.ensure_future, FakeElevator, elevated_input=False)

    def local():
        return FakeInputInjector()

    assert wiring.route_input(local) is local


def test_with_tier_3_granted_input_goes_to_the_helper_and_nothing_is_injected_locally(tmp_path):
    """The helper here is the real one, unelevated on Linux, where it offers no `inject` verb:
    so it also shows that a helper refuses input it does not offer, and ends."""

    async def scenario():
        reports: list[ev.Event] = []
        wiring = AdminWiring(
            reports.append, asyncio.ensure_future, FakeElevator, runtime_dir=tmp_path, elevated_input=True
        )
        local = FakeInputInjector()
        injector = wiring.route_input(lambda: local)()
        injector.move_pointer(5, 5)
        wiring.perform(act.StartAdminHelper())
        async with asyncio.timeout(10):
            while ev.AdminHelperReady() not in reports:
                await asyncio.sleep(0.01)
        assert wiring.elevated_input() is not None
        injector.move_pointer(7, 7)
        async with asyncio.timeout(10):
            while not any(isinstance(report, ev.AdminHelperLost) for report in reports):
                await asyncio.sleep(0.01)
        assert wiring.elevated_input() is None, "a helper that left takes no more input"
        injector.move_pointer(9, 9)
        wiring.stop()
        assert local.calls == [("move_pointer", 5, 5), ("move_pointer", 9, 9)]
        await asyncio.sleep(0.1)

    asyncio.run(scenario())
