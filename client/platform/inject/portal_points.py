"""Where a desktop pixel lands in a portal stream: pure arithmetic, tested with fractional scales.

The protocol speaks physical pixels of the virtual desktop. The capture placed each monitor at its
logical origin times the largest scale of all monitors (`capture.portal_backend.stream_geometry`);
this finds the monitor, and so the stream, back from a pixel.

What GNOME does with a position, measured on the test desktop at scale 1.5 (a 1200x900 monitor,
800x600 logical): mutter reads `NotifyPointerMotionAbsolute` in the stream's own (frame) pixels and
divides by the scale, while xdg-desktop-portal refuses ("Invalid position") anything beyond the
stream's logical `size`. So the first 800x600 frame pixels are reached directly, and the rest of
the monitor only from there: an absolute move to the last allowed pixel, then a relative
`NotifyPointerMotion` by the remainder, which mutter takes in logical pixels. At scale 1.0 (and
with GNOME's default integer scaling, whose layout is in physical pixels) the remainder is zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
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
    """Move to (x, y) of stream `node_id`, then by (dx, dy) logical pixels (zero when reached)."""

    node_id: int
    x: float
    y: float
    dx: float = 0.0
    dy: float = 0.0


def stream_point(
    monitors: Sequence[PlacedMonitor], streams: Sequence[PortalStream], x: int, y: int
) -> StreamPoint | None:
    """How to reach physical desktop pixel (x, y): the stream, the position in its frame pixels
    the portal accepts, and the logical rest; None when no shared monitor contains the pixel or no
    stream of the input session shows that monitor."""
    layout_scale = max((monitor.scale for monitor in monitors), default=1.0)
    for monitor in monitors:
        if monitor.x <= x < monitor.x + monitor.width and monitor.y <= y < monitor.y + monitor.height:
            stream = _stream_of(monitor, layout_scale, streams)
            if stream is None:
                return None
            local_x, local_y = x - monitor.x, y - monitor.y
            reach_x, reach_y = min(local_x, stream.width - 1), min(local_y, stream.height - 1)
            return StreamPoint(
                stream.node_id,
                float(reach_x),
                float(reach_y),
                (local_x - reach_x) / monitor.scale,
                (local_y - reach_y) / monitor.scale,
            )
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
