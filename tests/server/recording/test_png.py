"""The PNG encoder, read back by an independent decoder (Qt's)."""

import numpy as np

from server.recording.png import SIGNATURE, encode_png

from .pictures import png_pixels


def test_any_rgb_image_round_trips_exactly():
    image = np.random.default_rng(3).integers(0, 256, (37, 53, 3), dtype=np.uint8)
    data = encode_png(image)
    assert data.startswith(SIGNATURE)
    assert (png_pixels(data) == image).all()


def test_a_one_pixel_image():
    assert (png_pixels(encode_png(np.array([[[1, 2, 3]]], np.uint8))) == [[[1, 2, 3]]]).all()
