"""Palettes are exact: every colour of a tile in first-seen order, indices packed as PALETTE sends them."""

import numpy as np
import pytest

from client.core.palette import find_palettes, pack_indices


def _words(rgb):
    """H x W x 3 RGB as the B G R A words the capture delivers (alpha 255)."""
    bgra = np.concatenate([rgb[:, :, ::-1], np.full((*rgb.shape[:2], 1), 255, np.uint8)], axis=2)
    return np.ascontiguousarray(bgra).view("<u4")[:, :, 0]


def _unpack(packed, width, height, bits):
    rows = np.frombuffer(packed, np.uint8).reshape(height, -1)
    fields = np.unpackbits(rows, axis=1).reshape(height, -1, bits)
    return (fields @ (1 << np.arange(bits - 1, -1, -1))).astype(np.uint8)[:, :width]


@pytest.mark.parametrize(("colours", "bits"), [(2, 1), (3, 2), (4, 2), (5, 4), (16, 4)])
def test_a_tile_of_n_colours_round_trips_through_its_palette(colours, bits):
    rng = np.random.default_rng(colours)
    table = rng.permutation(256)[: colours * 3].reshape(colours, 3).astype(np.uint8)
    indices = np.arange(13 * 7).reshape(13, 7) % colours
    rng.shuffle(indices.reshape(-1))
    rgb = table[indices]
    (palette,) = find_palettes(_words(rgb)[None])
    assert palette is not None and palette.count == colours
    found = np.frombuffer(palette.colours, np.uint8).reshape(colours, 3)
    unpacked = _unpack(palette.packed, 7, 13, bits)
    assert len(palette.packed) == 13 * -(-7 * bits // 8)  # rows padded to whole bytes
    assert (found[unpacked] == rgb).all()
    assert unpacked.reshape(-1)[0] == 0, "colours are numbered in the order they are first seen"


def test_a_one_colour_tile_has_no_indices_and_seventeen_colours_have_no_palette():
    solid = np.full((4, 4, 3), 9, np.uint8)
    many = np.arange(17 * 3, dtype=np.uint8).reshape(1, 17, 3)
    one, none = find_palettes(_words(solid)[None]), find_palettes(_words(many)[None])
    assert one[0] is not None and one[0].colours == bytes((9, 9, 9)) and one[0].packed == b""
    assert none == [None]


def test_tiles_peeled_together_keep_their_own_palettes():
    first = np.zeros((2, 2, 3), np.uint8)
    first[0, 0] = (255, 0, 0)
    second = np.full((2, 2, 3), 7, np.uint8)
    stack = np.stack([_words(first), _words(second)])
    a, b = find_palettes(stack)
    assert a is not None and a.colours == bytes((255, 0, 0, 0, 0, 0))
    assert b is not None and b.colours == bytes((7, 7, 7))


def test_indices_are_packed_high_bits_first_and_rows_padded_with_zeros():
    indices = np.array([[[1, 0, 1]], [[3, 2, 1]]], np.uint8)
    assert pack_indices(indices[:1], 1).tobytes() == bytes([0b10100000])
    assert pack_indices(indices[1:], 2).tobytes() == bytes([0b11100100])
