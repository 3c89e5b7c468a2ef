"""Typed session numbers: spaces and dashes are fine, only complete digit runs count."""

import pytest

from client.core.session_number import group_for_reading, is_typeable, normalise


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("123456789", "123456789"),
        ("123 456 789", "123456789"),
        ("123-456-789", "123456789"),
        (" 1234567 ", "1234567"),
    ],
)
def test_complete_numbers_are_normalised(typed, digits):
    assert normalise(typed) == digits


@pytest.mark.parametrize("typed", ["", "123456", "1234567890123", "12345678a", "١٢٣٤٥٦٧٨", "123_456_789"])
def test_incomplete_or_foreign_input_is_no_number(typed):
    assert normalise(typed) is None


def test_only_digits_spaces_and_dashes_are_typeable():
    assert is_typeable("12 3-4")
    assert not is_typeable("12a")


def test_numbers_are_grouped_in_threes_for_reading_aloud():
    assert group_for_reading("482190337") == "482 190 337"
    assert group_for_reading("1234567") == "123 456 7"
