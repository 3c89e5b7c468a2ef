"""Turns one planned rectangle of a BGRA frame into a protocol tile; the only module importing simplejpeg.

Stateless except for `TileStream`, the connection's tile stream that PALETTE tiles continue: one
thread at a time may use a stream (the screen-share worker owns its one); `encode_tile` without a
stream is safe on any thread.
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
STREAM_LEVEL = 6
"""The tile stream carries packed palette indices only, a sixth of RGB: it can afford level 6."""


class TileStream:
    """The sending side of the tile stream (docs/protocol.md, "Tile stream").

    Call `restart()` for every keyframe before encoding its tiles; each PALETTE tile's chunk ends
    with a sync flush, so the receiver can inflate it completely on its own arrival.
    """

    def __init__(self) -> None:
        self._compressor = zlib.compressobj(STREAM_LEVEL)

    def restart(self) -> None:
        self._compressor = zlib.compressobj(STREAM_LEVEL)

    def chunk(self, data: bytes) -> bytes:
        return self._compressor.compress(data) + self._compressor.flush(zlib.Z_SYNC_FLUSH)


def encode_tile(
    frame: Pixels, rect: TileRect, stream: TileStream | None = None, jpeg_quality: int = JPEG_QUALITY
) -> Tile:
    """Encode `rect` of `frame` (H x W x 4, B G R A) with the encoding the rectangle names.

    PALETTE rectangles need the connection's `stream`; their chunk must then be sent, in order.
    """
    region = frame[rect.y : rect.y + rect.height, rect.x : rect.x + rect.width]
    if region.shape[:2] != (rect.height, rect.width):
        raise ValueError(f"{rect} does not lie inside a {frame.shape[1]}x{frame.shape[0]} frame")
    if rect.encoding is Encoding.SOLID or rect.encoding is Encoding.PALETTE:
        if rect.palette is None:
            raise ValueError(f"{rect} was planned without its palette")
        data = rect.palette.colours
        if rect.encoding is Encoding.PALETTE:
            if stream is None:
                raise ValueError("PALETTE tiles continue the tile stream: pass it")
            data = bytes([rect.palette.count]) + data + stream.chunk(rect.palette.packed)
    elif rect.encoding is Encoding.JPEG:
        # simplejpeg reads the strided view directly and drops the alpha byte itself.
        data = simplejpeg.encode_jpeg(region, quality=jpeg_quality, colorspace="BGRA", colorsubsampling="420")
    else:
        rgb = np.ascontiguousarray(region[:, :, 2::-1])
        data = zlib.compress(rgb.tobytes(), ZLIB_LEVEL)
    return Tile(rect.x, rect.y, rect.width, rect.height, rect.encoding, bytes(data))
