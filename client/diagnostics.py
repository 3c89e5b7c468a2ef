"""What the customer can hand to support when something goes wrong: version, platform, recent log.

Nothing from the screen and nothing secret: the text holds the client's version, the operating
system, Python's and Qt's versions and the last log lines, in which long digit runs (session
numbers) are masked. The log keeps no chat text, no typed input and no pixels, so neither can this.
"""

from __future__ import annotations

import logging
import platform
import re
from collections import deque

LOG_LINES = 40
MAX_LINE_CHARS = 300
_DIGIT_RUN = re.compile(r"\d(?:[ \-]?\d){5,}")


class RecentLog(logging.Handler):
    """Keeps the last `capacity` log records in memory (never on disk), numbers in them masked.

    Thread-safe: `logging.Handler` serialises `emit` with its own lock; `lines()` copies under it.
    """

    def __init__(self, capacity: int = LOG_LINES) -> None:
        super().__init__(logging.INFO)
        self.setFormatter(logging.Formatter())
        self._lines: deque[str] = deque(maxlen=capacity)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = mask_numbers(record.getMessage())
        except Exception:  # a bad format string must not break the client; logging's own rule
            self.handleError(record)
            return
        stamp = self.formatter.formatTime(record) if self.formatter is not None else ""
        self._lines.append(f"{stamp} {record.levelname} {record.name}: {message}"[:MAX_LINE_CHARS])

    def lines(self) -> list[str]:
        with self.lock:  # type: ignore[union-attr]
            return list(self._lines)


def mask_numbers(line: str) -> str:
    """`line` with every run of six or more digits (a session number, grouped or not) masked.

    Applied to log messages, not to whole lines: a timestamp would look like a number too.
    """
    return _DIGIT_RUN.sub("[number]", line)


def diagnostics_text(version: str, qt_version: str, log_lines: list[str]) -> str:
    """The plain-text report the "copy details for support" action puts on the clipboard.

    `log_lines` come from `RecentLog.lines()`, already masked.
    """
    lines = [
        f"Fernhilfe {version}",
        f"System: {platform.platform()} ({platform.machine()})",
        f"Python {platform.python_version()}, Qt {qt_version}",
        "",
        "Recent log:",
    ]
    lines += log_lines or ["(empty)"]
    return "\n".join(lines) + "\n"
