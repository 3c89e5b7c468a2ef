"""The organisation's question at the start of a session: did the customer call it themselves?

Its own module so that the configuration, read before the first window, need not load the
session core.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CallerCheck:
    """The organisation asks customers whether they called it themselves, at this official number."""

    organisation: str
    phone: str
