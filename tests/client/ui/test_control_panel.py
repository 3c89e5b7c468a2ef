"""The control panel stays wholly on screen whatever it shows, and "End session" is always reachable."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QKeySequence

from client.core.actions import LinkTrouble
from client.ui.control_panel import ControlPanel, fitted_rect
from tests.client.ui.panel_states import walk

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[3]


def assert_inside(state, frame, area, end):
    assert area.contains(frame), f"{state}: panel {frame} leaves the screen {area}"
    assert frame.contains(end), f"{state}: End button {end} is outside the panel {frame}"
    assert end.height() > 0


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_panel_stays_inside_the_screen_in_every_state(qtbot, qapp, language, request):
    if language == "de":
        request.getfixturevalue("german")
    panel = ControlPanel("Anna Berger", "Beispiel GmbH")
    qtbot.addWidget(panel)
    states = []
    for name, frame, area, end in walk(panel):
        assert_inside(name, frame, area, end)
        states.append(name)
    assert len(states) == 10
    assert panel.end_button.text() == ("&Stopp" if language == "de" else "&Stop")


def test_the_panel_stays_inside_the_screen_at_scale_2_in_german():
    """QT_SCALE_FACTOR must be set before Qt starts, so this runs in a process of its own."""
    env = {**os.environ, "QT_SCALE_FACTOR": "2", "QT_QPA_PLATFORM": "xcb"}
    run = subprocess.run(
        [sys.executable, "-m", "tests.client.ui.panel_states", "de_DE"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(lines) == 10, run.stderr
    for line in lines:
        area = QRect(*line["area"])
        assert area.width() == 960, "the 1920 px test screen is 960 logical pixels wide at scale 2"
        assert_inside(line["state"], QRect(*line["frame"]), area, QRect(*line["end"]))
        assert line["end_text"] == "&Stopp"


def test_growing_keeps_the_bottom_right_corner_and_the_area_wins():
    area = QRect(0, 0, 1000, 800)
    assert fitted_rect(QRect(0, 0, 300, 200), QRect(0, 0, 976, 776).bottomRight(), area) == QRect(
        676, 576, 300, 200
    )
    assert fitted_rect(QRect(0, 0, 300, 900), QRect(0, 0, 976, 776).bottomRight(), area) == QRect(
        676, 0, 300, 800
    )
    assert fitted_rect(QRect(0, 0, 300, 200), QRect(-50, -50, 100, 100).bottomRight(), area) == QRect(
        0, 0, 300, 200
    )


@pytest.mark.parametrize("language", ["en", "de"])
def test_stop_is_red_and_is_alt_s_in_both_languages(qtbot, language, request):
    if language == "de":
        request.getfixturevalue("german")
    panel = ControlPanel("Anna Berger", "Beispiel GmbH")
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    colour = panel.end_button.grab().toImage().pixelColor(4, panel.end_button.height() // 2)
    assert colour.red() > 150 > colour.green() and colour.blue() < 100, colour.name()
    mnemonic = QKeySequence.mnemonic(panel.end_button.text())
    assert mnemonic.matches(QKeySequence("Alt+S")) is QKeySequence.SequenceMatch.ExactMatch
    assert "Alt+S" in panel.accessibleDescription()


@pytest.mark.parametrize(
    ("language", "shortcut", "shown"),
    [
        ("en", "Ctrl+Alt+End", "Or press Ctrl+Alt+End anywhere to stop."),
        ("en", "Control+Option+End", "Or press Control+Option+End anywhere to stop."),
        ("de", "Ctrl+Alt+End", "Oder drücken Sie überall Strg+Alt+Ende, um zu stoppen."),
        ("de", "Control+Option+End", "Oder drücken Sie überall Control+Wahltaste+Ende, um zu stoppen."),
    ],
)
def test_the_stop_shortcut_is_named_as_the_keyboard_prints_it(qtbot, language, shortcut, shown, request):
    if language == "de":
        request.getfixturevalue("german")
    panel = ControlPanel("Anna Berger", "Beispiel GmbH")
    qtbot.addWidget(panel)
    panel.show_stop_shortcut(shortcut)
    assert panel.shortcut_label.text() == shown


@pytest.mark.parametrize("language", ["en", "de"])
def test_while_reconnecting_the_panel_says_why_and_afterwards_what_it_said_before(
    qtbot, qapp, language, request
):
    if language == "de":
        request.getfixturevalue("german")
    panel = ControlPanel("Anna Berger", "Beispiel GmbH")
    qtbot.addWidget(panel)
    before = panel.status_label.text()
    told = set()
    for trouble in LinkTrouble:
        panel.show_reconnecting(trouble)
        told.add(panel.status_label.text())
    restarting = {"en": "restarting", "de": "startet neu"}[language]
    panel.show_reconnecting(LinkTrouble.SERVER_RESTARTING)
    assert restarting in panel.status_label.text()
    assert len(told) == len(LinkTrouble) and before not in told
    panel.show_reconnecting(None)
    assert panel.status_label.text() == before
