"""Session numbers: what a customer reads out or types, so short, random and compared in constant time."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Container

NUMBER_DIGITS = 9
NUMBER_TTL_SECONDS = 600.0
"""A number is valid for 10 minutes from creation until a customer joins with it."""


def new_number(taken: Container[str]) -> str:
    """Draw 9 digits from the CSPRNG, retrying while the number belongs to a live session."""
    while True:
        number = f"{secrets.randbelow(10**NUMBER_DIGITS):0{NUMBER_DIGITS}d}"
        if number not in taken:
            return number


def display_number(number: str) -> str:
    """Group the digits in threes from the left ("482 190 337") so they can be read aloud."""
    return " ".join(number[i : i + 3] for i in range(0, len(number), 3))


def numbers_equal(presented: str, actual: str) -> bool:
    """Compare without leaking through timing how many leading digits were right."""
    return hmac.compare_digest(presented.encode("ascii"), actual.encode("ascii"))
