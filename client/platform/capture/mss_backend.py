"""Screen capture with mss (X11 today; mss also serves Windows and macOS): the only module importing mss.

mss is imported when a capture is opened, not at module import: importing it or creating `mss.MSS()`
fails without a display server, and the client must still start (and report) in that case.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from client.platform.capture.base import CapturedImage, CaptureError, MonitorGeometry


def geometries_from_mss(
    mss_monitors: Sequence[Mapping[str, Any]], scales: Mapping[tuple[int, int], float] | None = None
) -> list[MonitorGeometry]:
    """Map mss's monitor list to protocol monitors.

    mss entry 0 is the union of all monitors; entries 1.. are the real ones and become ids 0.. .
    The primary is the one mss marks `is_primary`, else the first (mss's own fallback). `scales`
    maps a monitor's top-left corner (physical pixels) to the device-pixel ratio the caller knows
    (Qt's per-screen DPR); 1.0 otherwise, since mss reports none.
    """
    real = list(mss_monitors[1:])
    marked = [index for index, monitor in enumerate(real) if monitor.get("is_primary", False)]
    primary = marked[0] if marked else 0
    known = scales or {}
    return [
        MonitorGeometry(
            id=index,
            x=int(monitor["left"]),
            y=int(monitor["top"]),
            width=int(monitor["width"]),
            height=int(monitor["height"]),
            scale=float(known.get((int(monitor["left"]), int(monitor["top"])), 1.0)),
            primary=index == primary,
        )
        for index, monitor in enumerate(real)
    ]


class MssScreenCapture:
    """A `ScreenCapture` backed by one `mss.MSS` object.

    Threading: construct, use and close on one thread (mss keeps per-thread display state); the
    screen share does so on its worker thread.
    """

    def __init__(self, scales: Mapping[tuple[int, int], float] | None = None) -> None:
        try:
            import mss

            self._mss: Any = mss.MSS()
            self._error: type[Exception] = mss.ScreenShotError
            self._geometries = geometries_from_mss(self._mss.monitors, scales)
        except Exception as exc:
            raise CaptureError(f"cannot open the display for capture: {exc}") from exc
        if not self._geometries:
            self._mss.close()
            raise CaptureError("the display reports no monitors")

    def monitors(self) -> list[MonitorGeometry]:
        return list(self._geometries)

    def grab(self, monitor_id: int) -> CapturedImage:
        if not 0 <= monitor_id < len(self._geometries):
            raise CaptureError(f"no monitor {monitor_id}")
        geometry = self._geometries[monitor_id]
        region = {"left": geometry.x, "top": geometry.y, "width": geometry.width, "height": geometry.height}
        try:
            shot = self._mss.grab(region)
        except self._error as exc:
            raise CaptureError(f"grabbing monitor {monitor_id} failed: {exc}") from exc
        # `raw` is a fresh bytearray per grab (mss copies out of its shared-memory segment).
        return CapturedImage(int(shot.width), int(shot.height), shot.raw)

    def close(self) -> None:
        self._mss.close()
