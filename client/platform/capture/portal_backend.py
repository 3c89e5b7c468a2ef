"""Screen capture on Wayland: the desktop portal's ScreenCast session, frames from PipeWire.

Opening it asks the portal, which may show its own "share your screen" dialog; the screen share
opens the capture only after the customer allowed tier 1 in our consent dialog, so the portal's
dialog always comes second. Monitor geometry: the portal gives each stream's place in the
compositor's logical layout; the frames are physical pixels, so a monitor's scale is frame width
over logical width. Origins are the logical origins times the largest scale of all monitors: with
mixed scales (1.5 beside 1.0) that keeps neighbours from overlapping in physical pixels.
"""

from __future__ import annotations

from dataclasses import replace

from client.platform.capture.base import CapturedImage, CaptureError, MonitorGeometry, StreamResized
from client.platform.capture.pipewire_frames import PipeWireFrames
from client.platform.portal.bus import PortalBus, PortalError
from client.platform.portal.sessions import DIALOG_TIMEOUT_S, PortalSession, PortalStream, open_screencast


def stream_scale(stream: PortalStream, width: int) -> float:
    """Physical over logical pixels: 2400-pixel frames of a 1920-wide stream are scale 1.25."""
    return width / stream.width if stream.width > 0 else 1.0


def in_layout_order(streams: list[PortalStream]) -> list[PortalStream]:
    """Left to right, then top to bottom, as mss numbers monitors; the portal's order is its own
    (GNOME listed the right monitor first here)."""
    return sorted(streams, key=lambda stream: (stream.x, stream.y))


def primary_index(streams: list[PortalStream]) -> int:
    """The stream at the layout's origin: GNOME puts the primary monitor there; else the first."""
    return next((index for index, s in enumerate(streams) if (s.x, s.y) == (0, 0)), 0)


def stream_geometry(
    monitor_id: int, stream: PortalStream, width: int, height: int, layout_scale: float, *, primary: bool
) -> MonitorGeometry:
    """A stream's monitor in physical pixels, given the size of its frames and the largest scale
    of all shared monitors (`layout_scale`), by which logical origins are multiplied."""
    return MonitorGeometry(
        id=monitor_id,
        x=round(stream.x * layout_scale),
        y=round(stream.y * layout_scale),
        width=width,
        height=height,
        scale=stream_scale(stream, width),
        primary=primary,
    )


class PortalScreenCapture:
    """The `ScreenCapture` of a Wayland desktop. Raises `CaptureError` (a refusal in the portal's
    dialog included) from the constructor; the screen share then reports the tier as failed."""

    def __init__(self, dialog_timeout_s: float = DIALOG_TIMEOUT_S) -> None:
        self._frames: list[PipeWireFrames] = []
        self._nodes: list[int] = []
        self._session: PortalSession | None = None
        try:
            bus = PortalBus()
        except PortalError as exc:
            raise CaptureError(str(exc)) from exc
        try:
            self._session = open_screencast(bus, dialog_timeout_s)
            streams = in_layout_order(self._session.streams)
            self._nodes = [stream.node_id for stream in streams]
            for stream in streams:
                self._frames.append(PipeWireFrames(self._session.open_pipewire_remote(), stream.node_id))
            images = [frames.latest() for frames in self._frames]
            scale = max(stream_scale(s, i.width) for s, i in zip(streams, images, strict=True))
            first = primary_index(streams)
            self._monitors = [
                stream_geometry(index, stream, image.width, image.height, scale, primary=index == first)
                for index, (stream, image) in enumerate(zip(streams, images, strict=True))
            ]
        except (PortalError, CaptureError) as exc:
            self.close()
            bus.close()
            raise CaptureError(f"the desktop portal did not share the screen: {exc}") from exc

    def monitors(self) -> list[MonitorGeometry]:
        return list(self._monitors)

    def grab(self, monitor_id: int) -> CapturedImage:
        if not 0 <= monitor_id < len(self._frames):
            raise CaptureError(f"no monitor {monitor_id}")
        try:
            return self._frames[monitor_id].latest()
        except StreamResized:
            return self._restart(monitor_id)

    def _restart(self, monitor_id: int) -> CapturedImage:
        """Read a resized stream afresh, on a new PipeWire connection to the same portal session
        (no dialog); the monitor keeps its place and scale and takes the new size."""
        assert self._session is not None
        self._frames[monitor_id].close()
        frames = PipeWireFrames(self._session.open_pipewire_remote(), self._nodes[monitor_id])
        self._frames[monitor_id] = frames
        image = frames.latest()
        resized = replace(self._monitors[monitor_id], width=image.width, height=image.height)
        self._monitors[monitor_id] = resized
        return image

    def close(self) -> None:
        for frames in self._frames:
            frames.close()
        self._frames = []
        if self._session is not None:
            self._session.close()
            self._session.bus.close()
            self._session = None
