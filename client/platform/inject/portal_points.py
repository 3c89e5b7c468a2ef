"""Where a desktop pixel lands in a portal stream: pure arithmetic, tested with fractional scales.

The protocol speaks physical pixels of the virtual desktop. The capture placed each monitor at its
logical origin times the largest scale of all monitors (`capture.portal_backend.stream_geometry`);
this finds the monitor, and so the stream, back from a pixel. The position within the stream is in
the stream's own pixels, the pixels of its frames: GNOME's mutter divides what
`NotifyPointerMotionAbsolute` gets by the monitor's scale (with fractional scaling on; at scale
1.0, or with GNOME's default integer scaling, frame pixels and logical pixels are the same). Seen on
the test desktop at 1.5: the portal's "logical" reading put the pointer at 2/3 of the place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from client.platform.portal.sessions import PortalStream


class PlacedMonitor(Protocol):
    """A shared monitor in physical pixels with its scale, as the screen share reported it (the
    protocol's `Monitor` is one)."""

    @property
    def x(self) -> int: ...
    @property
    def y(self) -> int: ...
    @property
    def width(self) -> int: ...
    @property
    def height(self) -> int: ...
    @property
    def scale(self) -> float: ...


@dataclass(frozen=True)
class StreamPoint:
    node_id: int
    x: float
    y: float


def stream_point(
    monitors: Sequence[PlacedMonitor], streams: Sequence[PortalStream], x: int, y: int
) -> StreamPoint | None:
    """The stream and the position in its frame pixels for physical desktop pixel (x, y); None
    when no shared monitor contains it or no stream of the input session shows that monitor."""
    layout_scale = max((monitor.scale for monitor in monitors), default=1.0)
    for monitor in monitors:
        if monitor.x <= x < monitor.x + monitor.width and monitor.y <= y < monitor.y + monitor.height:
            stream = _stream_of(monitor, layout_scale, streams)
            if stream is None:
                return None
            return StreamPoint(stream.node_id, float(x - monitor.x), float(y - monitor.y))
    return None


def _stream_of(
    monitor: PlacedMonitor, layout_scale: float, streams: Sequence[PortalStream]
) -> PortalStream | None:
    """The stream at the monitor's logical origin (rounding makes it exact to within a pixel)."""
    origin_x, origin_y = monitor.x / layout_scale, monitor.y / layout_scale
    for stream in streams:
        if abs(stream.x - origin_x) <= 1 and abs(stream.y - origin_y) <= 1:
            return stream
    return None
