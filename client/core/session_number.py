"""Session numbers as the customer types them: spaces and dashes allowed, digits counted."""

from __future__ import annotations

import re

from protocol import limits

_ALLOWED = re.compile(r"[0-9 \-]*")
DEFAULT_DIGITS = 9
"""What the support server issues unless the organisation's configuration says otherwise."""


def is_typeable(text: str) -> bool:
    """Whether `text` contains only what a number may be typed with (digits, spaces, dashes)."""
    return _ALLOWED.fullmatch(text) is not None


def is_valid_length(length: int) -> bool:
    """Whether the protocol allows session numbers of `length` digits."""
    return limits.SESSION_NUMBER_MIN_DIGITS <= length <= limits.SESSION_NUMBER_MAX_DIGITS


def normalise(text: str, shortest: int = DEFAULT_DIGITS) -> str | None:
    """The digits of `text` if they are a session number of at least `shortest` digits, else None.

    The server issues `shortest` digits and more while many sessions wait for their customer (up
    to the protocol's longest), so every length in between must be accepted."""
    if not is_typeable(text):
        return None
    digits = re.sub(r"[ \-]", "", text)
    return digits if shortest <= len(digits) <= limits.SESSION_NUMBER_MAX_DIGITS else None


def group_for_reading(digits: str) -> str:
    """Digits in groups of three, as the expert reads them out: "482 190 337"."""
    return " ".join(digits[i : i + 3] for i in range(0, len(digits), 3))


def regroup_as_typed(text: str, cursor: int, length: int) -> tuple[str, int]:
    """`text` shown as the console shows numbers, at most `length` digits, and where the cursor goes.

    The cursor stays behind the same digit it followed, so typing, deleting and pasting in the
    middle feel natural. Anything but digits is dropped (spaces and dashes are re-inserted).
    """
    digits_before = sum(char.isdigit() for char in text[:cursor])
    digits = "".join(char for char in text if "0" <= char <= "9")[:length]
    grouped = group_for_reading(digits)
    digits_before = min(digits_before, len(digits))
    position = 0
    seen = 0
    while seen < digits_before:
        if grouped[position] != " ":
            seen += 1
        position += 1
    return grouped, position
