"""Change detection finds exactly the changed squares; encodings follow the content."""

import numpy as np

from client.core.tiles import TILE, Rect, all_rects, changed_grid, choose_encoding, dirty_rects
from protocol.frames import Encoding


def _frame(height=200, width=330):
    return np.full((height, width, 4), 255, dtype=np.uint8)


def test_an_unchanged_frame_has_no_dirty_rects():
    frame = _frame()
    assert dirty_rects(changed_grid(frame, frame.copy()), 330, 200) == []


def test_one_changed_pixel_marks_exactly_its_square():
    before = _frame()
    after = before.copy()
    after[70, 130, 1] = 0
    assert dirty_rects(changed_grid(before, after), 330, 200) == [Rect(128, 64, 64, 64)]


def test_adjacent_squares_of_a_row_merge_and_edges_are_clipped():
    before = _frame()
    after = before.copy()
    after[192:200, 200:330, :3] = 0
    assert dirty_rects(changed_grid(before, after), 330, 200) == [Rect(192, 192, 138, 8)]


def test_runs_are_bounded():
    before = _frame(64, 64 * 20)
    after = before.copy()
    after[:, :, 0] = 0
    rects = dirty_rects(changed_grid(before, after), 64 * 20, 64)
    assert [r.width for r in rects] == [512, 512, 256]


def test_a_keyframe_covers_every_pixel_once():
    rects = all_rects(330, 200)
    covered = np.zeros((200, 330), dtype=int)
    for r in rects:
        covered[r.y : r.y + r.height, r.x : r.x + r.width] += 1
    assert (covered == 1).all()
    assert all(r.height <= TILE for r in rects)


def test_text_like_content_is_lossless_and_noise_is_jpeg():
    text = _frame(64, 64)
    text[10:20, 5:50, :3] = 0
    assert choose_encoding(text, Rect(0, 0, 64, 64)) is Encoding.ZLIB_RGB
    noise = np.random.default_rng(1).integers(0, 256, (64, 64, 4), dtype=np.uint8)
    assert choose_encoding(noise, Rect(0, 0, 64, 64)) is Encoding.JPEG
