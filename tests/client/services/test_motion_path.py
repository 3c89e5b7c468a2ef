"""Moving regions go out as one VP8 tile after a second of motion, and back as exact tiles once still."""

import numpy as np
import pytest

from client.core.motion import MOTION_AFTER_S, STILL_AFTER_S
from client.core.tiles import plan_tiles
from client.services.motion_path import MotionPath
from client.services.tile_encoder import TileStream, encode_tile
from protocol.frames import FLAG_KEYFRAME, Encoding, Frame, decode_frame, encode_frame
from protocol.libvpx import load_libvpx
from server.recording.screen import Canvas

HEIGHT, WIDTH = 360, 640
STEP_S = 1 / 30


def _bars(step: int) -> np.ndarray:
    """Eight flat colours in vertical bars, sliding right 8 pixels a step: lossless as tiles."""
    x = (np.arange(WIDTH) + 8 * step) // 24 % 8
    colours = np.array([[30 * i, 255 - 30 * i, (70 * i) % 256, 255] for i in range(8)], np.uint8)
    return np.ascontiguousarray(np.broadcast_to(colours[x], (HEIGHT, WIDTH, 4)))


class Sender:
    """Frames as the screen share builds them: tiles first, then the motion path's VP8 tile."""

    def __init__(self, path: MotionPath) -> None:
        self.path = path
        self.stream = TileStream()
        self.previous: np.ndarray | None = None
        self.seq = 0

    def send(self, current: np.ndarray, now: float, keyframe: bool = False) -> Frame:
        previous = None if keyframe else self.previous
        rects = self.path.plan(previous, current, plan_tiles(previous, current), now)
        if previous is None:
            self.stream.restart()
        tiles = [encode_tile(current, rect, self.stream) for rect in rects]
        video = self.path.video_tile(current, int(now * 1000), keyframe=previous is None)
        self.seq += 1
        self.previous = current
        frame = Frame(
            self.seq, int(now * 1000), 0, 0, 0, WIDTH, HEIGHT, FLAG_KEYFRAME if previous is None else 0,
            (*tiles, *([video] if video else [])),
        )  # fmt: skip
        return decode_frame(encode_frame(frame))


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
    frames = [sender.send(_bars(step), now, keyframe=True)]
    while now < MOTION_AFTER_S + 0.5:
        step, now = step + 1, now + STEP_S
        frames.append(sender.send(_bars(step), now))
    assert Encoding.VP8 not in _encodings(frames[1])
    assert _encodings(frames[-1]) == [Encoding.VP8]
    first_video = next(f for f in frames if Encoding.VP8 in _encodings(f))
    assert first_video.tiles[-1].data[0] == 1  # the stream starts with a key chunk
    for frame in frames:
        assert canvas.paint(frame)
    moving = _bars(step)[:, :, 2::-1].astype(int)
    assert np.abs(canvas.pixels.astype(int) - moving).mean() < 12  # approximate while it moves

    still = _bars(step)
    stopped = now
    while sender.path.active:
        now += STEP_S
        frame = sender.send(still, now)
        assert canvas.paint(frame)
        assert Encoding.VP8 not in _encodings(frame), "nothing moves: no video"
    assert now - stopped <= STILL_AFTER_S + 2 * STEP_S
    assert frame.tiles, "the ended region is sent again as tiles"
    assert (canvas.pixels == still[:, :, 2::-1]).all()


def test_a_keyframe_during_motion_restarts_the_video_with_a_key_chunk(sender):
    step, now = 0, 0.0
    sender.send(_bars(0), now, keyframe=True)
    while now < MOTION_AFTER_S + 0.3:
        step, now = step + 1, now + STEP_S
        sender.send(_bars(step), now)
    keyframe = sender.send(_bars(step + 1), now + STEP_S, keyframe=True)
    assert keyframe.keyframe and keyframe.tiles[-1].encoding is Encoding.VP8
    assert keyframe.tiles[-1].data[0] == 1
    canvas = Canvas(0, WIDTH, HEIGHT)
    assert canvas.paint(keyframe) and canvas.paint(sender.send(_bars(step + 2), now + 2 * STEP_S))


def test_a_small_changing_corner_never_becomes_video(sender):
    picture = _bars(0)
    sender.send(picture, 0.0, keyframe=True)
    for i in range(1, 60):
        picture = picture.copy()
        picture[:64, :64, :3] = (i * 4, 0, 0)
        assert Encoding.VP8 not in _encodings(sender.send(picture, i * STEP_S))


def test_without_libvpx_the_plan_is_left_alone():
    path = MotionPath(None)
    rects = plan_tiles(None, _bars(0))
    assert path.plan(None, _bars(0), rects, 0.0) == rects
    assert path.video_tile(_bars(0), 0, keyframe=True) is None
