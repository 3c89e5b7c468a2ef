"""What the customer is told when Fernhilfe cannot start, be kept or be removed.

Each says what went wrong, what to do next, and whom to call (the organisation's number from the
built-in configuration, even when the rest of that configuration is broken).
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from client.ui.branding import support_line


class StartProblem(Enum):
    """Each value is the English text; %1 is the detail (what failed, or the display's name)."""

    NOT_SET_UP = QT_TRANSLATE_NOOP(
        "Main",
        "Fernhilfe is not set up correctly: %1. Please download Fernhilfe again from your support "
        "organisation.",
    )
    """The built-in configuration (or a development override) cannot be used."""
    NOT_KEPT = QT_TRANSLATE_NOOP(
        "Main",
        "Fernhilfe could not be kept on this computer: %1. Your session was not affected; next time, "
        "start Fernhilfe from the download again.",
    )
    """The customer ticked "keep", but the copy or the menu entry could not be made."""
    NOT_REMOVED = QT_TRANSLATE_NOOP(
        "Main",
        "Fernhilfe could not be removed completely: %1. Please restart the computer and remove it "
        "once more.",
    )
    """`--uninstall` (the menu's "Remove Fernhilfe") left something behind."""
    NO_DISPLAY = QT_TRANSLATE_NOOP(
        "Main",
        "Fernhilfe cannot open its window: the screen (display \u201c%1\u201d) does not answer. "
        "Please start Fernhilfe again from your desktop.",
    )
    """The screen Fernhilfe should open its window on does not answer (Qt would abort)."""


def start_message(problem: StartProblem, detail: str, phone: str) -> str:
    """The translated text for `problem` with `detail`, and the support line after it."""
    text = QCoreApplication.translate("Main", str(problem.value)).replace("%1", detail.rstrip("."))
    return f"{text} {support_line(phone)}".strip()
