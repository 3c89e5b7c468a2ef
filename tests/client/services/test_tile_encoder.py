"""Encoded tiles decode back to the captured pixels: exactly when lossless, closely as JPEG.

Decoded with the server's decoder (the Python side of the codec the console also implements)."""

import zlib

import numpy as np
import pytest
import simplejpeg

from client.core.tiles import TileRect, plan_tiles
from client.services.tile_encoder import TileStream, encode_tile
from protocol.frames import Encoding
from server.recording.screen import BadTile, TileStreamInflater, decode_tile


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


def _text(height=64, width=64 * 3):
    """White with dark and red glyph-like stripes: three colours per tile."""
    frame = np.full((height, width, 4), 255, dtype=np.uint8)
    for row in range(4, height - 4, 9):
        frame[row : row + 5, 8 : width - 8 : 3, :3] = 0
        frame[row + 2, 9 : width - 8 : 7, :3] = (0, 0, 200)  # B G R: red
    return frame


def _palette_rects(frame, previous=None):
    return [r for r in plan_tiles(previous, frame) if r.encoding in (Encoding.SOLID, Encoding.PALETTE)]


def test_palette_tiles_continue_one_stream_and_decode_exactly_in_order():
    first, second = _text(), _text()
    second[20:30, :, :3] = (0, 0, 200)
    stream, inflater = TileStream(), TileStreamInflater()
    for frame, previous in ((first, None), (second, first)):
        for rect in _palette_rects(frame, previous):
            tile = encode_tile(frame, rect, stream)
            region = frame[rect.y : rect.y + rect.height, rect.x : rect.x + rect.width, 2::-1]
            assert np.array_equal(decode_tile(tile, inflater), region)


def test_a_continued_chunk_needs_the_history_a_restart_drops():
    frame = _text()
    stream = TileStream()
    rects = _palette_rects(frame)
    for rect in rects:
        encode_tile(frame, rect, stream)
    continued = encode_tile(frame, rects[0], stream)
    with pytest.raises(BadTile):
        decode_tile(continued, TileStreamInflater())
    stream.restart()
    fresh = encode_tile(frame, rects[0], stream)
    assert np.array_equal(decode_tile(fresh, TileStreamInflater()), frame[0:64, 0:64, 2::-1])


def test_a_solid_tile_is_its_colour_and_a_palette_tile_needs_the_stream():
    frame = np.zeros((64, 64, 4), dtype=np.uint8)
    frame[:, :, :3] = (40, 120, 200)
    (rect,) = plan_tiles(None, frame)
    assert encode_tile(frame, rect).data == bytes((200, 120, 40))
    (palette,) = _palette_rects(_text(64, 64))
    with pytest.raises(ValueError, match="stream"):
        encode_tile(_text(64, 64), palette)


def _glyphs(height=64, width=512):
    """Lines of 26 random 7 x 12 dark bitmaps on white, reused like letters."""
    rng = np.random.default_rng(1)
    letters = rng.random((26, 12, 7)) < 0.35
    frame = np.full((height, width, 4), 255, dtype=np.uint8)
    for top in range(2, height - 12, 16):
        for left in range(0, width - 8, 8):
            frame[top : top + 12, left : left + 7, :3][letters[rng.integers(26)]] = 32
    return frame


def test_text_as_palette_tiles_costs_under_half_of_zlib_rgb():
    frame = _glyphs()
    stream = TileStream()
    palette = sum(len(encode_tile(frame, r, stream).data) for r in _palette_rects(frame))
    rgb = len(encode_tile(frame, TileRect(0, 0, 512, 64, Encoding.ZLIB_RGB)).data)
    assert palette * 2 < rgb
