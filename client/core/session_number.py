"""Session numbers as the customer types them: spaces and dashes allowed, digits counted."""

from __future__ import annotations

import re

from protocol import limits

_ALLOWED = re.compile(r"[0-9 \-]*")


def is_typeable(text: str) -> bool:
    """Whether `text` contains only what a number may be typed with (digits, spaces, dashes)."""
    return _ALLOWED.fullmatch(text) is not None


def normalise(text: str) -> str | None:
    """The digits of `text` if they form a complete session number, else None."""
    if not is_typeable(text):
        return None
    digits = re.sub(r"[ \-]", "", text)
    if not limits.SESSION_NUMBER_MIN_DIGITS <= len(digits) <= limits.SESSION_NUMBER_MAX_DIGITS:
        return None
    return digits


def group_for_reading(digits: str) -> str:
    """Digits in groups of three, as the expert reads them out: "482 190 337"."""
    return " ".join(digits[i : i + 3] for i in range(0, len(digits), 3))
