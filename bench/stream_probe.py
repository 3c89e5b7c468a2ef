"""The pixel-clock probe of bench/stream.py: a small X window that shows the time and a click count.

Run as its own process on the bench's X server: `python -m bench.stream_probe X Y`. The window
(override-redirect, so no window manager is needed) is `WIDTH` x `HEIGHT` pixels at X, Y and holds
four rows of 32 blocks, each `BLOCK` pixels square, white for a 1 bit and black for a 0 bit, most
significant bit first:

    row 0  the wall-clock time in Unix milliseconds, modulo 2**32, redrawn whenever it changes
    row 1  row 0 inverted (a reader that sees a half-drawn clock finds the rows disagree)
    row 2  how many mouse buttons were pressed inside the window so far
    row 3  row 2 inverted

A viewer that decodes the peer's frames reads the probe with `read_probe` and so knows how old the
picture it shows is and which click it shows the answer to. `python -m bench.stream_probe X Y
--motion` also paints a full-screen moving photo-like picture under the probe (the motion phase).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

BLOCK = 8
BITS = 32
WIDTH, HEIGHT = BITS * BLOCK, 4 * BLOCK
MOTION_FPS = 60
MOTION_STEP_PX = 12


def read_probe(rgb: NDArray[np.uint8], x: int, y: int) -> tuple[int, int] | None:
    """(clock_ms, clicks) shown by a probe at x, y of an H x W x 3 picture, or None if unreadable."""
    centres = rgb[y + BLOCK // 2 : y + HEIGHT : BLOCK, x + BLOCK // 2 : x + WIDTH : BLOCK, 1]
    if centres.shape != (4, BITS):
        return None
    bits = centres > 127
    if not (np.all(bits[0] != bits[1]) and np.all(bits[2] != bits[3])):
        return None
    weights = 1 << np.arange(BITS - 1, -1, -1, dtype=np.uint64)
    return int(bits[0].astype(np.uint64) @ weights), int(bits[2].astype(np.uint64) @ weights)


def unix_ms32() -> int:
    return (time.time_ns() // 1_000_000) & 0xFFFFFFFF


def _run(x: int, y: int, motion: bool) -> None:
    from Xlib import X, display

    connection = display.Display()
    screen = connection.screen()
    root = screen.root
    mover = _Motion(connection, screen) if motion else None
    window = root.create_window(
        x, y, WIDTH, HEIGHT, 0, screen.root_depth, X.InputOutput, X.CopyFromParent,
        override_redirect=True, background_pixel=screen.black_pixel,
        event_mask=X.ButtonPressMask | X.ExposureMask,
    )  # fmt: skip
    white = window.create_gc(foreground=screen.white_pixel)
    black = window.create_gc(foreground=screen.black_pixel)
    window.map()
    clicks = 0
    drawn: tuple[int, int] | None = None
    next_motion = time.monotonic()
    while True:
        while connection.pending_events():
            kind = connection.next_event().type
            if kind == X.ButtonPress:
                clicks += 1
            elif kind == X.Expose:
                drawn = None  # the window lost its pixels: draw every block again
        if mover is not None and time.monotonic() >= next_motion:
            mover.step()
            window.raise_window()
            next_motion += 1 / MOTION_FPS
        now = unix_ms32()
        if (now, clicks) != drawn:
            ones, zeros = _changed_blocks(drawn, (now, clicks))
            if ones:
                window.poly_fill_rectangle(white, ones)
            if zeros:
                window.poly_fill_rectangle(black, zeros)
            drawn = (now, clicks)
        connection.flush()
        time.sleep(0.0005)


Rectangle = tuple[int, int, int, int]
_ALL = (1 << BITS) - 1


def _changed_blocks(
    drawn: tuple[int, int] | None, showing: tuple[int, int]
) -> tuple[list[Rectangle], list[Rectangle]]:
    """The blocks to paint white and black to go from the probe `drawn` (None: nothing) to
    `showing`, each a (clock_ms, clicks) pair, laid out as the module's docstring says.

    Only the bits that changed: a millisecond clock changes a few low bits at a time, and painting
    all 128 blocks each millisecond cost the probe a third of a core, taken from the peers measured.
    """
    ones: list[Rectangle] = []
    zeros: list[Rectangle] = []
    for pair, value in enumerate(showing):
        changed = _ALL if drawn is None else value ^ drawn[pair]
        while changed:
            low = changed & -changed
            changed ^= low
            col = BITS - low.bit_length()
            bit = bool(value & low)
            (ones if bit else zeros).append((col * BLOCK, 2 * pair * BLOCK, BLOCK, BLOCK))
            (zeros if bit else ones).append((col * BLOCK, (2 * pair + 1) * BLOCK, BLOCK, BLOCK))
    return ones, zeros


class _Motion:
    """A full-screen window showing a photo-like picture that slides sideways `MOTION_FPS` times a second."""

    def __init__(self, connection: object, screen: object) -> None:
        from Xlib import X

        self._screen = screen
        root = screen.root  # type: ignore[attr-defined]
        width, height = screen.width_in_pixels, screen.height_in_pixels  # type: ignore[attr-defined]
        depth = screen.root_depth  # type: ignore[attr-defined]
        self._width = width
        self.window = root.create_window(
            0, 0, width, height, 0, depth, X.InputOutput, X.CopyFromParent, override_redirect=True
        )
        self._gc = self.window.create_gc()
        self._pixmap = self.window.create_pixmap(2 * width, height, depth)
        picture = _photo(height, 2 * width)
        for top in range(0, height, 16):
            strip = picture[top : top + 16]
            self._pixmap.put_image(
                self._gc, 0, top, strip.shape[1], strip.shape[0], X.ZPixmap, depth, 0, strip.tobytes()
            )
        self.window.map()
        self._offset = 0

    def step(self) -> None:
        self._offset = (self._offset + MOTION_STEP_PX) % self._width
        self.window.copy_area(self._gc, self._pixmap, self._offset, 0, self._width, 10_000, 0, 0)


def _photo(height: int, width: int) -> NDArray[np.uint8]:
    """A smooth gradient with noise, as B G R X rows: what JPEG or video, not a palette, suits."""
    y, x = np.mgrid[0:height, 0:width]
    rng = np.random.default_rng(3)
    picture = np.zeros((height, width, 4), np.uint8)
    picture[:, :, 0] = (np.sin(x / 53.0) * 100 + 128).astype(np.uint8)
    picture[:, :, 1] = (y * 255 // height).astype(np.uint8)
    picture[:, :, 2] = ((np.sin(x / 37.0) + np.cos(y / 23.0)) * 60 + 128).astype(np.uint8)
    noise = rng.integers(-8, 9, (height, width, 3))
    picture[:, :, :3] = np.clip(picture[:, :, :3].astype(np.int16) + noise, 0, 255).astype(np.uint8)
    return picture


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("x", type=int)
    parser.add_argument("y", type=int)
    parser.add_argument("--motion", action="store_true", help="paint full-screen motion under the probe")
    args = parser.parse_args(argv)
    _run(args.x, args.y, args.motion)


if __name__ == "__main__":
    main()
