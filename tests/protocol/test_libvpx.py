"""Decoded VP8 pictures become RGB by the BT.601 limited-range formulas, for every size a stream
may carry (odd ones included), and a real VP8 frame decodes to the picture it was made from."""

import numpy as np
import pytest

from client.core.yuv import bgra_to_i420
from client.services.vp8_encoder import Vp8Encoder
from protocol.libvpx import Vp8Decoder, i420_to_rgb, load_libvpx


def _by_formula(y: np.ndarray, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    rgb = np.empty((*y.shape, 3), np.uint8)
    for row in range(y.shape[0]):
        for column in range(y.shape[1]):
            luma = (int(y[row, column]) - 16) * 298
            cb, cr = int(u[row // 2, column // 2]) - 128, int(v[row // 2, column // 2]) - 128
            for channel, value in enumerate((luma + 409 * cr, luma - 100 * cb - 208 * cr, luma + 516 * cb)):
                rgb[row, column, channel] = min(255, max(0, (value + 128) >> 8))
    return rgb


@pytest.mark.parametrize(("height", "width"), [(1, 1), (2, 2), (5, 7), (16, 9), (6, 12)])
def test_each_pixel_follows_the_formulas_with_chroma_shared_by_two_by_two_blocks(height, width):
    rng = np.random.default_rng(height * 100 + width)
    chroma = ((height + 1) // 2, (width + 1) // 2)
    y = rng.integers(0, 256, (height, width), dtype=np.uint8)
    u, v = (rng.integers(0, 256, chroma, dtype=np.uint8) for _ in range(2))
    assert np.array_equal(i420_to_rgb(y, u, v), _by_formula(y, u, v))


def test_a_vp8_key_frame_decodes_close_to_its_picture():
    library = load_libvpx()
    assert library is not None, "scripts/setup.sh installs libvpx7"
    y, x = np.mgrid[0:96, 0:128]
    bgra = np.zeros((96, 128, 4), np.uint8)
    bgra[:, :, 0], bgra[:, :, 1], bgra[:, :, 2] = x * 2, y * 2, 128
    encoder = Vp8Encoder(library, 128, 96, kbit_per_s=4000)
    frame, key = encoder.encode(bgra_to_i420(bgra), 0, 33, key=True)
    encoder.close()
    decoder = Vp8Decoder(library)
    picture = i420_to_rgb(*decoder.decode(frame))
    decoder.close()
    assert key and picture.shape == (96, 128, 3)
    assert np.abs(picture.astype(int) - bgra[:, :, 2::-1].astype(int)).mean() < 4
