"""Turns a rectangle of a BGRA frame into a protocol tile; the only module that imports simplejpeg."""

from __future__ import annotations

import zlib

import numpy as np
import simplejpeg

from client.core.tiles import Pixels, Rect
from protocol.frames import Encoding, Tile

JPEG_QUALITY = 75


def encode_tile(pixels: Pixels, rect: Rect, encoding: Encoding) -> Tile:
    region = pixels[rect.y : rect.y + rect.height, rect.x : rect.x + rect.width]
    if encoding is Encoding.JPEG:
        data = simplejpeg.encode_jpeg(
            np.ascontiguousarray(region), quality=JPEG_QUALITY, colorspace="BGRA", colorsubsampling="420"
        )
    else:
        rgb = np.ascontiguousarray(region[:, :, 2::-1])
        data = zlib.compress(rgb.tobytes(), 1)
    return Tile(rect.x, rect.y, rect.width, rect.height, encoding, bytes(data))
