"""Frames of a moving photo-like region carry one VP8 tile after a second of motion, and exact tiles
again once still; text and flat content that move stay lossless tiles."""

import numpy as np
import pytest

from client.core.motion import MOTION_AFTER_S, STILL_AFTER_S
from client.core.scroll import find_scroll as real_find_scroll
from client.core.tiles import photo_tiles, plan_tiles, sampled_colours
from client.platform.capture.base import CapturedImage, MonitorGeometry
from client.services.frame_encoder import REFINE_AFTER_MS, FrameEncoder
from client.services.motion_path import MotionPath
from protocol.frames import Encoding, Frame, decode_frame
from protocol.libvpx import load_libvpx
from server.recording.screen import Canvas

HEIGHT, WIDTH = 360, 640
MONITOR = MonitorGeometry(id=0, x=0, y=0, width=WIDTH, height=HEIGHT, scale=1.0, primary=True)
STEP_S = 1 / 30


def _bars(step: int) -> np.ndarray:
    """Eight flat colours in vertical bars, sliding right 8 pixels a step: lossless as tiles."""
    x = (np.arange(WIDTH) + 8 * step) // 24 % 8
    colours = np.array([[30 * i, 255 - 30 * i, (70 * i) % 256, 255] for i in range(8)], np.uint8)
    return np.ascontiguousarray(np.broadcast_to(colours[x], (HEIGHT, WIDTH, 4)))


def _photo(step: int) -> np.ndarray:
    """A smooth picture of many colours (photo-like: JPEG as tiles), sliding right 8 pixels a step."""
    y, x = np.mgrid[0:HEIGHT, 0:WIDTH]
    x = x + 8 * step
    picture = np.empty((HEIGHT, WIDTH, 4), np.uint8)
    picture[:, :, 0] = (x * 3 + y) % 256
    picture[:, :, 1] = (y * 2 + x // 2) % 256
    picture[:, :, 2] = (128 + 100 * np.sin(x / 9.0) * np.cos(y / 7.0)).astype(np.uint8)
    picture[:, :, 3] = 255
    return picture


class Sender:
    """The frame encoder as the screen share drives it, one capture every `STEP_S`."""

    def __init__(self, path: MotionPath) -> None:
        self.path = path
        self.encoder = FrameEncoder(path)
        self.seq = 0

    def send(self, current: np.ndarray, now: float, keyframe: bool = False) -> Frame | None:
        """The frame sent for this capture; None when it changed nothing."""
        image = CapturedImage(WIDTH, HEIGHT, current.tobytes())
        data = self.encoder.encode(
            image, MONITOR, self.seq + 1, keyframe=keyframe, captured_ms=int(now * 1000)
        )
        if data is None:
            return None
        self.seq += 1
        return decode_frame(data)

    def sent(self, current: np.ndarray, now: float, keyframe: bool = False) -> Frame:
        frame = self.send(current, now, keyframe)
        assert frame is not None
        return frame


@pytest.fixture
def sender():
    library = load_libvpx()
    assert library is not None, "scripts/setup.sh installs libvpx7"
    path = MotionPath(library)
    yield Sender(path)
    path.close()


def _encodings(frame: Frame) -> list[Encoding]:
    return [tile.encoding for tile in frame.tiles]


def test_full_screen_motion_becomes_one_video_tile_and_ends_as_exact_tiles(sender):
    canvas = Canvas(0, WIDTH, HEIGHT)
    step, now = 0, 0.0
    frames = [sender.sent(_photo(step), now, keyframe=True)]
    while now < MOTION_AFTER_S + 0.5:
        step, now = step + 1, now + STEP_S
        frames.append(sender.sent(_photo(step), now))
    assert Encoding.VP8 not in _encodings(frames[1])
    assert _encodings(frames[-1]) == [Encoding.VP8]
    first_video = next(f for f in frames if Encoding.VP8 in _encodings(f))
    assert first_video.tiles[-1].data[0] == 1  # the stream starts with a key chunk
    for frame in frames:
        assert canvas.paint(frame)
    moving = _photo(step)[:, :, 2::-1].astype(int)
    assert np.abs(canvas.pixels.astype(int) - moving).mean() < 12  # approximate while it moves

    still = _photo(step)
    stopped = now
    while sender.path.active:
        now += STEP_S
        frame = sender.send(still, now)
        if frame is not None:
            assert canvas.paint(frame)
            assert Encoding.VP8 not in _encodings(frame), "nothing moves: no video"
    assert now - stopped <= STILL_AFTER_S + 2 * STEP_S
    assert frame is not None and frame.tiles, "the ended region is sent again as tiles"
    ended = now
    while now - ended < (REFINE_AFTER_MS + 200) / 1000:
        now += STEP_S
        frame = sender.send(still, now)
        if frame is not None:
            assert canvas.paint(frame)
    assert (canvas.pixels == still[:, :, 2::-1]).all(), "the JPEG tiles of the end are refined"


def test_scrolling_text_and_flat_content_stay_lossless_tiles(sender):
    canvas = Canvas(0, WIDTH, HEIGHT)
    step, now = 0, 0.0
    assert canvas.paint(sender.sent(_bars(step), now, keyframe=True))
    while now < 3 * MOTION_AFTER_S:
        step, now = step + 1, now + STEP_S
        frame = sender.sent(_bars(step), now)
        assert Encoding.VP8 not in _encodings(frame) and Encoding.JPEG not in _encodings(frame)
        assert canvas.paint(frame)
        assert (canvas.pixels == _bars(step)[:, :, 2::-1]).all()
    assert not sender.path.active


def test_a_keyframe_during_motion_restarts_the_video_with_a_key_chunk(sender):
    step, now = 0, 0.0
    sender.sent(_photo(0), now, keyframe=True)
    while now < MOTION_AFTER_S + 0.3:
        step, now = step + 1, now + STEP_S
        sender.sent(_photo(step), now)
    keyframe = sender.sent(_photo(step + 1), now + STEP_S, keyframe=True)
    assert keyframe.keyframe and keyframe.tiles[-1].encoding is Encoding.VP8
    assert keyframe.tiles[-1].data[0] == 1
    canvas = Canvas(0, WIDTH, HEIGHT)
    assert canvas.paint(keyframe) and canvas.paint(sender.sent(_photo(step + 2), now + 2 * STEP_S))


def test_a_small_changing_corner_never_becomes_video(sender):
    picture = _bars(0)
    sender.sent(picture, 0.0, keyframe=True)
    for i in range(1, 60):
        picture = picture.copy()
        picture[:64, :64, :3] = (i * 4, 0, 0)
        assert Encoding.VP8 not in _encodings(sender.sent(picture, i * STEP_S))


def test_without_libvpx_the_plan_is_left_alone():
    path = MotionPath(None)
    rects = plan_tiles(None, _bars(0))
    photo = photo_tiles(sampled_colours(_bars(0)))
    assert path.plan(None, _bars(0), rects, 0.0, photo) == rects
    assert path.video_tile(_bars(0), 0, keyframe=True) is None


def test_no_scroll_is_looked_for_under_the_video(sender, monkeypatch):
    searched: list[tuple[int, int]] = []

    def find_scroll(previous, current, band, span):
        searched.append(band)
        return real_find_scroll(previous, current, band, span)

    monkeypatch.setattr("client.services.frame_encoder.find_scroll", find_scroll)
    step, now = 0, 0.0
    sender.sent(_photo(step), now, keyframe=True)
    while not sender.path.active:
        step, now = step + 1, now + STEP_S
        sender.sent(_photo(step), now)
    assert searched, "before the video starts the moving picture is searched for a scroll"
    searched.clear()
    for _ in range(5):
        step, now = step + 1, now + STEP_S
        assert Encoding.VP8 in _encodings(sender.sent(_photo(step), now))
    assert searched == []
