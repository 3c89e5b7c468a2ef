"""PySide6 6.12.0 leaks references to True/None until the interpreter aborts; keep it out.

Measured: every Signal.emit() dropped a reference to True, every QTimer.singleShot(0, f) and every
QPainter call one to None. 6.11.3 is clean. The pin in pyproject.toml keeps 6.12 out; these tests
make an upgrade that brings the bug back fail loudly instead of crashing customers' sessions.
"""

import gc
import sys

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter

ROUNDS = 5000
TOLERANCE = ROUNDS // 10
"""The bug drops one reference per call; unrelated garbage moves the count by a few hundred at most."""


class _Emitter(QObject):
    fired = Signal(bool)


def test_signal_emit_keeps_the_refcount_of_true(qapp):
    emitter = _Emitter()
    received: list[bool] = []
    emitter.fired.connect(received.append)
    gc.collect()
    before = sys.getrefcount(True)
    for _ in range(ROUNDS):
        emitter.fired.emit(True)
    received.clear()
    gc.collect()
    assert before - sys.getrefcount(True) < TOLERANCE


def test_single_shot_timers_keep_the_refcount_of_none(qapp):
    calls: list[int] = []
    gc.collect()
    before = sys.getrefcount(None)
    for _ in range(ROUNDS):
        QTimer.singleShot(0, lambda: calls.append(1))
    while len(calls) < ROUNDS:
        QCoreApplication.processEvents()
    gc.collect()
    assert before - sys.getrefcount(None) < TOLERANCE


def test_painting_keeps_the_refcount_of_none(qapp):
    image = QImage(64, 64, QImage.Format.Format_RGB32)
    gc.collect()
    before = sys.getrefcount(None)
    for _ in range(ROUNDS):
        painter = QPainter(image)
        painter.fillRect(0, 0, 8, 8, QColor(1, 2, 3))
        painter.end()
    gc.collect()
    assert before - sys.getrefcount(None) < TOLERANCE
