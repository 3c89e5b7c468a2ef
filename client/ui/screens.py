"""What Qt knows about the monitors that the capture backends cannot: each one's device-pixel ratio."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication


def screen_scales() -> dict[tuple[int, int], float]:
    """Each monitor's device-pixel ratio, keyed by its top-left corner in physical pixels.

    Qt keeps a screen's top-left in native (physical) coordinates and scales only its size, so the
    corner names the same monitor that the capture backend reports. Call on the GUI thread.
    """
    return {
        (screen.geometry().x(), screen.geometry().y()): float(screen.devicePixelRatio())
        for screen in QGuiApplication.screens()
    }
