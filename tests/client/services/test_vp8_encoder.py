"""The libvpx encoder gives VP8 frames that libvpx decodes back to the picture, at the asked bit rate."""

import ctypes
from collections.abc import Iterator

import numpy as np
import pytest

from client.core.yuv import bgra_to_i420
from client.services.vp8_encoder import Vp8Encoder
from protocol.libvpx import Vp8Decoder, VpxError, i420_to_rgb, load_libvpx
from protocol.video import Vp8Chunk, pack_vp8, parse_vp8


@pytest.fixture(scope="module")
def libvpx() -> ctypes.CDLL:
    library = load_libvpx()
    assert library is not None, "scripts/setup.sh installs libvpx7"
    return library


@pytest.fixture
def decoder(libvpx: ctypes.CDLL) -> Iterator[Vp8Decoder]:
    decoder = Vp8Decoder(libvpx)
    yield decoder
    decoder.close()


def _encoder(
    libvpx: ctypes.CDLL, request: pytest.FixtureRequest, width: int, height: int, kbit: int
) -> Vp8Encoder:
    encoder = Vp8Encoder(libvpx, width, height, kbit_per_s=kbit)
    request.addfinalizer(encoder.close)
    return encoder


def _scene(step: int, height: int = 144, width: int = 256) -> np.ndarray:
    """A smooth picture sliding right by 4 pixels a step."""
    y, x = np.mgrid[0:height, 0:width]
    x = x - 4 * step
    pixels = np.empty((height, width, 4), np.uint8)
    pixels[:, :, 0] = (np.sin(x / 9.0) * 100 + 128).astype(np.uint8)
    pixels[:, :, 1] = (y * 255 // height).astype(np.uint8)
    pixels[:, :, 2] = (np.cos(x / 13.0) * 90 + 128).astype(np.uint8)
    pixels[:, :, 3] = 255
    return pixels


def test_frames_decode_back_to_the_picture_first_one_key(libvpx, decoder, request):
    encoder = _encoder(libvpx, request, 256, 144, 2000)
    keys = []
    for step in range(10):
        scene = _scene(step)
        frame, key = encoder.encode(bgra_to_i420(scene), step * 33, 33, key=False)
        keys.append(key)
        chunk = parse_vp8(pack_vp8(Vp8Chunk(key, 256, 144, frame)), 256, 144)
        rgb = i420_to_rgb(*decoder.decode(chunk.frame))
        assert rgb.shape == (144, 256, 3)
        assert np.abs(rgb.astype(int) - scene[:, :, 2::-1].astype(int)).mean() < 6
    assert keys == [True] + [False] * 9


def test_a_key_frame_comes_when_asked_for(libvpx, request):
    encoder = _encoder(libvpx, request, 64, 64, 500)
    kinds = [encoder.encode(bgra_to_i420(_scene(i, 64, 64)), i * 33, 33, key=i == 3)[1] for i in range(5)]
    assert kinds == [True, False, False, True, False]


def test_the_bit_rate_holds_for_moving_content(libvpx, request):
    encoder = _encoder(libvpx, request, 256, 144, 300)
    sizes = [len(encoder.encode(bgra_to_i420(_scene(i)), i * 33, 33, key=False)[0]) for i in range(60)]
    kbit_per_s = sum(sizes[10:]) * 8 / (50 / 30) / 1000
    assert kbit_per_s < 300 * 1.5


def test_a_delta_frame_without_its_key_frame_does_not_decode(libvpx, decoder, request):
    encoder = _encoder(libvpx, request, 64, 64, 500)
    encoder.encode(bgra_to_i420(_scene(0, 64, 64)), 0, 33, key=False)
    delta, _ = encoder.encode(bgra_to_i420(_scene(1, 64, 64)), 33, 33, key=False)
    with pytest.raises(VpxError):
        decoder.decode(delta)


def test_a_picture_of_another_size_is_refused(libvpx, request):
    encoder = _encoder(libvpx, request, 64, 64, 500)
    with pytest.raises(ValueError):
        encoder.encode(bgra_to_i420(_scene(0, 32, 64)), 0, 33, key=True)


def test_a_closed_encoder_refuses_pictures(libvpx):
    encoder = Vp8Encoder(libvpx, 64, 64, kbit_per_s=500)
    encoder.close()
    encoder.close()
    with pytest.raises(VpxError):
        encoder.encode(bgra_to_i420(_scene(0, 64, 64)), 0, 33, key=True)
