"""Session numbers: what a customer reads out or types, so short, random and compared in constant time."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Container

NUMBER_DIGITS = 9
"""The length while few sessions wait for their customer; more waiting sessions get longer numbers."""
MAX_NUMBER_DIGITS = 12
NUMBER_TTL_SECONDS = 600.0
"""A number is valid for 10 minutes from creation until a customer joins with it."""
GUESSES_PER_DAY_CEILING = 864_000
"""Wrong numbers the server checks per day at most from addresses without history: the admission
rate under pressure (`server.core.admission.GUESSES_PER_SECOND`, 10/s) for a whole day."""
HITS_PER_DAY_TARGET = 1e-3
"""Expected right guesses per day an attacker may get at most, with any number of addresses."""


def digits_for(waiting: int) -> int:
    """The number length that keeps `waiting` valid numbers under the hit target:
    waiting * guesses per day / 10^digits < target (9 digits up to 1 waiting session, 12 up to 1,157)."""
    digits = NUMBER_DIGITS
    while (
        digits < MAX_NUMBER_DIGITS and waiting * GUESSES_PER_DAY_CEILING / 10**digits >= HITS_PER_DAY_TARGET
    ):
        digits += 1
    return digits


def new_number(taken: Container[str], digits: int = NUMBER_DIGITS) -> str:
    """Draw `digits` digits from the CSPRNG, retrying while the number belongs to a live session."""
    while True:
        number = f"{secrets.randbelow(10**digits):0{digits}d}"
        if number not in taken:
            return number


def display_number(number: str) -> str:
    """Group the digits in threes from the left ("482 190 337") so they can be read aloud; a single
    digit left over joins the last group ("482 190 3371")."""
    groups = [number[i : i + 3] for i in range(0, len(number), 3)]
    if len(groups) > 1 and len(groups[-1]) == 1:
        groups[-2:] = [groups[-2] + groups[-1]]
    return " ".join(groups)


def numbers_equal(presented: str, actual: str) -> bool:
    """Compare without leaking through timing how many leading digits were right."""
    return hmac.compare_digest(presented.encode("ascii"), actual.encode("ascii"))
