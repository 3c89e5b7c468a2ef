"""The probe, painted only where its bits changed, always reads back the clock and click count it
was last given: what the streaming benchmark's content age and click to photon rest on."""

import random

import numpy as np

from bench.stream_probe import HEIGHT, WIDTH, Rectangle, _changed_blocks, read_probe


def _paint(picture: np.ndarray, ones: list[Rectangle], zeros: list[Rectangle]) -> None:
    for colour, blocks in ((255, ones), (0, zeros)):
        for x, y, width, height in blocks:
            picture[y : y + height, x : x + width] = colour


def test_painting_only_the_changed_blocks_shows_each_new_clock_and_count():
    rng = random.Random(4)
    picture = np.zeros((HEIGHT, WIDTH, 3), np.uint8)
    drawn = None
    clock, clicks = rng.getrandbits(32), 0
    for _ in range(3000):
        clock = (clock + rng.choice([1, 1, 1, 2, 17, 40_000])) & 0xFFFFFFFF
        clicks += rng.random() < 0.02
        ones, zeros = _changed_blocks(drawn, (clock, clicks))
        _paint(picture, ones, zeros)
        drawn = (clock, clicks)
        assert read_probe(picture, 0, 0) == (clock, clicks)


def test_a_probe_that_lost_its_pixels_is_painted_whole():
    ones, zeros = _changed_blocks(None, (0x0F0F0F0F, 3))
    assert len(ones) + len(zeros) == 128
