"""A small RFB (VNC) viewer for bench/stream.py: ZRLE, CopyRect and Raw decoded into a framebuffer.

Enough of RFC 6143 to watch x0vncserver and x11vnc the way a viewer does: version 3.8, security
type None, 32-bit true colour, encodings ZRLE (16), CopyRect (1) and Raw (0), the Cursor
pseudo-encoding (-239: the server sends the pointer's shape instead of painting it into every
update, as vncviewer asks; the shape is skipped, no cursor is drawn), and one incremental
`FramebufferUpdateRequest` outstanding at a time (the next one goes out as soon as an update has
been read and decoded, as vncviewer does). Pixels land in `framebuffer`, H x W x 3 in B, G, R order.
ZRLE keeps one zlib stream for the whole connection, so every update is inflated and decoded even
when only the probe matters. Pointer events let the bench click.
"""

from __future__ import annotations

import asyncio
import contextlib
import struct
import time
import zlib
from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

ZRLE, COPY_RECT, RAW, CURSOR = 16, 1, 0, -239
_TILE = 64
# 32 bpp, depth 24, little-endian, true colour, maxima 255, shifts R 16, G 8, B 0.
_PIXEL_FORMAT = struct.pack(">BBBBHHHBBB3x", 32, 24, 0, 1, 255, 255, 255, 16, 8, 0)

OnUpdate = Callable[[float, int], None]
"""Called after each decoded update with its arrival (time.monotonic()) and its size in bytes."""


class RfbError(RuntimeError):
    pass


class RfbViewer:
    """Connect with `connect()`, then `run(on_update)` until the task is cancelled."""

    def __init__(self, host: str, port: int) -> None:
        self._host, self._port = host, port
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._inflater = zlib.decompressobj()
        self.framebuffer: NDArray[np.uint8] = np.zeros((0, 0, 3), np.uint8)
        self.bytes_read = 0

    async def connect(self) -> None:
        self._reader, self._writer = await asyncio.open_connection(self._host, self._port)
        version = await self._read(12)
        if not version.startswith(b"RFB 003."):
            raise RfbError(f"not an RFB server: {version!r}")
        self._writer.write(b"RFB 003.008\n")
        (count,) = await self._unpack(">B")
        types = await self._read(count)
        if 1 not in types:
            raise RfbError(f"the server does not offer security type None: {list(types)}")
        self._writer.write(b"\x01")
        (result,) = await self._unpack(">I")
        if result != 0:
            raise RfbError("the server refused the connection")
        self._writer.write(b"\x01")  # ClientInit: shared
        width, height = await self._unpack(">HH")
        await self._read(16)
        (name_length,) = await self._unpack(">I")
        await self._read(name_length)
        self.framebuffer = np.zeros((height, width, 3), np.uint8)
        self._writer.write(b"\x00\x00\x00\x00" + _PIXEL_FORMAT)
        encodings = (ZRLE, COPY_RECT, RAW, CURSOR)
        self._writer.write(struct.pack(f">BxH{len(encodings)}i", 2, len(encodings), *encodings))
        self._request(incremental=False)
        await self._writer.drain()

    async def click(self, x: int, y: int) -> None:
        """Move to (x, y), press and release the left button."""
        assert self._writer is not None
        for mask in (0, 1, 0):
            self._writer.write(struct.pack(">BBHH", 5, mask, x, y))
        await self._writer.drain()

    async def run(self, on_update: OnUpdate) -> None:
        while True:
            (kind,) = await self._unpack(">B")
            if kind == 0:
                start = self.bytes_read - 1
                await self._update()
                self._request(incremental=True)
                on_update(time.monotonic(), self.bytes_read - start)
            elif kind == 1:
                _, _, count = await self._unpack(">xHH")
                await self._read(6 * count)
            elif kind == 2:
                pass
            elif kind == 3:
                (length,) = await self._unpack(">3xI")
                await self._read(length)
            else:
                raise RfbError(f"unknown server message {kind}")

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            with contextlib.suppress(OSError):
                await self._writer.wait_closed()

    def _request(self, *, incremental: bool) -> None:
        assert self._writer is not None
        height, width = self.framebuffer.shape[:2]
        self._writer.write(struct.pack(">BBHHHH", 3, int(incremental), 0, 0, width, height))

    async def _read(self, count: int) -> bytes:
        assert self._reader is not None
        data = await self._reader.readexactly(count)
        self.bytes_read += count
        return data

    async def _unpack(self, layout: str) -> tuple[int, ...]:
        return struct.unpack(layout, await self._read(struct.calcsize(layout)))

    async def _update(self) -> None:
        (rects,) = await self._unpack(">xH")
        for _ in range(rects):
            x, y, w, h, encoding = await self._unpack(">HHHHi")
            target = self.framebuffer[y : y + h, x : x + w]
            if encoding == ZRLE:
                (length,) = await self._unpack(">I")
                _decode_zrle(self._inflater.decompress(await self._read(length)), target)
            elif encoding == COPY_RECT:
                sx, sy = await self._unpack(">HH")
                target[:] = self.framebuffer[sy : sy + h, sx : sx + w].copy()
            elif encoding == RAW:
                pixels = np.frombuffer(await self._read(w * h * 4), np.uint8).reshape(h, w, 4)
                target[:] = pixels[:, :, :3]
            elif encoding == CURSOR:
                await self._read(w * h * 4 + (w + 7) // 8 * h)  # the viewer draws no cursor
            else:
                raise RfbError(f"unexpected encoding {encoding}")


def _decode_zrle(data: bytes, target: NDArray[np.uint8]) -> None:
    """Decode one ZRLE rectangle's inflated bytes (64 x 64 tiles, CPIXEL = B G R) into `target`."""
    height, width = target.shape[:2]
    position = 0
    for top in range(0, height, _TILE):
        for left in range(0, width, _TILE):
            tile = target[top : top + _TILE, left : left + _TILE]
            position = _decode_tile(data, position, tile)
    if position != len(data):
        raise RfbError("ZRLE rectangle has bytes left over")


def _cpixels(data: bytes, position: int, count: int) -> NDArray[np.uint8]:
    return np.frombuffer(data, np.uint8, 3 * count, position).reshape(count, 3)


def _decode_tile(data: bytes, position: int, tile: NDArray[np.uint8]) -> int:
    """Decode one tile starting at `position`; returns where the next one starts."""
    h, w = int(tile.shape[0]), int(tile.shape[1])
    sub = data[position]
    position += 1
    if sub == 0:
        tile[:] = _cpixels(data, position, w * h).reshape(h, w, 3)
        return position + 3 * w * h
    if sub == 1:
        tile[:] = _cpixels(data, position, 1)[0]
        return position + 3
    if 2 <= sub <= 16:
        colours_of = _cpixels(data, position, sub)
        position += 3 * sub
        bits = 1 if sub == 2 else 2 if sub <= 4 else 4
        row_bytes = (w * bits + 7) // 8
        packed = np.frombuffer(data, np.uint8, row_bytes * h, position).reshape(h, row_bytes)
        unpacked = np.unpackbits(packed, axis=1).reshape(h, row_bytes * 8 // bits, bits)
        indices = unpacked @ (1 << np.arange(bits - 1, -1, -1)).astype(np.uint8)
        tile[:] = colours_of[indices[:, :w]]
        return position + row_bytes * h
    if sub == 128 or sub >= 130:
        palette: NDArray[np.uint8] | None = None
        if sub >= 130:
            palette = _cpixels(data, position, sub - 128)
            position += 3 * (sub - 128)
        colours: list[NDArray[np.uint8]] = []
        lengths: list[int] = []
        remaining = w * h
        while remaining > 0:
            if palette is None:
                colour, position = _cpixels(data, position, 1)[0], position + 3
                run = True
            else:
                index = data[position]
                position += 1
                colour, run = palette[index & 0x7F], bool(index & 0x80)
            length = 1
            if run:
                while data[position] == 255:
                    length += 255
                    position += 1
                length += data[position]
                position += 1
            colours.append(colour)
            lengths.append(length)
            remaining -= length
        if remaining != 0:
            raise RfbError("ZRLE run overflows its tile")
        tile[:] = np.repeat(np.array(colours), lengths, axis=0).reshape(h, w, 3)
        return int(position)
    raise RfbError(f"unknown ZRLE subencoding {sub}")
