"""BGRA regions become the I420 planes of BT.601 limited range, at full or half size."""

import numpy as np
import pytest

from client.core.yuv import bgra_to_i420, coded_size


def _solid(height: int, width: int, bgr: tuple[int, int, int]) -> np.ndarray:
    pixels = np.empty((height, width, 4), np.uint8)
    pixels[:, :] = (*bgr, 255)
    return pixels


@pytest.mark.parametrize(
    ("bgr", "yuv"),
    [((0, 0, 0), (16, 128, 128)), ((255, 255, 255), (235, 128, 128)), ((0, 0, 255), (82, 90, 240)),
     ((255, 0, 0), (41, 240, 110))],
)  # fmt: skip
def test_known_colours_convert_to_their_studio_swing_values(bgr, yuv):
    picture = bgra_to_i420(_solid(4, 6, bgr))
    found = (int(picture.y[0, 0]), int(picture.u[0, 0]), int(picture.v[0, 0]))
    assert all(abs(a - b) <= 1 for a, b in zip(found, yuv, strict=True)), found


def test_half_size_averages_blocks_and_keeps_even_sizes():
    region = _solid(11, 15, (0, 0, 0))
    region[0::2, 0::2, :3] = 255  # one white pixel in every 2x2 block: a quarter grey
    picture = bgra_to_i420(region, 2)
    assert (picture.width, picture.height) == (6, 4)
    assert picture.u.shape == (2, 3) and picture.v.shape == (2, 3)
    assert np.all(np.abs(picture.y.astype(int) - (16 + (235 - 16) // 4)) <= 1)


def test_a_region_of_one_row_is_refused():
    with pytest.raises(ValueError):
        coded_size(100, 1, 1)
    with pytest.raises(ValueError):
        bgra_to_i420(_solid(4, 4, (0, 0, 0)), 3)
