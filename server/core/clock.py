"""Time as the core sees it: an injected callable returning Unix seconds, so tests can drive it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], float]
"""Returns the current time in Unix seconds (UTC); `time.time` in production, a fake in tests."""


def iso(timestamp: float) -> str:
    """Format Unix seconds as ISO-8601 UTC with a `Z`, the form every timestamp on the wire uses."""
    moment = datetime.fromtimestamp(timestamp, UTC)
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")
