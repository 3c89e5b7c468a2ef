"""The wiring of administrator rights: the elevated helper's link around the core's tier-3 actions.

Part of the app shell (client/app.py delegates the helper actions here). Runs on the Qt/asyncio
thread. Only the link of the current grant may report; a stopped link's late reports are
dropped, so nothing a stopped helper says can reach the core.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from client.admin_helper.input_verb import VerbInjector
from client.core import actions as act
from client.core import events as ev
from client.platform.elevate import Elevator, helper_program
from client.platform.inject import InputInjector
from client.services.admin_helper import AdminHelperLink
from client.services.elevated_input import RoutedInjector

log = logging.getLogger(__name__)

SOURCE_ROOT = Path(__file__).resolve().parent.parent


def default_helper_program() -> list[str]:
    return helper_program(bool(getattr(sys, "frozen", False)), sys.executable, SOURCE_ROOT)


class AdminWiring:
    """Starts and stops the helper for one session; `dispatch` feeds its reports to the core."""

    def __init__(
        self,
        dispatch: Callable[[ev.Event], None],
        spawn: Callable[[Coroutine[Any, Any, None]], asyncio.Task[Any]],
        elevator: Callable[[], Elevator],
        program: Callable[[], list[str]] = default_helper_program,
        runtime_dir: Path | None = None,
        *,
        elevated_input: bool = sys.platform == "win32",
    ) -> None:
        self._dispatch = dispatch
        self._elevated_input = elevated_input
        self._spawn = spawn
        self._elevator = elevator
        self._program = program
        self._runtime_dir = runtime_dir
        self.link: AdminHelperLink | None = None

    def route_input(self, local: Callable[[], InputInjector]) -> Callable[[], InputInjector]:
        """The injector factory for remote input: on Windows it sends expert input through the
        helper while tier 3 is granted (services/elevated_input.py). Elsewhere the client's own
        injector already reaches every window of the desktop."""
        if not self._elevated_input:
            return local
        return lambda: RoutedInjector(local(), self.elevated_input)

    def elevated_input(self) -> InputInjector | None:
        """The helper's `inject` verb as an injector, while the helper is ready; else None."""
        link = self.link
        return VerbInjector(link.send_input) if link is not None and link.ready else None

    def perform(self, action: act.StartAdminHelper | act.StopAdminHelper | act.RunAdminCommand) -> None:
        match action:
            case act.StartAdminHelper():
                self._start()
            case act.StopAdminHelper():
                self.stop()
            case act.RunAdminCommand(command_id=command_id, command=command):
                if self.link is None:
                    self._dispatch(ev.AdminCommandFailed(command_id, "the helper is not running"))
                else:
                    self.link.run(command_id, command)

    def _start(self) -> None:
        self.stop()
        link: AdminHelperLink | None = None

        def report(event: ev.Event) -> None:
            if link is not None and link is self.link:
                self._dispatch(event)

        link = AdminHelperLink(self._elevator(), self._program(), report, self._runtime_dir)
        self.link = link
        self._spawn(link.start())

    def stop(self) -> None:
        """At once: the link stops reporting and closes its connection, so the helper exits."""
        link, self.link = self.link, None
        if link is not None:
            link.halt()
            self._spawn(link.stop())
