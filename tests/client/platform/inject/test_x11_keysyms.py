"""Typing decisions on X11 over a made-up keyboard mapping: direct keys, Shift, slots, groups."""

import pytest

from client.platform.inject.x11_keysyms import (
    RETURN,
    TAB,
    Direct,
    KeymapSnapshot,
    SlotTable,
    ViaSlot,
    char_keysym,
)

EURO = 0x010020AC
DEAD_CIRCUMFLEX = 0xFE52
KP_END, KP_1 = 0xFF9C, 0xFFB1

# keycode 10: us "1 !" / de "1 !"; 24: us "q Q" / de "q Q" with AltGr "@";
# 29: us "y Y" / de "z Z"; 49: de has only a dead circumflex; 87: keypad;
# 93, 97, 120: spare; 36: Return.
ROWS = {
    10: (0x31, 0x21, 0x31, 0x21),
    24: (0x71, 0x51, 0x71, 0x51, 0x40),
    29: (0x79, 0x59, 0x7A, 0x5A),
    36: (RETURN, 0, RETURN, 0),
    49: (0x60, 0x7E, DEAD_CIRCUMFLEX, 0xB0),
    87: (KP_END, KP_1, KP_END, KP_1),
    93: (0, 0, 0, 0),
    97: (0, 0, 0, 0),
    120: (0, 0, 0, 0),
}


def snapshot(rows=ROWS):
    """The mapping of keycodes 8..130; keycodes not in `rows` type CJK characters."""
    return KeymapSnapshot(8, [rows.get(code, (0x01004E00 + code, 0, 0, 0)) for code in range(8, 131)])


@pytest.mark.parametrize(
    ("char", "keysym"),
    [("a", 0x61), ("~", 0x7E), ("ä", 0xE4), ("ß", 0xDF), ("\u00a0", 0xA0), ("€", EURO), ("😀", 0x0101F600),
     ("\n", RETURN), ("\t", TAB)],
)  # fmt: skip
def test_characters_have_latin1_or_unicode_keysyms(char, keysym):
    assert char_keysym(char) == keysym


def test_control_characters_have_no_keysym():
    with pytest.raises(ValueError, match="control character"):
        char_keysym("\r")


def test_the_first_level_types_without_shift_and_the_second_with_it():
    keymap = snapshot()
    assert keymap.stroke(0x71, group=0) == Direct(24, shift=False)
    assert keymap.stroke(0x51, group=0) == Direct(24, shift=True)
    assert keymap.stroke(RETURN, group=0) == Direct(36, shift=False)


def test_the_active_group_picks_the_columns():
    keymap = snapshot()
    assert keymap.stroke(0x79, group=0) == Direct(29, shift=False)
    assert keymap.stroke(0x7A, group=1) == Direct(29, shift=False)
    assert keymap.stroke(0x7A, group=0) == ViaSlot(0x7A)
    assert keymap.stroke(0x79, group=2) == ViaSlot(0x79)


def test_altgr_levels_keypad_keys_and_dead_keys_are_never_used():
    keymap = snapshot()
    assert keymap.stroke(0x40, group=0) == ViaSlot(0x40)  # only behind AltGr
    assert keymap.stroke(0xB0, group=1) == Direct(49, shift=True)
    assert keymap.stroke(0x5E, group=1) == ViaSlot(0x5E)  # "^": the layout has only dead_circumflex
    assert keymap.stroke(KP_1, group=0) == ViaSlot(KP_1)
    assert keymap.stroke(EURO, group=0) == ViaSlot(EURO)


def test_no_shift_and_lower_keycodes_win():
    rows = {**ROWS, 50: (0x21, 0x31, 0, 0), 60: (0x71, 0, 0, 0)}
    keymap = snapshot(rows)
    assert keymap.stroke(0x31, group=0) == Direct(10, shift=False)
    assert keymap.stroke(0x21, group=0) == Direct(50, shift=False)
    assert keymap.stroke(0x71, group=0) == Direct(24, shift=False)


def test_spare_keycodes_are_the_empty_ones_highest_first():
    assert snapshot().spare_keycodes() == [120, 97, 93]


def test_a_binding_is_recognised_in_the_mapping_the_server_reports():
    keymap = snapshot({**ROWS, 97: (EURO, EURO, EURO, EURO), 120: (EURO, EURO, 0x40, 0)})
    assert keymap.binds(97, EURO)
    assert not keymap.binds(120, EURO)
    assert not keymap.binds(93, EURO)
    assert not keymap.binds(200, EURO)


def test_slots_use_free_spares_then_recycle_the_least_recently_used():
    keymap = snapshot()
    slots = SlotTable()
    for keysym in (0xE4, 0xF6, 0xFC):
        keycode, recycled = slots.choose(keymap)
        assert not recycled
        slots.bind(keycode, keysym)
    assert slots.bound == {120: 0xE4, 97: 0xF6, 93: 0xFC}
    assert slots.find(0xE4) == 120  # used again: now the most recent
    assert slots.find(EURO) is None
    assert slots.choose(keymap) == (97, True)
    slots.bind(97, EURO)
    assert list(slots.bound) == [93, 120, 97]


def test_slots_forget_bindings_a_new_layout_replaced():
    slots = SlotTable()
    slots.bind(97, EURO)
    slots.bind(120, 0xE4)
    slots.forget_lost(snapshot({**ROWS, 97: (EURO, EURO, EURO, EURO)}))
    assert slots.bound == {97: EURO}
    slots.clear()
    assert slots.bound == {}


def test_a_mapping_without_spare_keycodes_cannot_give_a_slot():
    full = {code: row for code, row in ROWS.items() if any(row)}
    with pytest.raises(LookupError, match="spare"):
        SlotTable().choose(snapshot(full))
