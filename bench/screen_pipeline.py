"""Per-frame costs of the screen-share pipeline at the display's size: grab, diff, plan + encode.

Grabs come from the real display through the mss backend; the text-like and photo-like changes are
drawn into copies of a grab in memory, so every round does the same work. Run it on an X server,
e.g. `xvfb-run -s "-screen 0 1920x1080x24" .venv/bin/python -m bench.screen_pipeline`. The last
line is machine-readable: `screen_pipeline_ms grab=... diff=... encode_text=... encode_photo=...`,
medians in milliseconds:

- grab: one mss grab of the primary monitor;
- diff: an unchanged screen, as the service sees it (one buffer comparison, nothing sent);
- encode_text: a text-like change (an 800x300 area of glyph-like text): diff, plan, encode;
- encode_photo: a photo-like change of the whole monitor: diff, plan, encode.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import numpy as np

from client.core.tiles import Pixels, plan_tiles
from client.platform.capture.mss_backend import MssScreenCapture
from client.services.tile_encoder import TileStream, encode_tile

ROUNDS = 30


def _median_ms(work: Callable[[], object], rounds: int = ROUNDS) -> float:
    work()
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _with_text(frame: Pixels) -> Pixels:
    """Lines of dark 8x12 glyphs (26 random bitmaps, reused like letters) on white."""
    changed = frame.copy()
    rng = np.random.default_rng(1)
    glyphs = rng.random((26, 12, 7)) < 0.35
    area = changed[100:400, 100:900]
    area[:] = (255, 255, 255, 0)
    for top in range(4, 300 - 12, 18):
        for left, letter in zip(range(0, 800 - 8, 8), rng.integers(0, 26, 100), strict=False):
            cell = area[top : top + 12, left : left + 7]
            cell[glyphs[letter]] = (32, 32, 32, 0)
    return changed


def _with_photo(frame: Pixels) -> Pixels:
    height, width = frame.shape[:2]
    y, x = np.mgrid[0:height, 0:width]
    rng = np.random.default_rng(2)
    photo = np.zeros_like(frame)
    photo[:, :, 0] = (x * 255 // width).astype(np.uint8)
    photo[:, :, 1] = (y * 255 // height).astype(np.uint8)
    photo[:, :, 2] = ((np.sin(x / 37.0) + np.cos(y / 23.0)) * 60 + 128).astype(np.uint8)
    noise = rng.integers(-6, 7, (height, width, 3))
    photo[:, :, :3] = np.clip(photo[:, :, :3].astype(np.int16) + noise, 0, 255).astype(np.uint8)
    return photo


def _encode(previous: Pixels, current: Pixels) -> int:
    """Diff, plan and encode as the service's worker does (a fresh tile stream, as after a
    keyframe); returns the encoded bytes."""
    stream = TileStream()
    return sum(len(encode_tile(current, rect, stream).data) for rect in plan_tiles(previous, current))


def main() -> None:
    capture = MssScreenCapture()
    try:
        monitor = next(m for m in capture.monitors() if m.primary)
        grab_ms = _median_ms(lambda: capture.grab(monitor.id))
        first, second = capture.grab(monitor.id), capture.grab(monitor.id)
    finally:
        capture.close()
    base = first.pixels.copy()
    text, photo = _with_text(base), _with_photo(base)
    diff_ms = _median_ms(lambda: first.data == second.data)
    text_ms = _median_ms(lambda: _encode(base, text))
    photo_ms = _median_ms(lambda: _encode(base, photo))
    print(f"monitor {monitor.width}x{monitor.height}, unchanged between grabs: {first.data == second.data}")
    print(f"text-like change: {len(plan_tiles(base, text))} tiles, {_encode(base, text)} bytes")
    print(f"photo-like change: {len(plan_tiles(base, photo))} tiles, {_encode(base, photo)} bytes")
    print(
        f"screen_pipeline_ms grab={grab_ms:.2f} diff={diff_ms:.2f} "
        f"encode_text={text_ms:.2f} encode_photo={photo_ms:.2f}"
    )


if __name__ == "__main__":
    main()
