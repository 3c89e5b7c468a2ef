"""Composing the shared screen from real frames, and when a screenshot is kept."""

import zlib

import numpy as np
import pytest

from protocol import Encoding, Tile
from server.recording.screen import BadTile, Canvas, ScreenRecorder, changed_fraction, decode_tile

from .pictures import HEIGHT, WIDTH, delta, jpeg_tile, keyframe, palette_tiles, patch, solid, wire, zlib_tile

GREY = (128, 128, 128)
T0 = 1_700_000_000.0
ONE_PERCENT = 80  # of 100 x 80 pixels


def started(interval=10.0):
    recorder = ScreenRecorder(interval)
    recorder.start()
    return recorder


def test_the_first_keyframe_after_sharing_starts_is_kept_at_once():
    recorder = started()
    shot = recorder.frame(keyframe(1, solid(GREY)), T0)
    assert shot is not None and shot.at == T0 and shot.monitor == 0
    assert (shot.pixels == solid(GREY)).all()


def test_deltas_before_any_keyframe_are_painted_but_not_kept():
    recorder = started()
    assert recorder.frame(delta(1, 0, 0, patch(80, 100)), T0) is None
    assert recorder.tick(T0 + 60) is None
    assert recorder.frame(keyframe(2, solid(GREY)), T0 + 61) is not None


def test_a_meaningful_change_is_kept_once_the_interval_has_passed():
    recorder = started()
    recorder.frame(keyframe(1, solid(GREY)), T0)
    assert recorder.frame(delta(2, 0, 0, patch(10, 10)), T0 + 9.9) is None
    shot = recorder.frame(delta(3, 50, 50, patch(1, 1)), T0 + 10)
    assert shot is not None and shot.at == T0 + 10
    assert changed_fraction(solid(GREY), shot.pixels) == pytest.approx(101 / (WIDTH * HEIGHT))


def test_a_change_below_one_percent_is_not_kept():
    recorder = started()
    recorder.frame(keyframe(1, solid(GREY)), T0)
    assert recorder.frame(delta(2, 0, 0, patch(1, ONE_PERCENT - 1)), T0 + 30) is None
    assert recorder.tick(T0 + 60) is None
    shot = recorder.frame(delta(3, 0, 1, patch(1, 1)), T0 + 61)
    assert shot is not None, "the changes add up against the last screenshot"


def test_a_change_during_the_interval_is_kept_when_the_interval_ends_even_without_frames():
    recorder = started()
    recorder.frame(keyframe(1, solid(GREY)), T0)
    assert recorder.frame(delta(2, 0, 0, patch(40, 100)), T0 + 3) is None
    assert recorder.tick(T0 + 9) is None
    shot = recorder.tick(T0 + 10)
    assert shot is not None and shot.at == T0 + 3, "stamped with the frame that made the change"
    assert recorder.tick(T0 + 30) is None, "nothing new since"


def test_at_most_one_comparison_a_second():
    recorder = started(interval=1.0)
    recorder.frame(keyframe(1, solid(GREY)), T0)
    assert recorder.frame(delta(2, 0, 0, patch(1, 1)), T0 + 1) is None
    assert recorder.frame(delta(3, 0, 0, patch(80, 100)), T0 + 1.5) is None
    assert recorder.frame(delta(4, 0, 0, patch(1, 1, (0, 0, 255))), T0 + 2) is not None


def test_restarting_the_sharing_keeps_the_next_keyframe_at_once():
    recorder = started()
    recorder.frame(keyframe(1, solid(GREY)), T0)
    recorder.stop()
    assert recorder.frame(delta(2, 0, 0, patch(80, 100)), T0 + 1) is None
    recorder.start()
    assert recorder.frame(keyframe(3, solid(GREY)), T0 + 2) is not None


def test_a_new_monitor_counts_as_a_full_change():
    recorder = started()
    recorder.frame(keyframe(1, solid(GREY)), T0)
    assert recorder.frame(keyframe(2, solid(GREY, 40, 30), monitor=1), T0 + 5) is None
    shot = recorder.tick(T0 + 10)
    assert shot is not None and shot.monitor == 1 and shot.pixels.shape == (30, 40, 3)


def test_frames_lost_by_the_recorder_wait_for_the_next_keyframe():
    recorder = started(interval=0.0)
    recorder.frame(keyframe(1, solid(GREY)), T0)
    recorder.invalidate()
    assert recorder.frame(delta(2, 0, 0, patch(80, 100)), T0 + 5) is None
    assert recorder.frame(keyframe(3, solid((1, 2, 3))), T0 + 6) is not None


def test_tiles_of_both_encodings_land_where_they_belong():
    picture = np.random.default_rng(7).integers(0, 255, (HEIGHT, WIDTH, 3), dtype=np.uint8)
    picture[:, :50] = (200, 30, 30)
    tiles = [jpeg_tile(0, 0, picture[:, :50]), zlib_tile(50, 0, picture[:, 50:])]
    canvas = Canvas(0, WIDTH, HEIGHT)
    canvas.paint(wire(1, tiles, keyframe=True))
    assert canvas.complete
    assert (canvas.pixels[:, 50:] == picture[:, 50:]).all()
    assert np.abs(canvas.pixels[:, :50].astype(int) - (200, 30, 30)).max() <= 3


@pytest.mark.parametrize("count", [2, 3, 4, 5, 16])
@pytest.mark.parametrize("width", [7, 20])
def test_palette_tiles_of_every_index_width_decode_exactly(count, width):
    rng = np.random.default_rng(count * 100 + width)
    height = 10
    placed = []
    for column in range(WIDTH // width):  # tiles of one shape: decoded together
        colours = rng.integers(0, 255, (count, 3), dtype=np.uint8)
        indices = rng.integers(0, count, (height, width), dtype=np.uint8)
        placed.append((column * width, 30, colours, indices))
    canvas = Canvas(0, WIDTH, HEIGHT)
    canvas.paint(wire(1, [zlib_tile(0, 0, solid(GREY)), *palette_tiles(placed)], keyframe=True))
    for x, y, colours, indices in placed:
        assert (canvas.pixels[y : y + height, x : x + width] == colours[indices]).all()


@pytest.mark.parametrize(("count", "beyond"), [(3, 3), (5, 15), (9, 9)])
def test_a_palette_index_beyond_its_colours_is_refused(count, beyond):
    colours = np.zeros((count, 3), np.uint8)
    fine = np.zeros((4, 8), np.uint8)
    bad = fine.copy()
    bad[2, 5] = beyond
    tiles = palette_tiles([(0, 0, colours, fine), (8, 0, colours, bad), (16, 0, colours, fine)])
    canvas = Canvas(0, WIDTH, HEIGHT)
    with pytest.raises(BadTile, match="beyond its colours"):
        canvas.paint(wire(1, tiles, keyframe=True))
    assert not canvas.complete


@pytest.mark.parametrize(
    "tile",
    [
        Tile(0, 0, 4, 4, Encoding.ZLIB_RGB, zlib.compress(bytes(4 * 4 * 3 - 1))),
        Tile(0, 0, 4, 4, Encoding.ZLIB_RGB, zlib.compress(bytes(4 * 4 * 3 + 1))),
        Tile(0, 0, 4, 4, Encoding.ZLIB_RGB, b"not zlib"),
        Tile(0, 0, 4, 4, Encoding.JPEG, b"not a jpeg"),
        Tile(0, 0, 4, 4, Encoding.JPEG, jpeg_tile(0, 0, solid(GREY, 8, 8)).data),
    ],
)
def test_tiles_that_do_not_fit_their_rectangle_are_refused(tile):
    with pytest.raises(BadTile):
        decode_tile(tile)


def test_a_bad_tile_leaves_the_image_incomplete_until_a_keyframe():
    recorder = started(interval=0.0)
    recorder.frame(keyframe(1, solid(GREY)), T0)
    bad = wire(2, [Tile(0, 0, 4, 4, Encoding.ZLIB_RGB, b"junk")], keyframe=False)
    with pytest.raises(BadTile):
        recorder.frame(bad, T0 + 5)
    assert recorder.tick(T0 + 6) is None
    assert recorder.frame(keyframe(3, solid((9, 9, 9))), T0 + 7) is not None


def test_huge_monitors_are_not_composed():
    recorder = started()
    frame = wire(1, [zlib_tile(0, 0, solid(GREY, 2, 2))], keyframe=False, size=(16384, 16384))
    assert recorder.frame(frame, T0) is None


def test_the_changed_fraction_counts_each_pixel_once_whichever_channels_differ():
    rng = np.random.default_rng(8)
    before = rng.integers(0, 256, (60, 90, 3), dtype=np.uint8)
    after = before.copy()
    after[rng.random((60, 90)) < 0.3, rng.integers(0, 3)] ^= 1  # one channel here
    after[:5, :7] ^= 255  # all three there
    expected = np.count_nonzero((before != after).any(axis=2)) / (60 * 90)
    assert changed_fraction(before, after) == expected
    assert changed_fraction(before, before.copy()) == 0.0
