"""The deferred canvas shows, whenever it is read, exactly what painting every tile at once shows:
through scrolls (COPY), JPEG, PALETTE and VP8 video, keyframes and lost frames; a tile covered
before it was needed is never decoded, and what waits stays bounded."""

import random
import zlib

import numpy as np
import pytest

from client.core.motion import MOTION_AFTER_S
from client.platform.capture.base import CapturedImage, MonitorGeometry
from client.services.frame_encoder import FrameEncoder
from client.services.motion_path import MotionPath
from protocol import Encoding, Frame, Tile, decode_frame
from protocol.libvpx import load_libvpx
from server.recording import deferred_canvas
from server.recording.deferred_canvas import DeferredCanvas
from server.recording.screen import BadTile, Canvas

from .pictures import jpeg_tile, keyframe, palette_tiles, solid, wire

W, H = 512, 320
TEXT_ROWS = 128
MONITOR = MonitorGeometry(id=0, x=0, y=0, width=W, height=H, scale=1.0, primary=True)


def _desktop(step: int) -> np.ndarray:
    """B G R A: a photo sliding right at the top, text lines scrolling up below it."""
    y, x = np.mgrid[0:H, 0:W]
    picture = np.zeros((H, W, 4), np.uint8)
    shifted = x + 8 * step
    picture[:, :, 0] = (shifted * 3 + y) % 256
    picture[:, :, 1] = (y * 2 + shifted // 2) % 256
    picture[:, :, 2] = (128 + 100 * np.sin(shifted / 9.0) * np.cos(y / 7.0)).astype(np.uint8)
    rng = np.random.default_rng(5)
    lines = rng.random((200, 6, W)) < 0.3  # 200 text lines, 6 rows of glyphs + 4 blank each
    text = np.zeros((200, 10, W), np.bool_)
    text[:, :6] = lines
    rows = text.reshape(-1, W)[2 * step : 2 * step + TEXT_ROWS]
    picture[H - TEXT_ROWS :, :, :3] = np.where(rows[:, :, None], 20, 235).astype(np.uint8)
    picture[:, :, 3] = 255
    return picture


def _frames(steps: int, *, keyframe_at: tuple[int, ...] = ()) -> list[Frame]:
    """What the real client's frame encoder sends for `steps` captures, 30 a second."""
    library = load_libvpx()
    assert library is not None, "scripts/setup.sh installs libvpx7"
    path = MotionPath(library)
    encoder = FrameEncoder(path)
    frames: list[Frame] = []
    for step in range(steps):
        image = CapturedImage(W, H, _desktop(step).tobytes())
        data = encoder.encode(
            image, MONITOR, len(frames) + 1, keyframe=step in keyframe_at, captured_ms=1000 + step * 33
        )
        if data is not None:
            frames.append(decode_frame(data))
    path.close()
    return frames


def _encodings(frames: list[Frame]) -> set[Encoding]:
    return {tile.encoding for frame in frames for tile in frame.tiles}


@pytest.fixture(scope="module")
def stream() -> list[Frame]:
    frames = _frames(int(MOTION_AFTER_S * 30) + 30, keyframe_at=(20,))
    assert {Encoding.COPY, Encoding.PALETTE, Encoding.VP8, Encoding.JPEG} <= _encodings(frames)
    return frames


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_read_at_any_moment_it_shows_what_eager_painting_shows(stream, seed):
    rng = random.Random(seed)
    eager, deferred = Canvas(0, W, H), DeferredCanvas(0, W, H)
    for frame in stream:
        assert eager.paint(frame) == deferred.paint(frame)
        if rng.random() < 0.15:
            assert np.array_equal(deferred.pixels, eager.pixels)
    assert np.array_equal(deferred.pixels, eager.pixels)
    assert deferred.complete == eager.complete


def test_after_lost_frames_it_waits_for_the_keyframe_like_eager_painting(stream):
    eager, deferred = Canvas(0, W, H), DeferredCanvas(0, W, H)
    for index, frame in enumerate(stream):
        if index in (8, 9):  # lost on the way: a gap in seq
            continue
        assert eager.paint(frame) == deferred.paint(frame)
        assert deferred.complete == eager.complete
    assert np.array_equal(deferred.pixels, eager.pixels)


def _corrupt_jpeg(x: int, y: int) -> Tile:
    tile = jpeg_tile(x, y, solid((10, 200, 30), 32, 32))
    scan = tile.data.find(b"\xff\xda")
    broken = tile.data[: scan + 20]  # the header intact, the picture cut short
    return Tile(tile.x, tile.y, tile.width, tile.height, tile.encoding, broken)


def test_a_tile_covered_before_it_was_read_is_never_decoded():
    canvas = DeferredCanvas(0, 100, 80)
    canvas.paint(keyframe(1, solid((1, 2, 3))))
    canvas.paint(wire(2, [_corrupt_jpeg(10, 10)], keyframe=False))
    good = jpeg_tile(10, 10, solid((200, 40, 40), 32, 32))
    canvas.paint(wire(3, [good], keyframe=False))
    pixels = canvas.pixels  # the broken JPEG was covered: nothing to refuse
    assert canvas.complete
    assert np.abs(pixels[10:42, 10:42].astype(int) - (200, 40, 40)).max() <= 3


def test_a_bad_tile_found_when_read_leaves_the_picture_incomplete_until_a_keyframe():
    canvas = DeferredCanvas(0, 100, 80)
    canvas.paint(keyframe(1, solid((1, 2, 3))))
    canvas.paint(wire(2, [_corrupt_jpeg(10, 10)], keyframe=False))
    with pytest.raises(BadTile):
        _ = canvas.pixels
    states = [canvas.complete]
    assert not canvas.paint(wire(3, [jpeg_tile(0, 0, solid((9, 9, 9), 32, 32))], keyframe=False))
    assert canvas.paint(keyframe(4, solid((7, 7, 7))))
    states.append(canvas.complete)
    assert states == [False, True]
    assert (canvas.pixels == 7).all()


def test_a_jpeg_of_the_wrong_size_is_refused_on_arrival():
    canvas = DeferredCanvas(0, 100, 80)
    canvas.paint(keyframe(1, solid((1, 2, 3))))
    wrong = jpeg_tile(0, 0, solid((5, 5, 5), 16, 16))
    with pytest.raises(BadTile):
        canvas.paint(wire(2, [Tile(0, 0, 32, 16, Encoding.JPEG, wrong.data)], keyframe=False))
    assert not canvas.complete


def test_what_waits_is_painted_once_it_holds_too_much(monkeypatch):
    monkeypatch.setattr(deferred_canvas, "MAX_WAITING_TILES", 10)
    canvas = DeferredCanvas(0, 100, 80)
    eager = Canvas(0, 100, 80)
    rng = np.random.default_rng(3)
    frames = [keyframe(1, solid((1, 2, 3)))]
    compressor = zlib.compressobj()
    for seq in range(2, 40):
        x, y = int(rng.integers(0, 90)), int(rng.integers(0, 70))
        colours = rng.integers(0, 256, (4, 3))
        indices = rng.integers(0, 4, (8, 8))
        frames.append(wire(seq, palette_tiles([(x, y, colours, indices)], compressor), keyframe=False))
    for frame in frames:
        canvas.paint(frame)
        eager.paint(frame)
        assert len(canvas._waiting) <= 10
    assert np.array_equal(canvas.pixels, eager.pixels)


def test_a_rectangle_painted_again_goes_over_what_was_painted_in_between():
    canvas, eager = DeferredCanvas(0, 100, 80), Canvas(0, 100, 80)
    frames = [
        keyframe(1, solid((1, 2, 3))),
        wire(2, [jpeg_tile(0, 0, solid((200, 0, 0), 40, 40))], keyframe=False),
        wire(3, [jpeg_tile(20, 20, solid((0, 200, 0), 40, 40))], keyframe=False),
        wire(4, [jpeg_tile(0, 0, solid((0, 0, 200), 40, 40))], keyframe=False),
    ]
    for frame in frames:
        canvas.paint(frame)
        eager.paint(frame)
    assert np.array_equal(canvas.pixels, eager.pixels)
    assert canvas.pixels[30, 30, 2] > 150  # the last tile is on top where the two overlap
