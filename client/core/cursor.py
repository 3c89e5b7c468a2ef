"""What the expert is told of the customer's pointer: `cursor` and `cursor_shape` messages.

Pure. Capture backends draw no pointer into the picture (mss never does on Windows and macOS, nor
XGetImage on X11), so the pointer travels on its own: its position relative to the shared
monitor whenever it moved, and its image whenever the shape changed. `CursorState` turns raw
readings into the messages worth sending: nothing when nothing changed, a shape before the first
position that names it, and the pointer hidden while it is on another monitor.
"""

from __future__ import annotations

import base64
import zlib
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from protocol.limits import MAX_CURSOR_PIXELS_CHARS, MAX_CURSOR_SIDE
from protocol.messages import Cursor, CursorShape, Monitor


@dataclass(frozen=True)
class ShapeImage:
    """A pointer image as X11 (XFixes) gives it: ARGB words, premultiplied alpha, rows top down."""

    serial: int
    width: int
    height: int
    hot_x: int
    hot_y: int
    argb: tuple[int, ...]


def shape_message(image: ShapeImage) -> CursorShape | None:
    """The `cursor_shape` of `image` (straight RGBA, at most 128 px a side); None if it cannot fit."""
    if image.width < 1 or image.height < 1 or len(image.argb) != image.width * image.height:
        return None
    words = np.array(image.argb, dtype=np.uint32).reshape(image.height, image.width)
    hot_x, hot_y = image.hot_x, image.hot_y
    step = -(-max(image.width, image.height) // MAX_CURSOR_SIDE)
    if step > 1:  # a huge pointer: keep every step-th pixel
        words = words[::step, ::step]
        hot_x, hot_y = hot_x // step, hot_y // step
    height, width = words.shape
    rgba = _straight_rgba(words)
    pixels = base64.b64encode(zlib.compress(rgba.tobytes(), 9)).decode("ascii")
    if len(pixels) > MAX_CURSOR_PIXELS_CHARS:
        return None
    return CursorShape(
        shape=image.serial & 0xFFFFFFFF,
        width=width,
        height=height,
        hot_x=min(hot_x, width - 1),
        hot_y=min(hot_y, height - 1),
        pixels=pixels,
    )


def _straight_rgba(words: NDArray[np.uint32]) -> NDArray[np.uint8]:
    alpha = (words >> 24).astype(np.uint32)
    channels = [(words >> shift & 0xFF).astype(np.uint32) for shift in (16, 8, 0)]
    safe = np.maximum(alpha, 1)
    straight = [np.minimum(255, (c * 255 + safe // 2) // safe) * (alpha > 0) for c in channels]
    rgba: NDArray[np.uint8] = np.stack([*straight, alpha], axis=2).astype(np.uint8)
    return rgba


class CursorState:
    """The last pointer told to the expert; one thread at a time."""

    def __init__(self) -> None:
        self._sent: Cursor | None = None
        self._shape: int | None = None

    def shape(self, image: ShapeImage) -> CursorShape | None:
        """The message for a new pointer image, or None (the same one, or one that cannot be sent)."""
        message = shape_message(image)
        if message is None or message.shape == self._shape:
            return None
        self._shape = message.shape
        return message

    def position(self, root_x: int, root_y: int, monitor: Monitor) -> Cursor | None:
        """The message for the pointer at (`root_x`, `root_y`) of the desktop, or None if unchanged.

        Nothing is told before a shape was: the console could not draw the pointer anyway.
        """
        if self._shape is None:
            return None
        x, y = root_x - monitor.x, root_y - monitor.y
        inside = 0 <= x < monitor.width and 0 <= y < monitor.height
        message = Cursor(
            monitor=monitor.id, x=x if inside else 0, y=y if inside else 0, visible=inside, shape=self._shape
        )
        if message == self._sent:
            return None
        self._sent = message
        return message
