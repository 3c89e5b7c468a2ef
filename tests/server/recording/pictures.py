"""Real frames for the recording tests, built with `protocol.encode_frame`, and PNGs read back with
Qt's decoder (independent of the server's encoder)."""

from __future__ import annotations

import zlib

import numpy as np
import simplejpeg
from PySide6.QtGui import QImage

from protocol import Encoding, Frame, Tile, decode_frame, encode_frame

WIDTH, HEIGHT = 100, 80


def solid(rgb: tuple[int, int, int], width: int = WIDTH, height: int = HEIGHT) -> np.ndarray:
    return np.full((height, width, 3), rgb, np.uint8)


def zlib_tile(x: int, y: int, pixels: np.ndarray) -> Tile:
    height, width, _ = pixels.shape
    return Tile(x, y, width, height, Encoding.ZLIB_RGB, zlib.compress(pixels.tobytes()))


def jpeg_tile(x: int, y: int, pixels: np.ndarray) -> Tile:
    height, width, _ = pixels.shape
    data = simplejpeg.encode_jpeg(np.ascontiguousarray(pixels), quality=95, colorspace="RGB")
    return Tile(x, y, width, height, Encoding.JPEG, data)


def palette_tiles(
    tiles: list[tuple[int, int, np.ndarray, np.ndarray]], compressor: zlib._Compress | None = None
) -> list[Tile]:
    """PALETTE tiles written by hand after docs/protocol.md ("Tile stream"): for each (x, y, colours
    n x 3, indices h x w), the indices packed most significant first at 1, 2 or 4 bits, each row
    padded to whole bytes, deflated on one stream with a sync flush per tile."""
    stream = compressor if compressor is not None else zlib.compressobj()
    made = []
    for x, y, colours, indices in tiles:
        count = len(colours)
        bits = 1 if count <= 2 else 2 if count <= 4 else 4
        height, width = indices.shape
        per_byte = 8 // bits
        padded = np.zeros((height, -(-width // per_byte) * per_byte), np.uint8)
        padded[:, :width] = indices
        fields = padded.reshape(height, -1, per_byte)
        shifts = np.arange(8 - bits, -1, -bits)
        packed = (fields.astype(np.uint16) << shifts).sum(axis=2).astype(np.uint8).tobytes()
        chunk = stream.compress(packed) + stream.flush(zlib.Z_SYNC_FLUSH)
        data = bytes([count]) + np.asarray(colours, np.uint8).tobytes() + chunk
        made.append(Tile(x, y, width, height, Encoding.PALETTE, data))
    return made


def wire(seq: int, tiles: list[Tile], *, keyframe: bool, monitor: int = 0, size=(WIDTH, HEIGHT)) -> Frame:
    """Encode for the wire and decode again, as the server receives it."""
    frame = Frame(seq, 1_700_000_000_000 + seq, monitor, 0, 0, size[0], size[1], int(keyframe), tuple(tiles))
    return decode_frame(encode_frame(frame))


def keyframe(seq: int, pixels: np.ndarray, monitor: int = 0) -> Frame:
    height, width, _ = pixels.shape
    return wire(seq, [zlib_tile(0, 0, pixels)], keyframe=True, monitor=monitor, size=(width, height))


def delta(seq: int, x: int, y: int, pixels: np.ndarray) -> Frame:
    return wire(seq, [zlib_tile(x, y, pixels)], keyframe=False)


def patch(rows: int, cols: int, rgb: tuple[int, int, int] = (255, 0, 0)) -> np.ndarray:
    return solid(rgb, cols, rows)


def png_pixels(data: bytes) -> np.ndarray:
    """Decode a PNG with Qt into a (height, width, 3) array."""
    image = QImage.fromData(data).convertToFormat(QImage.Format.Format_RGB888)
    assert not image.isNull(), "not a PNG Qt can read"
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return rows[:, : image.width() * 3].reshape(image.height(), image.width(), 3).copy()
