"""Turns one planned rectangle of a BGRA frame into a protocol tile; the only module importing simplejpeg.

Pure CPU work with no shared state: the screen-share worker thread calls it, and so may any thread.
"""

from __future__ import annotations

import zlib

import numpy as np
import simplejpeg

from client.core.tiles import Pixels, TileRect
from protocol.frames import Encoding, Tile

JPEG_QUALITY = 75
ZLIB_LEVEL = 1
"""Fastest zlib level: text-like tiles are mostly runs, which level 1 already shrinks well."""


def encode_tile(frame: Pixels, rect: TileRect) -> Tile:
    """Encode `rect` of `frame` (H x W x 4, B G R A) with the encoding the rectangle names."""
    region = frame[rect.y : rect.y + rect.height, rect.x : rect.x + rect.width]
    if region.shape[:2] != (rect.height, rect.width):
        raise ValueError(f"{rect} does not lie inside a {frame.shape[1]}x{frame.shape[0]} frame")
    if rect.encoding is Encoding.JPEG:
        # simplejpeg reads the strided view directly and drops the alpha byte itself.
        data = simplejpeg.encode_jpeg(region, quality=JPEG_QUALITY, colorspace="BGRA", colorsubsampling="420")
    else:
        rgb = np.ascontiguousarray(region[:, :, 2::-1])
        data = zlib.compress(rgb.tobytes(), ZLIB_LEVEL)
    return Tile(rect.x, rect.y, rect.width, rect.height, rect.encoding, bytes(data))
