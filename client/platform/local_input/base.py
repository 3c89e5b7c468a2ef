"""The local-input capability: noticing the person at this machine, so remote control yields.

Only real devices count. Input this process injects (and, on X11, any XTEST input) never does,
or the expert's own input would take control away from the expert.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol


class LocalInputError(Exception):
    """Local input cannot be watched: no display server, extension or permission missing."""


class LocalInputWatch(Protocol):
    """Reports the person at this machine: calls on_activity() (from a background thread) for every
    local pointer motion, button, wheel or key event of a real device, and never for events injected
    by this process."""

    def start(self, on_activity: Callable[[], None]) -> None:
        """Begin watching; call at most once. `on_activity` must be quick and thread-safe (post to
        the event loop); an exception it raises is logged and watching goes on."""
        ...

    def stop(self) -> None:  # returns promptly; joins its thread
        """Stop watching and join the watcher thread; safe to call more than once, or before start."""
        ...
