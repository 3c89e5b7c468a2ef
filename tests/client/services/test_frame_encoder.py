"""The frame encoder sends a keyframe first, then only what changed, nothing for an unchanged
picture, and a keyframe again for another monitor or after a reset; JPEG tiles that keep still
are sent again losslessly, a bounded number at a time."""

import numpy as np

from client.platform.capture.base import CapturedImage, MonitorGeometry
from client.services.frame_encoder import REFINE_AFTER_MS, REFINE_TILES_PER_FRAME, FrameEncoder
from protocol import decode_frame
from protocol.frames import FLAG_KEYFRAME, Encoding, Frame
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


def _photo(height: int, width: int, seed: int = 1) -> np.ndarray:
    """Photo-like BGRA pixels: every tile has far more colours than text, so it goes as JPEG."""
    rng = np.random.default_rng(seed)
    pixels = rng.integers(0, 256, size=(height, width, 4), dtype=np.uint8)
    pixels[:, :, 3] = 255
    return pixels


def _encodings(frame: Frame) -> set[Encoding]:
    return {tile.encoding for tile in frame.tiles}


def test_a_jpeg_tile_that_keeps_still_is_sent_again_losslessly_once():
    encoder = FrameEncoder()
    pixels = _screen()
    pixels[0:64, 64:128] = _photo(64, 64)
    image = _image(pixels)
    keyframe = _decoded(encoder.encode(image, MONITOR, 1, keyframe=False, captured_ms=1000))
    assert Encoding.JPEG in _encodings(keyframe)
    assert encoder.encode(image, MONITOR, 2, keyframe=False, captured_ms=1000 + REFINE_AFTER_MS - 1) is None
    refined = _decoded(encoder.refine(MONITOR, 2, captured_ms=1000 + REFINE_AFTER_MS))
    assert [(t.x, t.y, t.width, t.height) for t in refined.tiles] == [(64, 0, 64, 64)]
    assert Encoding.JPEG not in _encodings(refined) and not refined.flags & FLAG_KEYFRAME
    canvas = Canvas(0, 128, 64)
    assert canvas.paint(keyframe) and canvas.paint(refined)
    assert np.array_equal(canvas.pixels, pixels[:, :, 2::-1]), "pixel for pixel after refinement"
    assert encoder.refine(MONITOR, 3, captured_ms=5000) is None
    assert encoder.encode(image, MONITOR, 3, keyframe=False, captured_ms=5000) is None


def test_a_tile_that_keeps_changing_is_not_refined_and_refinement_rides_along_with_changes():
    encoder = FrameEncoder()
    pixels = _screen()
    pixels[:, :] = _photo(64, 128)
    encoder.encode(_image(pixels), MONITOR, 1, keyframe=False, captured_ms=0)
    pixels[0:64, 0:64] = _photo(64, 64, seed=2)  # the left tile changes, the right keeps still
    changed = _decoded(
        encoder.encode(_image(pixels), MONITOR, 2, keyframe=False, captured_ms=REFINE_AFTER_MS)
    )
    by_place = {(t.x, t.y): t.encoding for t in changed.tiles}
    assert by_place[(0, 0)] is Encoding.JPEG and by_place[(64, 0)] is not Encoding.JPEG
    assert encoder.refine(MONITOR, 3, captured_ms=REFINE_AFTER_MS + 1) is None


def test_a_screenful_of_photo_is_refined_a_bounded_number_of_tiles_at_a_time():
    monitor = MonitorGeometry(id=0, x=0, y=0, width=1024, height=512, scale=1.0, primary=True)
    encoder = FrameEncoder()
    image = _image(_photo(512, 1024))
    keyframe = _decoded(encoder.encode(image, monitor, 1, keyframe=False, captured_ms=0))
    canvas = Canvas(0, 1024, 512)
    assert canvas.paint(keyframe)
    seq, refined_tiles = 2, 0
    while (data := encoder.refine(monitor, seq, captured_ms=REFINE_AFTER_MS)) is not None:
        frame = _decoded(data)
        tiles = sum(t.width * t.height for t in frame.tiles) // (64 * 64)
        assert tiles <= REFINE_TILES_PER_FRAME
        assert canvas.paint(frame)
        refined_tiles, seq = refined_tiles + tiles, seq + 1
    assert refined_tiles == (1024 // 64) * (512 // 64)
    assert np.array_equal(canvas.pixels, image.pixels[:, :, 2::-1])


WIDE = MonitorGeometry(id=0, x=0, y=0, width=640, height=400, scale=1.0, primary=True)


def _scrolling_desktop(photo_in_terminal: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """A terminal of text over a busy wallpaper, before and after scrolling up 24 rows."""
    from tests.client.core.test_scroll import TERMINAL, desktop, scrolled

    before = desktop()
    if photo_in_terminal:
        before[TERMINAL][100:164, 64:128] = _photo(64, 64)
    return before, scrolled(before, 24)


def test_a_scroll_goes_out_as_one_copy_first_and_the_canvas_ends_up_exact():
    encoder = FrameEncoder()
    before, after = _scrolling_desktop()
    canvas = Canvas(0, WIDE.width, WIDE.height)
    keyframe = _decoded(encoder.encode(_image(before), WIDE, 1, keyframe=False, captured_ms=1000))
    canvas.paint(keyframe)
    delta = _decoded(encoder.encode(_image(after), WIDE, 2, keyframe=False, captured_ms=1050))
    assert Encoding.COPY not in _encodings(keyframe)
    assert delta.tiles[0].encoding is Encoding.COPY
    assert [tile.encoding for tile in delta.tiles].count(Encoding.COPY) == 1
    canvas.paint(delta)
    exact = np.ones(canvas.pixels.shape[:2], np.bool_)
    for tile in keyframe.tiles:
        if tile.encoding is Encoding.JPEG:  # the wallpaper's lossy tiles, not copied from
            exact[tile.y : tile.y + tile.height, tile.x : tile.x + tile.width] = False
    assert np.array_equal(canvas.pixels[exact], after[:, :, 2::-1][exact])


def test_a_copy_never_reads_from_a_tile_the_receiver_holds_only_as_jpeg():
    encoder = FrameEncoder()
    before, after = _scrolling_desktop(photo_in_terminal=True)
    encoder.encode(_image(before), WIDE, 1, keyframe=False, captured_ms=1000)
    delta = _decoded(encoder.encode(_image(after), WIDE, 2, keyframe=False, captured_ms=1050))
    for tile in delta.tiles:
        if tile.encoding is Encoding.COPY:
            (src_x, src_y) = (int.from_bytes(tile.data[:2], "big"), int.from_bytes(tile.data[2:], "big"))
            photo_rows = range(40 + 100, 40 + 164)
            photo_columns = range(100 + 64, 100 + 128)
            rows = range(src_y, src_y + tile.height)
            columns = range(src_x, src_x + tile.width)
            overlaps = max(rows.start, photo_rows.start) < min(rows.stop, photo_rows.stop) and max(
                columns.start, photo_columns.start
            ) < min(columns.stop, photo_columns.stop)
            assert not overlaps
