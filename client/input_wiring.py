"""The wiring of remote control: injector and local-input watch around the core's input actions.

Part of the app shell (client/app.py delegates the input actions here). Runs on the Qt/asyncio
thread; only the watcher's callback comes from another thread, and it does two things: stop
injection at once (`RemoteInput.block_now`) and hand the event to the event loop.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable

from client.core import actions as act
from client.core import events as ev
from client.platform.inject import InjectionError, InputInjector, open_input_injector
from client.platform.local_input import LocalInputError, LocalInputWatch, open_local_input_watch
from client.services.remote_input import RemoteInput
from protocol.messages import Monitor

log = logging.getLogger(__name__)


class InputWiring:
    """Starts and stops remote input for one session; `dispatch` feeds `LocalInput` to the core."""

    def __init__(
        self,
        dispatch: Callable[[ev.Event], None],
        clock: Callable[[], float],
        monitors: Callable[[], tuple[Monitor, ...]],
        injector_factory: Callable[[], InputInjector] = open_input_injector,
        watch_factory: Callable[[], LocalInputWatch] = open_local_input_watch,
    ) -> None:
        self._dispatch = dispatch
        self._clock = clock
        self._monitors = monitors
        self._injector_factory = injector_factory
        self._watch_factory = watch_factory
        self._remote: RemoteInput | None = None
        self._watch: LocalInputWatch | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._report_pending = threading.Event()

    def perform(self, action: act.Action) -> None:
        match action:
            case act.StartRemoteInput():
                self._start()
            case act.StopRemoteInput():
                self._stop()
            case act.YieldInput():
                if self._remote is not None:
                    self._remote.yield_to_customer()
            case act.ResumeInput():
                if self._remote is not None:
                    self._remote.resume()
            case act.InjectInput(message=message):
                refusal = "dropped input: remote input is not running"
                if self._remote is not None:
                    refusal = self._remote.inject(message) or ""
                if refusal:
                    log.warning("%s", refusal)

    def _start(self) -> None:
        loop = asyncio.get_event_loop()
        self._loop = loop
        remote = RemoteInput(self._injector_factory, self._monitors)
        try:
            remote.start()
            watch = self._watch_factory()
            watch.start(self._on_local_activity)
        except (InjectionError, LocalInputError) as exc:
            log.error("remote control cannot start here: %s", exc)
            remote.close()
            loop.call_soon(self._dispatch, ev.RevokeRequested(2))
            return
        self._remote, self._watch = remote, watch

    def _stop(self) -> None:
        watch, self._watch = self._watch, None
        remote, self._remote = self._remote, None
        if remote is not None:
            remote.close()
        if watch is not None:
            watch.stop()

    def _on_local_activity(self) -> None:
        """Watcher thread: block injection now, then tell the core (once per loop turn)."""
        remote, loop = self._remote, self._loop
        if remote is None or loop is None:
            return
        remote.block_now()
        if not self._report_pending.is_set():
            self._report_pending.set()
            loop.call_soon_threadsafe(self._report)

    def _report(self) -> None:
        self._report_pending.clear()
        if self._remote is not None:
            self._dispatch(ev.LocalInput(self._clock()))
