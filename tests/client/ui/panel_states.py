"""Drives a control panel through every state it can show and reports where it and its End button are.

Imported by the tests, and run as `python -m tests.client.ui.panel_states` in a process of its own
for what must be set before Qt starts (QT_SCALE_FACTOR); then it prints one JSON line per state.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator

from PySide6.QtCore import QLocale, QRect
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from client.ui.control_panel import ControlPanel
from client.ui.i18n import install_translators

LONG_MESSAGE = "Bitte klicken Sie unten links auf das Windows-Symbol und dann auf Einstellungen. " * 4


def _settle() -> None:
    QTest.qWait(60)


def _write_many(panel: ControlPanel) -> None:
    for number in range(40):
        panel.chat.add_message("Sie", f"Ok {number}", "17:01", own=True)


def _states(panel: ControlPanel) -> Iterator[tuple[str, Callable[[], None]]]:
    area = panel.screen().availableGeometry()
    yield "viewing", lambda: None
    yield "control granted", lambda: panel.show_control(2, True)
    yield "customer holds control", lambda: panel.show_control(2, False)
    yield (
        "chat opened by a message",
        lambda: panel.chat.add_message("Anna Berger", LONG_MESSAGE, "17:00", own=False),
    )
    yield "many messages", lambda: _write_many(panel)
    yield "dragged below the screen", lambda: panel.move(area.left() + 10, area.bottom() - 40)
    yield "chat closed", panel.chat.toggle_button.click
    yield "dragged past the top left", lambda: panel.move(area.left() - 200, area.top() - 200)
    yield "chat reopened at the top", panel.chat.toggle_button.click
    yield "view only again", lambda: panel.show_control(1, False)


def walk(panel: ControlPanel) -> Iterator[tuple[str, QRect, QRect, QRect]]:
    """(state, panel frame, available area, End button) in global coordinates, state after state."""
    panel.show()
    panel.place_bottom_right()
    QTest.qWaitForWindowExposed(panel)
    for name, step in _states(panel):
        step()
        _settle()
        button = panel.end_button
        end = QRect(button.mapToGlobal(button.rect().topLeft()), button.size())
        yield name, panel.frameGeometry(), panel.screen().availableGeometry(), end


def _rect(rect: QRect) -> list[int]:
    return [rect.x(), rect.y(), rect.width(), rect.height()]


def main() -> int:
    app = QApplication(sys.argv[:1])
    translators = install_translators(app, QLocale(sys.argv[1] if len(sys.argv) > 1 else "de_DE"))
    panel = ControlPanel("Anna Berger", "Beispiel GmbH")
    for name, frame, area, end in walk(panel):
        line = {"state": name, "frame": _rect(frame), "area": _rect(area), "end": _rect(end)}
        line["end_text"] = panel.end_button.text()
        print(json.dumps(line), flush=True)
    del translators
    return 0


if __name__ == "__main__":
    sys.exit(main())
