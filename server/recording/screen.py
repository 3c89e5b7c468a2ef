"""Screenshots composed from the frames the server relays, and when to take one.

The server sees the same tiles the console draws: it paints them onto an image of the shared
monitor and, per `ScreenRecorder`, keeps a screenshot when sharing starts and afterwards whenever
the screen has changed meaningfully: at least `threshold` (1 %) of the pixels differ from the
last screenshot, and at most one per `interval` seconds. A cursor blinking or a clock ticking
stays below 1 % of a screen; a window opening, a dialog, a page scrolling does not.

Runs on the recorder's worker thread, never on the event loop: decoding a full 1080p keyframe
takes tens of milliseconds.
"""

from __future__ import annotations

import ctypes
import functools
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import cast

import numpy as np
import numpy.typing as npt
import simplejpeg

from protocol.errors import ProtocolError
from protocol.frames import (
    MAX_PALETTE_COLOURS,
    Encoding,
    Frame,
    Tile,
    copy_source,
    palette_index_bits,
    palette_row_bytes,
)
from protocol.libvpx import Vp8Decoder, VpxError, i420_to_rgb, load_libvpx
from protocol.video import parse_vp8

Pixels = npt.NDArray[np.uint8]

CHANGE_THRESHOLD = 0.01
CHECK_SECONDS = 1.0
"""Comparing with the last screenshot costs ~20 ms at 1080p, so it is done at most once a second."""
MAX_RECORDED_PIXELS = 7680 * 4320
"""Monitors above 8K are not composed: two copies of one would take 200 MB of memory."""


class BadTile(ValueError):
    """A tile's data does not decode to its rectangle (the console would drop that frame too)."""


SYNC_FLUSH = b"\x00\x00\xff\xff"
"""How every chunk of the tile stream ends (an empty stored block)."""


class TileStreamInflater:
    """The receiving side of the connection's tile stream (docs/protocol.md, "Tile stream").

    `restart()` at every keyframe; then each PALETTE chunk, in the order the frames carried them,
    must inflate to exactly the bytes its tile needs.
    """

    def __init__(self) -> None:
        self._inflater = zlib.decompressobj()

    def restart(self) -> None:
        self._inflater = zlib.decompressobj()

    def inflate(self, chunk: bytes, expected: int) -> bytes:
        if not chunk.endswith(SYNC_FLUSH):
            raise BadTile("a PALETTE chunk does not end with a sync flush")
        try:
            raw = self._inflater.decompress(chunk, expected + 1)
        except zlib.error as exc:
            raise BadTile(f"tile stream: {exc}") from None
        if len(raw) != expected or self._inflater.unconsumed_tail or self._inflater.eof:
            raise BadTile("a PALETTE chunk does not inflate to exactly its packed indices")
        return raw


Planes = tuple[Pixels, Pixels, Pixels]
"""A decoded video picture's Y, U and V planes."""


@functools.cache
def _libvpx() -> ctypes.CDLL | None:
    return load_libvpx()


class VideoTrack:
    """The receiving side of the connection's video stream (docs/protocol.md, "Video stream").

    A key chunk starts a new decoder; every other chunk must continue the stream it follows, in
    the same rectangle at the same coded size. `restart()` at every keyframe and lost frame.
    """

    def __init__(self) -> None:
        self._decoder: Vp8Decoder | None = None
        self._shape: tuple[int, int, int, int, int, int] | None = None

    def restart(self) -> None:
        if self._decoder is not None:
            self._decoder.close()
        self._decoder, self._shape = None, None

    def decode(self, tile: Tile) -> Pixels:
        """The tile's picture, stretched from its coded size over the tile."""
        return stretched_picture(tile, self.decode_planes(tile))

    def decode_planes(self, tile: Tile) -> Planes:
        """The tile's picture as decoded, before conversion to RGB: every chunk of the stream must be
        decoded, in order, but only a picture that is shown needs converting."""
        try:
            chunk = parse_vp8(tile.data, tile.width, tile.height)
        except ProtocolError as exc:
            raise BadTile(str(exc)) from None
        shape = (tile.x, tile.y, tile.width, tile.height, chunk.coded_width, chunk.coded_height)
        if chunk.key:
            library = _libvpx()
            if library is None:
                raise BadTile("no libvpx here to decode VP8 tiles")
            self.restart()
            self._decoder, self._shape = Vp8Decoder(library), shape
        if self._decoder is None or shape != self._shape:
            raise BadTile("a VP8 chunk that does not continue the video stream")
        try:
            planes = self._decoder.decode(chunk.frame)
        except VpxError as exc:
            raise BadTile(f"VP8: {exc}") from None
        if planes[0].shape != (chunk.coded_height, chunk.coded_width):
            raise BadTile("a VP8 frame of another size than its tile states")
        return planes


def stretched_picture(tile: Tile, planes: Planes) -> Pixels:
    """A VP8 tile's decoded `planes` in RGB, stretched from their coded size over the tile."""
    picture = i420_to_rgb(*planes)
    coded_height, coded_width = planes[0].shape
    rows = np.arange(tile.height) * coded_height // tile.height
    columns = np.arange(tile.width) * coded_width // tile.width
    # Rows, then columns: four times faster than one fancy index over both at 1080p.
    stretched: Pixels = np.take(np.take(picture, rows, axis=0), columns, axis=1)
    return stretched


def decode_tile(
    tile: Tile, stream: TileStreamInflater | None = None, video: VideoTrack | None = None
) -> Pixels:
    """The tile's pixels as a (height, width, 3) RGB array; sizes are checked before decoding.

    PALETTE tiles need the connection's `stream`, fed every PALETTE tile in order; VP8 tiles its
    `video` track likewise.
    """
    shape = (tile.height, tile.width, 3)
    if tile.encoding == Encoding.COPY:
        raise BadTile("a COPY tile is drawn from the picture it copies (Canvas.paint)")
    if tile.encoding == Encoding.VP8:
        if video is None:
            raise BadTile("a VP8 tile needs the video stream")
        return video.decode(tile)
    if tile.encoding == Encoding.SOLID:
        return np.broadcast_to(np.frombuffer(tile.data, np.uint8, 3), shape)
    if tile.encoding == Encoding.PALETTE:
        if stream is None:
            raise BadTile("a PALETTE tile needs the tile stream")
        (unpacked,) = decode_tiles([tile], stream)
        assert unpacked is not None
        return unpacked
    if tile.encoding == Encoding.ZLIB_RGB:
        expected = tile.width * tile.height * 3
        inflater = zlib.decompressobj()
        try:
            raw = inflater.decompress(tile.data, expected)
        except zlib.error as exc:
            raise BadTile(f"zlib: {exc}") from None
        if len(raw) != expected or inflater.unconsumed_tail or not inflater.eof:
            raise BadTile("zlib tile does not hold exactly w*h*3 bytes")
        return np.frombuffer(raw, np.uint8).reshape(shape)
    check_jpeg_size(tile)
    try:
        pixels: Pixels = simplejpeg.decode_jpeg(tile.data, colorspace="RGB")
    except ValueError as exc:
        raise BadTile(f"JPEG: {exc}") from None
    return pixels


def check_jpeg_size(tile: Tile) -> None:
    """Raise `BadTile` unless the JPEG tile's header states exactly the tile's size (cheap: the
    header only)."""
    try:
        height, width, _, _ = simplejpeg.decode_jpeg_header(tile.data)
    except ValueError as exc:
        raise BadTile(f"JPEG: {exc}") from None
    if (height, width) != (tile.height, tile.width):
        raise BadTile(f"JPEG of {width}x{height} in a {tile.width}x{tile.height} tile")


def _index_table(bits: int) -> Pixels:
    """Row `b` holds the `8 // bits` indices packed into byte `b`, most significant first."""
    shifts = np.arange(8 - bits, -1, -bits, dtype=np.uint16)
    fields = (np.arange(256, dtype=np.uint16)[:, None] >> shifts) & ((1 << bits) - 1)
    table: Pixels = fields.astype(np.uint8)
    return table


_INDEX_TABLES = {bits: _index_table(bits) for bits in (2, 4)}


def decode_tiles(
    tiles: Sequence[Tile], stream: TileStreamInflater, video: VideoTrack | None = None
) -> list[Pixels | None]:
    """The pixels of a frame's tiles, in order (as `decode_tile` gives them); None for a COPY
    tile, whose pixels are the picture's own when it is drawn.

    PALETTE chunks are inflated in order, then the tiles are unpacked together, grouped by shape:
    a screen of text is a hundred or more palette tiles, and one numpy pass over all of them is
    several times faster than one per tile.
    """
    decoded: list[Pixels | None] = []
    chunks: list[PaletteChunk] = []
    at: list[int] = []
    for tile in tiles:
        if tile.encoding == Encoding.PALETTE:
            chunks.append(inflate_palette(tile, stream))
            at.append(len(decoded))
            decoded.append(None)  # filled in below, with its group
        elif tile.encoding == Encoding.COPY:
            decoded.append(None)
        else:
            decoded.append(decode_tile(tile, stream, video))
    for index, pixels in zip(at, unpack_palettes(chunks), strict=True):
        decoded[index] = pixels
    return decoded


@dataclass(frozen=True)
class PaletteChunk:
    """A PALETTE tile inflated from the tile stream (which must be fed in order), not yet unpacked."""

    tile: Tile
    colours: Pixels
    """`MAX_PALETTE_COLOURS` x 3, the tile's own first."""
    count: int
    packed: bytes


def inflate_palette(tile: Tile, stream: TileStreamInflater) -> PaletteChunk:
    count = tile.data[0]
    colours = np.zeros((MAX_PALETTE_COLOURS, 3), np.uint8)
    colours[:count] = np.frombuffer(tile.data, np.uint8, 3 * count, 1).reshape(count, 3)
    expected = palette_row_bytes(tile.width, count) * tile.height
    return PaletteChunk(tile, colours, count, stream.inflate(tile.data[1 + 3 * count :], expected))


def unpack_palettes(chunks: Sequence[PaletteChunk]) -> list[Pixels]:
    """The pixels of each chunk, in order; tiles of one shape and index width are unpacked together."""
    unpacked: list[Pixels | None] = [None] * len(chunks)
    groups: dict[tuple[int, int, int], list[int]] = {}
    for index, chunk in enumerate(chunks):
        shape = (chunk.tile.height, chunk.tile.width, palette_index_bits(chunk.count))
        groups.setdefault(shape, []).append(index)
    for (height, width, bits), members in groups.items():
        row_bytes = -(-width * bits // 8)
        rows = np.frombuffer(b"".join(chunks[m].packed for m in members), np.uint8).reshape(
            len(members), height, row_bytes
        )
        if bits == 1:
            indices = np.unpackbits(rows, axis=2)[:, :, :width]
        else:
            indices = _INDEX_TABLES[bits][rows].reshape(len(members), height, -1)[:, :, :width]
        counts = np.array([chunks[m].count for m in members])
        if np.any(counts < 1 << bits) and np.any(indices.max(axis=(1, 2)) >= counts):
            raise BadTile("a PALETTE index beyond its colours")
        # One flat table of every member's colours: `take` along it is four times faster than
        # indexing a stack of palettes per member.
        palettes = np.concatenate([chunks[m].colours for m in members])
        offsets = (np.arange(len(members), dtype=np.intp) * MAX_PALETTE_COLOURS)[:, None, None]
        pixels = np.take(palettes, indices + offsets, axis=0)
        for member, tile_pixels in zip(members, pixels, strict=True):
            unpacked[member] = tile_pixels
    return cast(list[Pixels], unpacked)  # every chunk is a member of one group


class Canvas:
    """The composed image of one monitor; `complete` once a keyframe has covered all of it.

    It follows the tile stream: from a keyframe on, every frame must be painted in order
    (consecutive `seq`); after a gap, or before the first keyframe, frames are skipped until the
    next keyframe, as the protocol asks of a receiver that missed a frame.
    """

    def __init__(self, monitor: int, width: int, height: int) -> None:
        self.monitor = monitor
        self._pixels: Pixels = np.zeros((height, width, 3), np.uint8)
        self.complete = False
        self._stream = TileStreamInflater()
        self._video = VideoTrack()
        self._last_seq: int | None = None

    @property
    def pixels(self) -> Pixels:
        """The image as painted so far (H x W x 3 RGB); raises `BadTile` if a tile painted only
        now does not decode (see `DeferredCanvas`)."""
        return self._pixels

    def fits(self, frame: Frame) -> bool:
        return (self.monitor, self._pixels.shape[1], self._pixels.shape[0]) == (
            frame.monitor,
            frame.monitor_width,
            frame.monitor_height,
        )

    def paint(self, frame: Frame) -> bool:
        """Draw the frame's tiles in order; False if it was skipped (the stream is not followed).

        On a bad tile the image is incomplete until a keyframe.
        """
        if frame.keyframe:
            self._stream.restart()
            self._video.restart()
        elif self._last_seq is None or frame.seq != self._last_seq + 1:
            self.lose_stream()
            return False
        self._last_seq = frame.seq
        try:
            self._draw(frame.tiles)
        except BadTile:
            self.lose_stream()
            raise
        self.complete = self.complete or frame.keyframe
        return True

    def _draw(self, tiles: Sequence[Tile]) -> None:
        """Decode the tiles of a frame in order and paint them."""
        for tile, decoded in zip(tiles, decode_tiles(tiles, self._stream, self._video), strict=True):
            self._put(tile, decoded if decoded is not None else self._copied(tile))

    def _put(self, tile: Tile, pixels: Pixels) -> None:
        # numpy copies overlapping source and destination as if through a temporary.
        self._pixels[tile.y : tile.y + tile.height, tile.x : tile.x + tile.width] = pixels

    def _copied(self, tile: Tile) -> Pixels:
        """What a COPY tile copies: its rectangle at the source corner, as painted so far."""
        src_x, src_y = copy_source(tile)
        return self._pixels[src_y : src_y + tile.height, src_x : src_x + tile.width]

    def lose_stream(self) -> None:
        """Frames were missed: paint nothing more until a keyframe."""
        self.complete = False
        self._last_seq = None
        self._video.restart()


@dataclass(frozen=True)
class Shot:
    """A screenshot to keep: a copy of the composed image."""

    at: float
    monitor: int
    pixels: Pixels


def changed_fraction(before: Pixels | None, after: Pixels) -> float:
    """Share of pixels that differ; 1.0 when there is nothing to compare with.

    Each recorded session asks once a second while frames come, so it must be cheap: an unchanged
    picture is one comparison (0.5 ms at 1080p), a changed one the channels' differences OR-ed
    together (3 ms; `np.any` over the colour axis took 40 ms, a core's worth at 25 sessions).
    """
    if before is None or before.shape != after.shape:
        return 1.0
    if np.array_equal(before, after):
        return 0.0
    height, width, channels = after.shape
    differences = np.bitwise_xor(before, after).reshape(-1, channels)
    changed = differences[:, 0].copy()
    for channel in range(1, channels):
        changed |= differences[:, channel]
    return int(np.count_nonzero(changed)) / int(height * width)


class ScreenRecorder:
    """Screenshot policy of one session, fed with frames and ticks in arrival order."""

    def __init__(
        self,
        interval: float,
        threshold: float = CHANGE_THRESHOLD,
        canvas: Callable[[int, int, int], Canvas] = Canvas,
    ) -> None:
        self.interval = interval
        self.threshold = threshold
        self._new_canvas = canvas
        self._canvas: Canvas | None = None
        self._last: Pixels | None = None
        self._taken_at = float("-inf")
        self._checked_at = float("-inf")
        self._fresh = False
        self._dirty = False
        self._latest_at = 0.0

    def start(self) -> None:
        """Sharing (re)starts: the first complete image is kept at once."""
        self._canvas = None
        self._fresh = True

    def stop(self) -> None:
        """Sharing stops: forget the image until the next start."""
        self._canvas = None
        self._fresh = False
        self._dirty = False

    def invalidate(self) -> None:
        """Frames were lost (the worker fell behind): wait for the next keyframe."""
        if self._canvas is not None:
            self._canvas.lose_stream()

    def frame(self, frame: Frame, now: float) -> Shot | None:
        """Paint a frame that arrived at `now`; returns a screenshot if one is due. Raises `BadTile`."""
        if frame.monitor_width * frame.monitor_height > MAX_RECORDED_PIXELS:
            self._canvas = None
            return None
        if self._canvas is None or not self._canvas.fits(frame):
            self._canvas = self._new_canvas(frame.monitor, frame.monitor_width, frame.monitor_height)
        self._canvas.paint(frame)
        self._dirty = True
        self._latest_at = now
        return self._due(now)

    def tick(self, now: float) -> Shot | None:
        """Time passed: a change that came in during the interval may now be due."""
        return self._due(now)

    def _due(self, now: float) -> Shot | None:
        canvas = self._canvas
        if canvas is None or not canvas.complete or not self._dirty:
            return None
        if not self._fresh:
            if now - self._taken_at < self.interval or now - self._checked_at < CHECK_SECONDS:
                return None
            self._checked_at = now
            if changed_fraction(self._last, canvas.pixels) < self.threshold:
                self._dirty = False
                return None
        self._last = canvas.pixels.copy()
        self._taken_at = now
        self._fresh = False
        self._dirty = False
        return Shot(self._latest_at, canvas.monitor, self._last)
