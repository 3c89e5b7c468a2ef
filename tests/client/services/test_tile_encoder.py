"""Encoded tiles decode back to the captured pixels: exactly when lossless, closely as JPEG."""

import zlib

import numpy as np
import pytest
import simplejpeg

from client.core.tiles import TileRect
from client.services.tile_encoder import encode_tile
from protocol.frames import Encoding


def _photo(height=100, width=150):
    """Smooth gradients plus a little noise: what JPEG is for."""
    y, x = np.mgrid[0:height, 0:width]
    rng = np.random.default_rng(7)
    frame = np.empty((height, width, 4), dtype=np.uint8)
    frame[:, :, 0] = (x * 255 // width).astype(np.uint8)
    frame[:, :, 1] = (y * 255 // height).astype(np.uint8)
    frame[:, :, 2] = ((x + y) * 127 // (width + height)).astype(np.uint8)
    frame[:, :, :3] = np.clip(frame[:, :, :3].astype(int) + rng.integers(-4, 5, (height, width, 3)), 0, 255)
    frame[:, :, 3] = 0
    return frame


def test_zlib_rgb_is_exact_and_in_rgb_order():
    frame = np.random.default_rng(7).integers(0, 256, (100, 150, 4), dtype=np.uint8)
    tile = encode_tile(frame, TileRect(10, 20, 64, 30, Encoding.ZLIB_RGB))
    assert (tile.x, tile.y, tile.width, tile.height, tile.encoding) == (10, 20, 64, 30, Encoding.ZLIB_RGB)
    rgb = np.frombuffer(zlib.decompress(tile.data), dtype=np.uint8).reshape(30, 64, 3)
    assert np.array_equal(rgb, frame[20:50, 10:74, 2::-1])


def test_jpeg_decodes_close_to_the_rectangle_it_was_cut_from():
    frame = _photo()
    tile = encode_tile(frame, TileRect(22, 10, 128, 64, Encoding.JPEG))
    assert (tile.x, tile.y, tile.width, tile.height, tile.encoding) == (22, 10, 128, 64, Encoding.JPEG)
    rgb = simplejpeg.decode_jpeg(tile.data, colorspace="RGB")
    assert rgb.shape == (64, 128, 3)
    expected = frame[10:74, 22:150, 2::-1].astype(int)
    assert np.abs(rgb.astype(int) - expected).mean() < 4
    assert np.abs(rgb.astype(int) - expected).max() < 40


def test_jpeg_keeps_colour_channels_in_place():
    frame = np.zeros((64, 64, 4), dtype=np.uint8)
    frame[:, :, 0], frame[:, :, 1], frame[:, :, 2] = 40, 120, 200  # B, G, R
    tile = encode_tile(frame, TileRect(0, 0, 64, 64, Encoding.JPEG))
    rgb = simplejpeg.decode_jpeg(tile.data, colorspace="RGB")
    assert np.abs(rgb.astype(int) - [200, 120, 40]).max() <= 3


def test_text_costs_far_less_lossless_than_as_jpeg():
    frame = np.full((64, 512, 4), 255, dtype=np.uint8)
    for row in range(4, 60, 9):
        frame[row : row + 5, 8:500:3, :3] = 0  # dark glyph-like stripes
    lossless = encode_tile(frame, TileRect(0, 0, 512, 64, Encoding.ZLIB_RGB))
    jpeg = encode_tile(frame, TileRect(0, 0, 512, 64, Encoding.JPEG))
    assert len(lossless.data) * 5 < len(jpeg.data)


def test_a_rectangle_outside_the_frame_is_refused():
    with pytest.raises(ValueError, match="inside"):
        encode_tile(_photo(), TileRect(100, 0, 64, 64, Encoding.JPEG))
