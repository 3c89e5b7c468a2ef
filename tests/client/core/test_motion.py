"""A region of photo-like tiles goes to video only after it changed in every capture for about a
second, and back when still; text never does."""

import numpy as np

from client.core.motion import MAX_GAP_S, MOTION_AFTER_S, STILL_AFTER_S, MotionTracker, Region

ROWS, COLS = 17, 30
STEP = 1 / 30


def _mask(*boxes: tuple[int, int, int, int]) -> np.ndarray:
    mask = np.zeros((ROWS, COLS), dtype=np.bool_)
    for top, left, bottom, right in boxes:
        mask[top:bottom, left:right] = True
    return mask


def _feed(tracker: MotionTracker, mask: np.ndarray, start: float, seconds: float):
    now, update = start, None
    while now < start + seconds:
        update = tracker.update(mask, now)
        now += STEP
    return now, update


def test_full_screen_motion_becomes_one_region_after_a_second():
    tracker = MotionTracker()
    now, update = _feed(tracker, _mask((0, 0, ROWS, COLS)), 0.0, MOTION_AFTER_S - 2 * STEP)
    assert update is not None and update.region is None
    now, update = _feed(tracker, _mask((0, 0, ROWS, COLS)), now, 3 * STEP)
    assert update is not None and update.region == Region(0, 0, ROWS, COLS)


def test_a_small_changing_thing_stays_tiles():
    tracker = MotionTracker()
    _, update = _feed(tracker, _mask((3, 3, 5, 5)), 0.0, 3.0)
    assert update is not None and update.region is None


def test_captures_far_apart_are_not_motion():
    tracker = MotionTracker()
    mask = _mask((0, 0, 8, 8))
    now = 0.0
    for _ in range(10):
        assert tracker.update(mask, now).region is None
        now += MAX_GAP_S * 1.5


def test_a_tile_that_rests_once_starts_its_run_again():
    tracker = MotionTracker()
    moving = _mask((0, 0, 8, 8))
    now, _ = _feed(tracker, moving, 0.0, MOTION_AFTER_S * 0.8)
    tracker.update(_mask(), now)
    _, update = _feed(tracker, moving, now + STEP, MOTION_AFTER_S * 0.8)
    assert update is not None and update.region is None


def test_motion_that_stops_ends_the_region_once():
    tracker = MotionTracker()
    now, update = _feed(tracker, _mask((2, 4, 10, 12)), 0.0, MOTION_AFTER_S + 0.2)
    assert update is not None and update.region == Region(2, 4, 10, 12)
    still = _mask((0, 0, 1, 1))
    now, update = _feed(tracker, still, now, STILL_AFTER_S - 2 * STEP)
    assert update is not None and update.region == Region(2, 4, 10, 12) and update.ended is None
    ends = [tracker.update(still, now + i * STEP) for i in range(4)]
    assert [u.ended for u in ends].count(Region(2, 4, 10, 12)) == 1
    assert ends[-1].region is None


def test_the_region_grows_when_motion_spreads():
    tracker = MotionTracker()
    now, _ = _feed(tracker, _mask((0, 0, 8, 8)), 0.0, MOTION_AFTER_S + 0.1)
    assert tracker.region == Region(0, 0, 8, 8)
    _, update = _feed(tracker, _mask((0, 0, 8, 8), (0, 8, 8, 12)), now, MOTION_AFTER_S + 0.1)
    assert update is not None and update.region == Region(0, 0, 8, 12)


def test_region_pixels_stop_at_the_monitor_edge():
    assert Region(16, 29, 17, 30).pixels(1080, 1900) == (1856, 1024, 44, 56)


def test_text_that_changes_every_capture_never_starts_a_region():
    tracker = MotionTracker()
    everything, text = _mask((0, 0, ROWS, COLS)), _mask()
    now = 0.0
    while now < 3 * MOTION_AFTER_S:
        assert tracker.update(everything, now, text).region is None
        now += STEP


def test_a_region_of_photos_stays_while_it_changes_even_where_it_turns_flat():
    tracker = MotionTracker()
    photo = _mask((0, 0, 8, 8))
    now = 0.0
    while tracker.region is None:
        tracker.update(photo, now, photo)
        now += STEP
    region = tracker.region
    flat = _mask()
    for _ in range(int(3 * STILL_AFTER_S / STEP)):
        assert tracker.update(photo, now, flat).region == region
        now += STEP
