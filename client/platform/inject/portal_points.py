"""Where a desktop pixel lands in a portal stream: pure arithmetic, tested with fractional scales.

The portal takes absolute pointer positions per stream, in the stream's logical coordinates (its
`size`), while the protocol speaks physical pixels of the virtual desktop. The capture placed each
monitor at its logical origin times the largest scale of all monitors
(`capture.portal_backend.stream_geometry`); this is the inverse. With a scale of 1.25 a
2400-pixel-wide monitor is 1920 logical pixels wide.
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
    node_id: int
    x: float
    y: float


def stream_point(
    monitors: Sequence[PlacedMonitor], streams: Sequence[PortalStream], x: int, y: int
) -> StreamPoint | None:
    """The stream and logical position for physical desktop pixel (x, y); None when no shared
    monitor contains it or no stream of the input session shows that monitor."""
    layout_scale = max((monitor.scale for monitor in monitors), default=1.0)
    for monitor in monitors:
        if monitor.x <= x < monitor.x + monitor.width and monitor.y <= y < monitor.y + monitor.height:
            stream = _stream_of(monitor, layout_scale, streams)
            if stream is None:
                return None
            local_x = min((x - monitor.x) / monitor.scale, stream.width - 1 / monitor.scale)
            local_y = min((y - monitor.y) / monitor.scale, stream.height - 1 / monitor.scale)
            return StreamPoint(stream.node_id, max(local_x, 0.0), max(local_y, 0.0))
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
