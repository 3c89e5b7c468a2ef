"""A window showing a photo-like picture (seeded noise), for tests of the JPEG path on Xvfb.

    python -m tests.support.photo_window X Y WIDTH HEIGHT

It maps an override-redirect window at (X, Y), paints it, repaints it when exposed, and paints
the next picture (the next seed) on SIGUSR1; it runs until it is terminated. Every tile of the
picture holds far more colours than text does, so the screen share sends it as JPEG.
"""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator

import numpy as np
from numpy.typing import NDArray

_ROWS_PER_REQUEST = 32
"""Rows per PutImage: keeps each request under the X server's size limit without BIG-REQUESTS."""


def picture(width: int, height: int, seed: int) -> NDArray[np.uint8]:
    """The picture as H x W x 4 bytes, B G R X: a smooth gradient under strong noise."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width]
    base = np.stack([x * 255 // max(width - 1, 1), y * 255 // max(height - 1, 1), (x + y) % 256], axis=2)
    noisy = base + rng.integers(-60, 61, size=base.shape)
    pixels = np.zeros((height, width, 4), dtype=np.uint8)
    pixels[:, :, :3] = np.clip(noisy, 0, 255)
    return pixels


@contextlib.contextmanager
def photo_window(box: tuple[int, int, int, int]) -> Iterator[subprocess.Popen[bytes]]:
    """The window at `box` (x, y, width, height) in a process of its own, while in the block."""
    window = subprocess.Popen([sys.executable, "-m", "tests.support.photo_window", *map(str, box)])
    try:
        yield window
    finally:
        window.terminate()
        window.wait()


def main(argv: list[str]) -> None:
    from Xlib import X, display

    x, y, width, height = (int(value) for value in argv)
    connection = display.Display()
    screen = connection.screen()
    window = screen.root.create_window(
        x, y, width, height, 0, screen.root_depth, X.InputOutput, X.CopyFromParent,
        override_redirect=True, event_mask=X.ExposureMask,
    )  # fmt: skip
    gc = window.create_gc()
    seed = [1]
    repaint = threading.Event()

    def next_picture(*_: object) -> None:
        seed[0] += 1
        repaint.set()

    signal.signal(signal.SIGUSR1, next_picture)
    window.map()

    def paint() -> None:
        pixels = picture(width, height, seed[0])
        for top in range(0, height, _ROWS_PER_REQUEST):
            rows = pixels[top : top + _ROWS_PER_REQUEST]
            depth, data = screen.root_depth, rows.tobytes()
            window.put_image(gc, 0, top, width, rows.shape[0], X.ZPixmap, depth, 0, data)
        connection.sync()

    paint()
    while True:
        while connection.pending_events():
            if connection.next_event().type == X.Expose:
                repaint.set()
        if repaint.wait(0.05):
            repaint.clear()
            paint()


if __name__ == "__main__":
    main(sys.argv[1:])
