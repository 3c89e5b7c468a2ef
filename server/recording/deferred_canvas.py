"""A canvas that paints only when its picture is looked at: what the recorder composes screenshots on.

The recorder keeps a screenshot at most every few seconds, yet it used to decode and paint every
relayed frame at once: at 100 streams that was most of a core, in the relay's own process, under
the interpreter lock that its event loop needs. Here each tile is checked, and the stream it
belongs to advanced, when it arrives (PALETTE chunks inflate the tile stream, VP8 chunks go
through the decoder, both in order), but unpacking, JPEG decoding, colour conversion and painting
wait until `pixels` is read. A waiting tile that a later one covers exactly is dropped undecoded.
COPY tiles read the picture, so what waits is painted first. The picture read is the one that
painting every tile at once gives.

Bad tiles: a JPEG's stated size, a PALETTE chunk's inflation and a VP8 chunk are checked on
arrival, as by `Canvas`; what only decoding finds (a corrupt JPEG body, a palette index beyond its
colours) surfaces as `BadTile` when the picture is read, or never if a later tile covered it first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from protocol.frames import Encoding, Tile
from server.recording.screen import (
    BadTile,
    Canvas,
    PaletteChunk,
    Pixels,
    Planes,
    check_jpeg_size,
    decode_tile,
    inflate_palette,
    stretched_picture,
    unpack_palettes,
)

MAX_WAITING_BYTES = 8 << 20
"""A canvas paints what waits once it holds this much: memory per session stays bounded."""
MAX_WAITING_TILES = 4096


@dataclass(frozen=True)
class _Waiting:
    """A tile to paint later, with what arrival made of it: a PALETTE chunk inflated, a VP8
    picture decoded, other tiles' pixels, or nothing (a JPEG, decoded when painted)."""

    tile: Tile
    made: PaletteChunk | Planes | Pixels | None
    size: int


class DeferredCanvas(Canvas):
    """`Canvas` whose tiles are decoded and painted when `pixels` is read."""

    def __init__(self, monitor: int, width: int, height: int) -> None:
        super().__init__(monitor, width, height)
        self._waiting: dict[tuple[int, int, int, int], _Waiting] = {}
        self._waiting_bytes = 0

    @property
    def pixels(self) -> Pixels:
        try:
            self._paint_waiting()
        except BadTile:
            self.lose_stream()
            raise
        return self._pixels

    def _draw(self, tiles: Sequence[Tile]) -> None:
        for tile in tiles:
            if tile.encoding == Encoding.COPY:
                self._paint_waiting()
                self._put(tile, self._copied(tile))
            elif tile.encoding == Encoding.PALETTE:
                chunk = inflate_palette(tile, self._stream)
                self._wait(_Waiting(tile, chunk, len(chunk.packed)))
            elif tile.encoding == Encoding.VP8:
                planes = self._video.decode_planes(tile)
                self._wait(_Waiting(tile, planes, sum(plane.nbytes for plane in planes)))
            elif tile.encoding == Encoding.JPEG:
                check_jpeg_size(tile)
                self._wait(_Waiting(tile, None, len(tile.data)))
            else:
                pixels = decode_tile(tile, self._stream, self._video)
                self._wait(_Waiting(tile, pixels, pixels.nbytes))
        if self._waiting_bytes > MAX_WAITING_BYTES or len(self._waiting) > MAX_WAITING_TILES:
            self._paint_waiting()

    def _wait(self, waiting: _Waiting) -> None:
        """Queue a tile last; one waiting at exactly its rectangle is covered by it, so it goes."""
        tile = waiting.tile
        key = (tile.x, tile.y, tile.width, tile.height)
        covered = self._waiting.pop(key, None)
        if covered is not None:
            self._waiting_bytes -= covered.size
        self._waiting[key] = waiting
        self._waiting_bytes += waiting.size

    def _paint_waiting(self) -> None:
        """Decode and paint every waiting tile, in arrival order."""
        if not self._waiting:
            return
        waiting = list(self._waiting.values())
        self._waiting.clear()
        self._waiting_bytes = 0
        chunks = [w.made for w in waiting if isinstance(w.made, PaletteChunk)]
        unpacked = iter(unpack_palettes(chunks))
        for w in waiting:
            if isinstance(w.made, PaletteChunk):
                self._put(w.tile, next(unpacked))
            elif isinstance(w.made, tuple):
                self._put(w.tile, stretched_picture(w.tile, w.made))
            elif w.made is None:
                self._put(w.tile, decode_tile(w.tile))
            else:
                self._put(w.tile, w.made)
