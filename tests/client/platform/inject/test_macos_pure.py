"""The macOS injector's decisions, checked on any system: coordinates, flags, text chunks."""

import pytest

from client.platform.inject.base import InjectionError
from client.platform.inject.macos import (
    DisplayArea,
    MacInputInjector,
    flags_for,
    pixel_to_point,
    unicode_chunks,
)

RETINA = DisplayArea(0, 0, 1440, 900, 2.0)
SIDE = DisplayArea(1440, 0, 1920, 1080, 1.0)  # right of it, at 1:1


def test_pixels_become_points_of_the_display_they_lie_on():
    assert pixel_to_point(2000, 1000, [RETINA, SIDE]) == (1000.0, 500.0)
    assert pixel_to_point(2879, 1799, [RETINA, SIDE]) == (1439.5, 899.5)
    assert pixel_to_point(3000, 100, [RETINA, SIDE]) == (3000.0, 100.0)


def test_pixels_off_every_display_use_the_main_display_scale():
    assert pixel_to_point(-10, 4000, [RETINA, SIDE]) == (-5.0, 2000.0)
    assert pixel_to_point(10, 20, []) == (10.0, 20.0)


def test_held_modifiers_become_event_flags():
    assert flags_for([]) == 0
    assert flags_for(["ShiftLeft", "KeyA"]) == 0x20000
    assert flags_for(["ControlLeft", "AltRight", "MetaRight"]) == 0x40000 | 0x80000 | 0x100000


def test_text_goes_in_chunks_of_at_most_twenty_utf16_units_with_return_and_tab_as_keys():
    chunks = unicode_chunks("a" * 25 + "\nGrüße\t")
    assert chunks == ["a" * 20, "a" * 5, 0x24, "Grüße", 0x30]


def test_a_chunk_never_splits_a_surrogate_pair():
    chunks = unicode_chunks("x" * 19 + "😀y")
    assert chunks == ["x" * 19, "😀y"]


def test_control_characters_are_refused():
    with pytest.raises(ValueError, match="control character"):
        unicode_chunks("\x1b")


def test_the_injector_refuses_to_open_without_quartz():
    with pytest.raises(InjectionError, match="Quartz"):
        MacInputInjector()
