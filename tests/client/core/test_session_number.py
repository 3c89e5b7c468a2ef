"""Typed session numbers: spaces and dashes are fine, only the issued number of digits counts."""

import pytest

from client.core.session_number import (
    group_for_reading,
    is_typeable,
    is_valid_length,
    normalise,
    regroup_as_typed,
)


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("123456789", "123456789"),
        ("123 456 789", "123456789"),
        ("123-456-789", "123456789"),
        (" 123456789 ", "123456789"),
    ],
)
def test_complete_numbers_are_normalised(typed, digits):
    assert normalise(typed) == digits


@pytest.mark.parametrize(
    "typed", ["", "1234567", "12345678", "1234567890123", "12345678a", "١٢٣٤٥٦٧٨٩", "123_456_789"]
)
def test_incomplete_overlong_or_foreign_input_is_no_number(typed):
    assert normalise(typed) is None


def test_the_configured_length_is_the_shortest_and_longer_numbers_up_to_the_protocols_are_accepted():
    assert normalise("123 456 7", shortest=7) == "1234567"
    assert normalise("123 456", shortest=7) is None
    assert normalise("123 456 789 0", shortest=9) == "1234567890"
    assert normalise("123 456 789 012", shortest=12) == "123456789012"
    assert normalise("123 456 789 012", shortest=9) == "123456789012"
    assert normalise("123 456 789 012 3", shortest=9) is None


def test_only_lengths_the_protocol_allows_are_valid():
    assert not is_valid_length(6)
    assert is_valid_length(7)
    assert is_valid_length(12)
    assert not is_valid_length(13)


def test_only_digits_spaces_and_dashes_are_typeable():
    assert is_typeable("12 3-4")
    assert not is_typeable("12a")


def test_numbers_are_grouped_in_threes_for_reading_aloud():
    assert group_for_reading("482190337") == "482 190 337"
    assert group_for_reading("1234567") == "123 456 7"


@pytest.mark.parametrize(
    ("text", "cursor", "shown", "new_cursor"),
    [
        ("1234", 4, "123 4", 5),
        ("123 4567", 8, "123 456 7", 9),
        ("482-190-337", 11, "482 190 337", 11),
        ("123 4567 89", 6, "123 456 789", 6),
        ("12 456 789", 2, "124 567 89", 2),
        ("123 456 7890", 12, "123 456 789", 11),
        ("", 0, "", 0),
    ],
)
def test_typing_regroups_the_digits_and_keeps_the_cursor_behind_its_digit(text, cursor, shown, new_cursor):
    assert regroup_as_typed(text, cursor, 9) == (shown, new_cursor)
