"""Renders every customer window in German and English and reports unreadable text, as JSON.

Run in its own process, because Qt reads the scale (`QT_SCALE_FACTOR`) once, when the
application starts:

    QT_QPA_PLATFORM=offscreen QT_SCALE_FACTOR=1.5 python -m tests.support.render_windows OUT_DIR

Each window is saved as OUT_DIR/<language>/<window>.png; the last line of output is a JSON object
mapping "<language>/<window>" to the problems found (empty lists when all text fits).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from client.ui.style import apply_style
from tests.support.layout_check import layout_problems
from tests.support.window_gallery import LANGUAGES, WINDOWS, language, save_png, show


def main(out: Path) -> dict[str, list[str]]:
    app = QApplication(sys.argv[:1])
    apply_style(app)
    report: dict[str, list[str]] = {}
    for code in LANGUAGES:
        with language(code):
            for name in WINDOWS:
                window = show(name)
                report[f"{code}/{name}"] = layout_problems(window)
                save_png(window, out / code / f"{name}.png")
                window.close()
                window.deleteLater()
                QApplication.processEvents()
    return report


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
