"""Noticing the customer on GNOME/Wayland without root: mutter's idle monitor.

Wayland shows no client the input of other clients, and reading /dev/input needs root, so the
only root-free signal on GNOME is `org.gnome.Mutter.IdleMonitor.GetIdletime`: milliseconds since
the last input of any device. Our own injected input resets it too, so input counts as the
customer's only when it came later than our last injection plus `INJECTION_ECHO_S`. Limit (in
docs/adr/0005-wayland-portal.md): while the expert's input streams without pause, a customer's
input in between is seen at the expert's next pause of more than that margin.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from client.platform.local_input.base import LocalInputError
from client.platform.portal.bus import PortalBus, PortalError
from client.platform.portal.injections import InjectionClock

log = logging.getLogger(__name__)

IDLE_MONITOR = "org.gnome.Mutter.IdleMonitor"
IDLE_PATH = "/org/gnome/Mutter/IdleMonitor/Core"
POLL_S = 0.05
INJECTION_ECHO_S = 0.12
"""How long after an injection mutter's idle time may still be reset by it."""
JITTER_S = 0.02
"""Idle time is in milliseconds and read over D-Bus: the same input reads back a little apart."""


def customer_was_active(now: float, idle_s: float, last_injected: float) -> bool:
    """Whether the last input mutter saw (at `now - idle_s`) cannot have been ours."""
    return now - idle_s > last_injected + INJECTION_ECHO_S


class GnomeIdleWatch:
    """The `LocalInputWatch` of GNOME on Wayland; polls mutter every `POLL_S` seconds."""

    def __init__(self, injections: InjectionClock, clock: Callable[[], float] = time.monotonic) -> None:
        self._injections = injections
        self._clock = clock
        try:
            self._bus = PortalBus()
            self._idle_s()
        except PortalError as exc:
            raise LocalInputError(f"mutter's idle monitor cannot be asked: {exc}") from exc
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, on_activity: Callable[[], None]) -> None:
        self._thread = threading.Thread(
            target=self._watch, args=(on_activity,), name="fernhilfe-idle-watch", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        self._bus.close()

    def _idle_s(self) -> float:
        reply = self._bus.call_service(IDLE_MONITOR, IDLE_PATH, IDLE_MONITOR, "GetIdletime")
        return int(reply[0]) / 1000.0

    def _watch(self, on_activity: Callable[[], None]) -> None:
        try:
            reported_at = self._clock() - self._idle_s()
        except PortalError as exc:
            log.error("cannot watch for the customer's input: %s", exc)
            return
        while not self._stopping.wait(POLL_S):
            try:
                idle_s = self._idle_s()
            except PortalError as exc:
                log.error("stopped watching for the customer's input: %s", exc)
                return
            now = self._clock()
            activity_at = now - idle_s
            if activity_at > reported_at + JITTER_S and customer_was_active(
                now, idle_s, self._injections.last
            ):
                reported_at = activity_at
                try:
                    on_activity()
                except Exception:
                    log.exception("the local-input callback failed")
