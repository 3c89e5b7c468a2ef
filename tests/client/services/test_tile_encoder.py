"""Encoded tiles decode back to the captured pixels: exactly when lossless, closely as JPEG."""

import zlib

import numpy as np
import simplejpeg

from client.core.tiles import Rect
from client.services.tile_encoder import encode_tile
from protocol.frames import Encoding


def _bgra():
    rng = np.random.default_rng(7)
    return rng.integers(0, 256, (100, 150, 4), dtype=np.uint8)


def test_zlib_rgb_is_exact_and_in_rgb_order():
    pixels = _bgra()
    tile = encode_tile(pixels, Rect(10, 20, 64, 30), Encoding.ZLIB_RGB)
    assert (tile.x, tile.y, tile.width, tile.height, tile.encoding) == (10, 20, 64, 30, Encoding.ZLIB_RGB)
    rgb = np.frombuffer(zlib.decompress(tile.data), dtype=np.uint8).reshape(30, 64, 3)
    expected = pixels[20:50, 10:74, 2::-1]
    assert np.array_equal(rgb, expected)


def test_jpeg_of_a_flat_colour_decodes_close_to_it():
    pixels = np.zeros((64, 64, 4), dtype=np.uint8)
    pixels[:, :, 0], pixels[:, :, 1], pixels[:, :, 2] = 40, 120, 200
    tile = encode_tile(pixels, Rect(0, 0, 64, 64), Encoding.JPEG)
    rgb = simplejpeg.decode_jpeg(tile.data, colorspace="RGB")
    assert rgb.shape == (64, 64, 3)
    assert np.abs(rgb.astype(int) - [200, 120, 40]).max() <= 3
