"""Input on Wayland through the desktop portal's RemoteDesktop session (`Notify*` calls).

The session opens on a worker thread, so the event loop (our watermark, control panel, the
connection) keeps running while the portal's own "Remote desktop" dialog waits for the customer,
who answers it after our tier-2 consent dialog. Until it is granted, input is dropped; a refusal
or timeout calls `on_refused` (the app then revokes tier 2) and closes the session.

Pointer: absolute in the stream's frame pixels, plus a relative rest where the portal's limits keep
the absolute move short (`portal_points`). Keys: physical keys as evdev codes
(`NotifyKeyboardKeycode`). Text as keysyms (`NotifyKeyboardKeysym`): the compositor finds the key
and level (Shift, AltGr) for each keysym in the customer's current layout, so ä ö ü ß € @ type on a
German layout. A character that layout lacks goes through Unicode entry (`portal_text`;
docs/adr/0005-wayland-portal.md).

Threading: every method except the opener thread runs on the event-loop thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

from client.platform.inject.base import BUTTONS, InjectionError
from client.platform.inject.key_codes import physical_key
from client.platform.inject.portal_points import PlacedMonitor, stream_point
from client.platform.inject.portal_text import text_events
from client.platform.inject.xwayland_keymap import xwayland_keysyms
from client.platform.portal.bus import REMOTE_DESKTOP, PortalBus, PortalError, portal_interface
from client.platform.portal.injections import InjectionClock
from client.platform.portal.sessions import DIALOG_TIMEOUT_S, PortalSession, open_remote_desktop

log = logging.getLogger(__name__)

BUTTON_CODES = {"left": 0x110, "right": 0x111, "middle": 0x112, "back": 0x113, "forward": 0x114}
"""evdev `BTN_*` codes, which the portal's `NotifyPointerButton` takes."""
AXIS_VERTICAL, AXIS_HORIZONTAL = 0, 1
RELEASED, PRESSED = 0, 1


class PortalInputInjector:
    """The `InputInjector` of a Wayland desktop whose portal offers RemoteDesktop."""

    def __init__(
        self,
        monitors: Callable[[], Sequence[PlacedMonitor]],
        on_refused: Callable[[str], None],
        injections: InjectionClock,
        dialog_timeout_s: float = DIALOG_TIMEOUT_S,
        layout: Callable[[], frozenset[int] | None] = xwayland_keysyms,
    ) -> None:
        """`layout` tells which keysyms the customer's keyboard layout has (None: unknown)."""
        self._monitors = monitors
        self._layout = layout
        self._injections = injections
        self._on_refused = on_refused
        try:
            self._bus = PortalBus()
        except PortalError as exc:
            raise InjectionError(str(exc)) from exc
        self._session: PortalSession | None = None
        self._closed = False
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self._opener = threading.Thread(
            target=self._open, args=(dialog_timeout_s,), name="fernhilfe-portal-input", daemon=True
        )
        self._opener.start()

    @property
    def ready(self) -> bool:
        """True once the customer granted remote interaction in the portal's dialog."""
        return self._ready.is_set()

    def move_pointer(self, x: int, y: int) -> None:
        session = self._granted()
        if session is None:
            return
        point = stream_point(self._monitors(), session.streams, x, y)
        if point is None:
            raise ValueError(f"({x}, {y}) is on no monitor the portal shares")
        self._notify("NotifyPointerMotionAbsolute", "udd", (point.node_id, point.x, point.y))
        if point.dx or point.dy:
            self._notify("NotifyPointerMotion", "dd", (point.dx, point.dy))

    def press_button(self, button: str, down: bool) -> None:
        if button not in BUTTONS:
            raise ValueError(f"unknown button {button!r}")
        if self._granted() is not None:
            self._notify("NotifyPointerButton", "iu", (BUTTON_CODES[button], PRESSED if down else RELEASED))

    def scroll(self, dx: int, dy: int) -> None:
        if self._granted() is None:
            return
        if dy:
            self._notify("NotifyPointerAxisDiscrete", "ui", (AXIS_VERTICAL, dy))
        if dx:
            self._notify("NotifyPointerAxisDiscrete", "ui", (AXIS_HORIZONTAL, dx))

    def press_key(self, code: str, down: bool) -> None:
        evdev = physical_key(code).evdev
        if self._granted() is not None:
            self._notify("NotifyKeyboardKeycode", "iu", (evdev, PRESSED if down else RELEASED))

    def type_text(self, text: str) -> None:
        text_events(text, frozenset())  # raises for untypeable text before anything is sent
        if self._granted() is None:
            return
        for keysym, down in text_events(text, self._layout()):
            self._notify("NotifyKeyboardKeysym", "iu", (keysym, PRESSED if down else RELEASED))

    def close(self) -> None:
        with self._lock:
            self._closed = True
            session, self._session = self._session, None
        if session is not None:
            session.close()
            self._bus.close()

    def _granted(self) -> PortalSession | None:
        if not self._ready.is_set():
            log.info("input dropped: the portal has not granted remote interaction yet")
            return None
        return self._session

    def _notify(self, method: str, signature: str, args: tuple[object, ...]) -> None:
        """One input event, waiting for the portal's reply: xdg-desktop-portal handles calls on a
        thread pool, so events sent without waiting can overtake each other (a typed "e,"
        landing after the "!" that followed it); the reply means it has passed them on in order."""
        session = self._session
        if session is None:
            return
        self._injections.mark()
        try:
            self._bus.call(
                portal_interface(REMOTE_DESKTOP), method, "oa{sv}" + signature, (session.handle, {}, *args)
            )
        except PortalError as exc:
            raise InjectionError(str(exc)) from exc
        finally:
            self._injections.mark()

    def _open(self, dialog_timeout_s: float) -> None:
        try:
            session = open_remote_desktop(self._bus, dialog_timeout_s)
        except PortalError as exc:
            self._bus.close()
            if not self._closed:
                self._on_refused(str(exc))
            return
        with self._lock:
            if self._closed:
                session.close()
                self._bus.close()
                return
            self._session = session
        self._ready.set()
