"""Portal calls over D-Bus (jeepney, blocking): the Request/Response dance every portal method uses.

A portal method returns a Request object path at once and answers later with that object's
`Response` signal (0 granted, 1 refused by the user, 2 ended otherwise). We subscribe before
calling, with a `handle_token` of our own, so the answer can never slip past us.

Threading: a `PortalBus` is used by one thread only (the capture worker or the event-loop thread).
"""

from __future__ import annotations

import contextlib
import itertools
import secrets
from typing import Any

from jeepney import DBusAddress, MatchRule, Message, MessageType, new_method_call
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, open_dbus_connection
from jeepney.wrappers import DBusErrorResponse

PORTAL = DBusAddress("/org/freedesktop/portal/desktop", "org.freedesktop.portal.Desktop")
SCREENCAST = "org.freedesktop.portal.ScreenCast"
REMOTE_DESKTOP = "org.freedesktop.portal.RemoteDesktop"
CALL_TIMEOUT_S = 5.0
"""Calls that need no person: the portal answers within milliseconds or is broken."""

Variant = tuple[str, Any]
Results = dict[str, Variant]


def portal_interface(interface: str) -> DBusAddress:
    """The portal object, addressed through one of its interfaces."""
    return DBusAddress(PORTAL.object_path, PORTAL.bus_name, interface)


class PortalError(Exception):
    """The portal is missing, broken, or did not answer in time."""


class PortalRefused(PortalError):
    """The person at the machine refused in the portal's own dialog (or closed it)."""


def variant_value(results: Results, key: str, default: Any = None) -> Any:
    """The plain value of one `a{sv}` entry."""
    entry = results.get(key)
    return default if entry is None else entry[1]


class PortalBus:
    """One connection to the session bus, able to pass file descriptors (for PipeWire); the only
    place that speaks D-Bus."""

    def __init__(self) -> None:
        try:
            self._conn: DBusConnection = open_dbus_connection("SESSION", enable_fds=True)
        except (OSError, KeyError, ValueError, TimeoutError) as exc:
            raise PortalError(f"no D-Bus session bus: {exc}") from exc
        self._sender = self._conn.unique_name.lstrip(":").replace(".", "_")
        self._tokens = itertools.count(1)
        self._prefix = f"fernhilfe{secrets.token_hex(4)}"

    def token(self) -> str:
        """A fresh handle token, unique on this connection."""
        return f"{self._prefix}_{next(self._tokens)}"

    def property(self, interface: str, name: str) -> Any:
        """A portal interface's property; raises `PortalError` when the interface is not offered."""
        reply = self.call(portal_interface("org.freedesktop.DBus.Properties"), "Get", "ss", (interface, name))
        return reply[0][1]

    def call_service(self, bus_name: str, path: str, interface: str, method: str) -> Any:
        """A call without arguments to another service on the same bus (mutter's idle monitor)."""
        return self.call(DBusAddress(path, bus_name, interface), method, "", ())

    def call(self, address: DBusAddress, method: str, signature: str, body: tuple[Any, ...]) -> Any:
        """A method call that answers directly; returns the reply's body."""
        message = new_method_call(address, method, signature, body)
        try:
            reply = self._conn.send_and_get_reply(message, timeout=CALL_TIMEOUT_S)
        except TimeoutError as exc:
            raise PortalError(f"{method}: no answer in {CALL_TIMEOUT_S:g} s") from exc
        except OSError as exc:
            raise PortalError(f"{method}: the session bus is gone: {exc}") from exc
        return self._unwrap(method, reply)

    def request(
        self,
        interface: str,
        method: str,
        signature: str,
        body: tuple[Any, ...],
        *,
        options: dict[str, Variant],
        timeout_s: float,
    ) -> Results:
        """Call a portal method that answers through a Request; return the Response's results.

        `options` is the method's trailing `a{sv}`; its `handle_token` is set here. Raises
        `PortalRefused` on a refusal and `PortalError` when no answer comes within `timeout_s`
        (the request is then closed, so a late dialog cannot grant anything).
        """
        token = self.token()
        path = f"/org/freedesktop/portal/desktop/request/{self._sender}/{token}"
        rule = MatchRule(
            type="signal", interface="org.freedesktop.portal.Request", member="Response", path=path
        )
        self.call(message_bus, "AddMatch", "s", (rule.serialise(),))
        address = portal_interface(interface)
        with self._conn.filter(rule) as responses:
            self.call(
                address, method, signature + "a{sv}", (*body, {**options, "handle_token": ("s", token)})
            )
            try:
                signal = self._conn.recv_until_filtered(responses, timeout=timeout_s)
            except TimeoutError as exc:
                self._close_request(path)
                raise PortalError(f"{method}: no answer in {timeout_s:g} s") from exc
        code, results = signal.body
        if code == 1:
            raise PortalRefused(f"{method} was refused")
        if code != 0:
            raise PortalError(f"{method} ended without an answer (code {code})")
        return dict(results)

    def close_session(self, session_handle: str) -> None:
        """End a portal session (stops its streams and input); errors are ignored: it may be gone."""
        address = DBusAddress(session_handle, PORTAL.bus_name, "org.freedesktop.portal.Session")
        with contextlib.suppress(PortalError):
            self.call(address, "Close", "", ())

    def close(self) -> None:
        self._conn.close()

    def _close_request(self, path: str) -> None:
        with contextlib.suppress(PortalError):
            self.call(DBusAddress(path, PORTAL.bus_name, "org.freedesktop.portal.Request"), "Close", "", ())

    @staticmethod
    def _unwrap(method: str, reply: Message) -> Any:
        if reply.header.message_type == MessageType.error:
            raise PortalError(f"{method}: {DBusErrorResponse(reply)}")
        return reply.body
