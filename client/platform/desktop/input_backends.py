"""The remote-control backends for a desktop: injector and local-input watch, picked together.

On Wayland the two belong together: the portal injector marks when it injected, and the GNOME idle
watch needs those marks to tell the customer's input from ours. The watch is opened first, so a
desktop where the customer's input cannot be seen never shows the portal's dialog: without a
working yield, remote control is not offered at all (invariant 5).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from client.platform.desktop.choice import Desktop, InputBackend
from client.platform.inject import InjectionError, InputInjector, open_input_injector
from client.platform.inject.portal_points import PlacedMonitor
from client.platform.local_input import LocalInputWatch, open_local_input_watch


@dataclass(frozen=True)
class InputBackends:
    """Factories for `InputWiring`: call `injector()` first, then `watch()`, once per grant."""

    injector: Callable[[], InputInjector]
    watch: Callable[[], LocalInputWatch]


def input_backends(
    desktop: Desktop,
    monitors: Callable[[], Sequence[PlacedMonitor]],
    on_refused: Callable[[str], None],
) -> InputBackends:
    """`monitors` are the shared monitors as the screen share reported them; `on_refused` is called
    from a worker thread when the portal's dialog is refused or not answered in time."""
    if desktop.input is InputBackend.NATIVE:
        return InputBackends(open_input_injector, open_local_input_watch)
    if desktop.input is InputBackend.NONE:
        return InputBackends(_unavailable, open_local_input_watch)
    return _PortalInput(monitors, on_refused).backends()


def _unavailable() -> InputInjector:
    raise InjectionError("this desktop offers no remote control (no RemoteDesktop portal)")


class _PortalInput:
    """Opens the idle watch, then the portal session; hands the watch to the second factory."""

    def __init__(
        self, monitors: Callable[[], Sequence[PlacedMonitor]], on_refused: Callable[[str], None]
    ) -> None:
        self._monitors = monitors
        self._on_refused = on_refused
        self._watch: LocalInputWatch | None = None

    def backends(self) -> InputBackends:
        return InputBackends(self._injector, self._take_watch)

    def _injector(self) -> InputInjector:
        from client.platform.inject.portal import PortalInputInjector
        from client.platform.local_input import LocalInputError
        from client.platform.local_input.gnome_idle import GnomeIdleWatch
        from client.platform.portal.injections import InjectionClock

        injections = InjectionClock()
        try:
            self._watch = GnomeIdleWatch(injections)
        except LocalInputError as exc:
            raise InjectionError(
                f"the customer's own input cannot be seen here, so no control: {exc}"
            ) from exc
        return PortalInputInjector(self._monitors, self._on_refused, injections)

    def _take_watch(self) -> LocalInputWatch:
        watch, self._watch = self._watch, None
        if watch is None:
            raise InjectionError("the local-input watch was not opened")
        return watch
