"""Asking the desktop portal what it offers, before anything is shared or any number sent."""

from __future__ import annotations

from client.platform.desktop.choice import PortalOffer
from client.platform.portal.bus import REMOTE_DESKTOP, SCREENCAST, PortalBus, PortalError


def probe_portal() -> PortalOffer | None:
    """The portal's ScreenCast and RemoteDesktop interfaces, or None when no portal answers."""
    try:
        bus = PortalBus()
    except PortalError:
        return None
    try:
        return PortalOffer(screencast=_offers(bus, SCREENCAST), remote_desktop=_offers(bus, REMOTE_DESKTOP))
    finally:
        bus.close()


def _offers(bus: PortalBus, interface: str) -> bool:
    try:
        return int(bus.property(interface, "version")) >= 1
    except PortalError:
        return False
