"""Change detection finds exactly the changed tiles, and each tile's encoding follows its own content."""

import numpy as np
import pytest

from client.core.tiles import (
    MAX_RECT_WIDTH,
    TILE_SIZE,
    TileRect,
    choose_encodings,
    dirty_tiles,
    grid_shape,
    plan_refinement,
    plan_tiles,
    tile_mask,
)
from protocol.frames import Encoding

Z, J, S, P = Encoding.ZLIB_RGB, Encoding.JPEG, Encoding.SOLID, Encoding.PALETTE


def _white(height=200, width=330):
    return np.full((height, width, 4), 255, dtype=np.uint8)


def _greys(height, width):
    """40 greys in a pattern: text-like (lossless) but more colours than a palette holds."""
    y, x = np.mgrid[0:height, 0:width]
    grey = ((y * 7 + x) % 40 * 6).astype(np.uint8)
    return np.stack([grey, grey, grey, np.full_like(grey, 255)], axis=2)


def _layout(rects):
    return [(r.x, r.y, r.width, r.height, r.encoding) for r in rects]


def _noise(height, width, seed=1):
    return np.random.default_rng(seed).integers(0, 256, (height, width, 4), dtype=np.uint8)


def _coverage(rects, height, width):
    covered = np.zeros((height, width), dtype=int)
    for r in rects:
        assert r.width > 0 and r.height > 0
        assert r.x + r.width <= width and r.y + r.height <= height
        covered[r.y : r.y + r.height, r.x : r.x + r.width] += 1
    return covered


def test_an_unchanged_frame_plans_nothing():
    frame = _noise(200, 330)
    assert plan_tiles(frame, frame.copy()) == []
    assert not dirty_tiles(frame, frame.copy()).any()


def test_one_changed_pixel_marks_exactly_its_tile():
    before = _white()
    after = before.copy()
    after[70, 130, 1] = 0
    assert _layout(plan_tiles(before, after)) == [(128, 64, 64, 64, P)]


def test_tiles_of_one_colour_are_solid_and_of_up_to_sixteen_colours_palette_tiles():
    before = _white(64, 64 * 4)
    after = before.copy()
    after[:, 0:64, :3] = (1, 2, 3)
    after[:, 64:128, :3] = np.arange(16).repeat(4)[None, :, None]
    after[:, 128:192, :3] = (np.arange(64) % 17)[None, :, None]
    after[:, 192:256] = _greys(64, 64)
    rects = plan_tiles(before, after)
    assert _layout(rects) == [(0, 0, 64, 64, S), (64, 0, 64, 64, P), (128, 0, 128, 64, Z)]
    assert rects[0].palette is not None and rects[0].palette.colours == bytes((3, 2, 1))
    assert rects[1].palette is not None and rects[1].palette.count == 16


def test_a_change_in_the_alpha_byte_alone_counts():
    before = _white()
    after = before.copy()
    after[0, 0, 3] = 0
    assert dirty_tiles(before, after).tolist()[0][:2] == [True, False]


def test_adjacent_dirty_tiles_of_a_row_merge_and_edge_tiles_are_clipped():
    before = _white()  # 330 x 200: edge tiles are 10 px wide and 8 px high
    after = before.copy()
    after[192:200, 200:330] = _greys(8, 130)
    after[0:64, 0:64] = _greys(64, 64)
    assert _layout(plan_tiles(before, after)) == [(0, 0, 64, 64, Z), (192, 192, 138, 8, Z)]


def test_tiles_of_different_rows_do_not_merge():
    before = _white()
    after = before.copy()
    after[0:128, 0:128] = _greys(128, 128)
    assert _layout(plan_tiles(before, after)) == [(0, 0, 128, 64, Z), (0, 64, 128, 64, Z)]


def test_palette_tiles_are_never_merged():
    before = _white(64, 64 * 3)
    after = before.copy()
    after[10:20, :, :3] = 0
    assert _layout(plan_tiles(before, after)) == [(0, 0, 64, 64, P), (64, 0, 64, 64, P), (128, 0, 64, 64, P)]


def test_merged_rectangles_are_bounded_in_width():
    before = _white(64, 64 * 20)
    after = _greys(64, 64 * 20)
    assert [r.width for r in plan_tiles(before, after)] == [MAX_RECT_WIDTH, MAX_RECT_WIDTH, 256]


def test_runs_split_where_the_encoding_changes():
    before = _white(64, 64 * 4)
    after = before.copy()
    after[:, 0:64] = _greys(64, 64)
    after[:, 64:128] = _noise(64, 64)
    after[:, 128:256] = _greys(64, 128)
    assert _layout(plan_tiles(before, after)) == [(0, 0, 64, 64, Z), (64, 0, 64, 64, J), (128, 0, 128, 64, Z)]


@pytest.mark.parametrize(("height", "width"), [(200, 330), (64, 64), (1, 1), (129, 63)])
def test_a_keyframe_covers_every_pixel_exactly_once(height, width):
    rects = plan_tiles(None, _white(height, width))
    assert (_coverage(rects, height, width) == 1).all()
    assert all(r.height <= TILE_SIZE and r.width <= MAX_RECT_WIDTH for r in rects)


def test_a_frame_of_another_size_is_planned_as_a_keyframe():
    rects = plan_tiles(_white(100, 100), _white(200, 330))
    assert (_coverage(rects, 200, 330) == 1).all()


def test_frames_of_different_sizes_cannot_be_diffed():
    with pytest.raises(ValueError, match="shapes differ"):
        dirty_tiles(_white(100, 100), _white(200, 330))


def test_text_like_tiles_are_lossless_and_noise_is_jpeg():
    text = _white(64, 64)
    text[10:20, 5:50, :3] = 0  # two colours
    assert choose_encodings(text).tolist() == [[Z]]
    assert choose_encodings(_noise(64, 64)).tolist() == [[J]]


def test_an_anti_aliased_tile_with_a_few_dozen_greys_stays_lossless():
    tile = _white(64, 64)
    tile[:, :, :3] = (np.arange(64 * 64).reshape(64, 64, 1) % 40 * 6).astype(np.uint8)
    assert choose_encodings(tile).tolist() == [[Z]]


def test_each_tile_is_decided_by_its_own_pixels_including_small_edge_tiles():
    frame = _white(100, 150)  # 2 x 3 tiles; the last column is 22 px wide, the last row 36 px high
    frame[64:100, 128:150] = _noise(36, 22)
    frame[0:64, 64:128] = _noise(64, 64, seed=2)
    assert choose_encodings(frame).tolist() == [[Z, J, Z], [Z, Z, J]]


def test_a_frame_that_would_need_too_many_tiles_merges_across_encodings():
    frame = _white(128, 64 * 6)
    for col in (1, 3, 5):
        frame[:, col * 64 : (col + 1) * 64] = _noise(128, 64, seed=col)
    assert len(plan_tiles(None, frame)) == 12
    rects = plan_tiles(None, frame, max_tiles=11)
    assert rects == [TileRect(0, 0, 384, 64, J), TileRect(0, 64, 384, 64, J)]
    assert all(r.palette is None for r in rects)


def test_grid_shape_rounds_up():
    assert grid_shape(1080, 1920) == (17, 30)
    assert grid_shape(64, 65) == (1, 2)


def test_frames_must_be_bgra_bytes():
    with pytest.raises(ValueError, match="H x W x 4"):
        plan_tiles(None, np.zeros((10, 10, 3), dtype=np.uint8))


def test_a_refinement_plan_covers_exactly_the_asked_tiles_and_never_as_jpeg():
    rng = np.random.default_rng(5)
    photo = rng.integers(0, 256, size=(200, 330, 4), dtype=np.uint8)
    photo[:150, :100] = 255  # a white corner: SOLID where it fills a tile
    asked = np.zeros(grid_shape(200, 330), dtype=np.bool_)
    asked[0, 0] = asked[1, 2:5] = asked[3, 5] = True
    rects = plan_refinement(photo, asked)
    assert Encoding.JPEG not in {rect.encoding for rect in rects}
    assert np.array_equal(tile_mask(rects, asked.shape), asked)
    assert {rect.encoding for rect in rects} == {Encoding.SOLID, Encoding.ZLIB_RGB}
