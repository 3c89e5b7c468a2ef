"""The frame encoder sends a keyframe first, then only what changed, nothing for an unchanged
picture, and a keyframe again for another monitor or after a reset."""

import numpy as np

from client.platform.capture.base import CapturedImage, MonitorGeometry
from client.services.frame_encoder import FrameEncoder
from protocol import decode_frame
from protocol.frames import FLAG_KEYFRAME, Frame
from server.recording.screen import Canvas

MONITOR = MonitorGeometry(id=0, x=0, y=0, width=128, height=64, scale=1.0, primary=True)
OTHER = MonitorGeometry(id=1, x=128, y=0, width=128, height=64, scale=1.0, primary=False)


def _image(pixels: np.ndarray) -> CapturedImage:
    return CapturedImage(pixels.shape[1], pixels.shape[0], pixels.tobytes())


def _decoded(data: bytes | None) -> Frame:
    assert data is not None
    return decode_frame(data)


def _screen() -> np.ndarray:
    pixels = np.full((64, 128, 4), 255, dtype=np.uint8)
    pixels[10:20, 5:60, :3] = (30, 40, 50)
    return pixels


def test_a_keyframe_then_only_the_changed_tiles_then_nothing_for_the_same_picture():
    encoder = FrameEncoder()
    first, second = _screen(), _screen()
    second[40:44, 100:110, :3] = 0
    keyframe = _decoded(encoder.encode(_image(first), MONITOR, 1, keyframe=False, captured_ms=7))
    delta = _decoded(encoder.encode(_image(second), MONITOR, 2, keyframe=False, captured_ms=8))
    assert keyframe.flags & FLAG_KEYFRAME and not delta.flags & FLAG_KEYFRAME
    assert (delta.seq, delta.captured_ms) == (2, 8)
    assert [(tile.x, tile.y) for tile in delta.tiles] == [(64, 0)]
    canvas = Canvas(0, 128, 64)
    assert canvas.paint(keyframe) and canvas.paint(delta)
    assert np.array_equal(canvas.pixels, second[:, :, 2::-1])
    assert encoder.encode(_image(second), MONITOR, 3, keyframe=False, captured_ms=9) is None


def test_another_monitor_a_request_or_a_reset_starts_with_a_keyframe():
    encoder = FrameEncoder()
    image = _image(_screen())
    assert encoder.encode(image, MONITOR, 1, keyframe=False, captured_ms=0) is not None
    other = _decoded(encoder.encode(image, OTHER, 2, keyframe=False, captured_ms=0))
    assert other.flags & FLAG_KEYFRAME and (other.monitor, other.monitor_x) == (1, 128)
    asked = _decoded(encoder.encode(image, OTHER, 3, keyframe=True, captured_ms=0))
    assert asked.flags & FLAG_KEYFRAME
    encoder.reset()
    assert not encoder.has_base
    again = _decoded(encoder.encode(image, OTHER, 4, keyframe=False, captured_ms=0))
    assert again.flags & FLAG_KEYFRAME and encoder.has_base
