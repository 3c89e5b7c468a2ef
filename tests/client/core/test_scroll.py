"""Scroll detection finds a window's content moved up or down, beside unrelated changes, and only
where the shifted rows reproduce the new picture exactly."""

import numpy as np
import pytest

from client.core.scroll import MIN_ROWS, Scroll, find_scroll
from client.core.tiles import dirty_tiles

WIDTH, HEIGHT = 640, 400
TERMINAL = (slice(40, 360), slice(100, 500))  # rows, columns of the scrolling window


def text_rows(rng: np.random.Generator, count: int, width: int) -> np.ndarray:
    """Rows of two-colour "glyphs", each text line 8 rows high with 2 blank rows between lines."""
    lines = -(-count // 10)
    glyphs = rng.random((lines, 8, width)) < 0.3
    block = np.zeros((lines, 10, width), np.bool_)
    block[:, :8] = glyphs
    rows = np.where(block.reshape(-1, width)[:count, :, None], (20, 20, 20, 255), (240, 240, 240, 255))
    return rows.astype(np.uint8)


def desktop(seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    picture = rng.integers(0, 255, (HEIGHT, WIDTH, 4), dtype=np.uint8)  # a busy wallpaper
    picture[TERMINAL] = text_rows(rng, 320, 400)
    return picture


def scrolled(before: np.ndarray, rows: int, seed: int = 2) -> np.ndarray:
    """The terminal scrolled up by `rows` (negative: down), new lines where it opened."""
    after = before.copy()
    terminal = before[TERMINAL]
    fresh = text_rows(np.random.default_rng(seed), abs(rows), 400)
    if rows > 0:
        after[TERMINAL] = np.concatenate([terminal[rows:], fresh])
    else:
        after[TERMINAL] = np.concatenate([fresh, terminal[:rows]])
    return after


def band(before: np.ndarray, after: np.ndarray) -> tuple[tuple[int, int], tuple[int, int]]:
    """The changed rows and columns, as the changed tiles bound them (64 px)."""
    rows = np.flatnonzero((before != after).any(axis=(1, 2)))
    columns = np.flatnonzero((before != after).any(axis=(0, 2)))
    return (int(rows[0]) // 64 * 64, min(HEIGHT, -(-(int(rows[-1]) + 1) // 64) * 64)), (
        int(columns[0]) // 64 * 64,
        min(WIDTH, -(-(int(columns[-1]) + 1) // 64) * 64),
    )


def test_a_terminal_scrolling_up_is_found_with_its_rows_and_columns():
    before = desktop()
    after = scrolled(before, 30)
    scroll = find_scroll(before, after, *band(before, after))
    assert scroll is not None
    assert scroll.shift == 30
    assert scroll.x >= 100 and scroll.x + scroll.width <= 500
    assert scroll.width >= 380 and scroll.height >= 320 - 30 - 10
    rows = slice(scroll.y, scroll.y + scroll.height)
    assert np.array_equal(scroll.apply(before)[rows], after[rows])


def test_scrolling_down_beside_a_changing_clock_is_found():
    before = desktop()
    after = scrolled(before, -20)
    after[5:25, 550:620] = np.random.default_rng(9).integers(0, 255, (20, 70, 4), dtype=np.uint8)
    scroll = find_scroll(before, after, *band(before, after))
    assert scroll is not None and scroll.shift == -20
    moved = scroll.apply(before)
    rows, columns = slice(scroll.y, scroll.y + scroll.height), slice(scroll.x, scroll.x + scroll.width)
    assert np.array_equal(moved[rows, columns], after[rows, columns])
    assert scroll.y >= 40 + 20  # the opened lines and the clock are left to tiles


def test_what_the_copy_leaves_different_is_only_what_scrolled_in():
    before = desktop()
    after = scrolled(before, 12)
    scroll = find_scroll(before, after, *band(before, after))
    assert scroll is not None
    changed = np.flatnonzero((scroll.apply(before) != after).any(axis=(1, 2)))
    assert changed.size <= 12 + 10 + 2  # the opened rows, at most a partly copied line, edges


def test_no_scroll_is_claimed_for_a_picture_that_changed_in_place():
    before = desktop()
    after = before.copy()
    after[TERMINAL] = text_rows(np.random.default_rng(5), 320, 400)
    assert find_scroll(before, after, *band(before, after)) is None


def test_a_band_shorter_than_worth_a_copy_is_not_searched():
    before = desktop()
    after = scrolled(before, 3)
    assert find_scroll(before, after, (40, 40 + MIN_ROWS), (0, WIDTH)) is None


@pytest.mark.parametrize(
    "scroll",
    [
        Scroll(100, 40, 400, 290, 30),  # up, inside the screen, not on tile edges
        Scroll(100, 60, 400, 300, -20),  # down
        Scroll(0, 0, WIDTH, HEIGHT - 7, 7),  # the whole screen, to its last (partial) tile row
        Scroll(576, 350, 64, 50, -300),  # the last tile column, far from its source
    ],
)
def test_the_tiles_left_changed_after_a_copy_are_those_of_the_copied_picture(scroll):
    before = desktop()
    after = scrolled(before, 30)
    after[5:25, 550:620] = 0  # a change outside every copy
    dirty = dirty_tiles(before, after)
    assert np.array_equal(scroll.dirty_after(before, after, dirty), dirty_tiles(scroll.apply(before), after))
