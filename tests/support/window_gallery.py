"""Every customer window in each state it can show, built from the real widgets with real text.

The layout test renders them in German and English at several scales; scripts/screenshots.py
uses the same states for the README, so the pictures show what the tests check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from client.core.notice import Notice
from client.core.watermark_state import WatermarkMode, WatermarkState
from client.resources import resources_dir
from client.ui.branding import Organisation
from client.ui.caller_check_dialog import CallerCheckDialog
from client.ui.closing_message import ClosingMessage
from client.ui.consent_dialog import ConsentDialog
from client.ui.control_panel import ControlPanel
from client.ui.i18n import install_translators
from client.ui.notice_dialog import final_notice, use_x11_notice
from client.ui.notice_text import notice_text
from client.ui.number_dialog import SessionNumberDialog
from client.ui.receipt_dialog import ReceiptDialog
from client.ui.watermark import Watermark

ORGANISATION = Organisation("Beispiel GmbH", resources_dir() / "branding" / "logo.png", "+49 30 1234567")
EXPERT = "Anna Berger"
LANGUAGES = ("en", "de")


@contextmanager
def language(code: str) -> Iterator[None]:
    """Widgets made inside speak `code` ("en" is the source text)."""
    app = QCoreApplication.instance()
    assert app is not None
    translators = install_translators(app, QLocale(code)) if code != "en" else []
    try:
        yield
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def _number_dialog() -> SessionNumberDialog:
    dialog = SessionNumberDialog(ORGANISATION.name)
    dialog.show_branding(ORGANISATION.logo, ORGANISATION.support_phone)
    return dialog


def _number_dialog_after_wrong_number() -> SessionNumberDialog:
    dialog = _number_dialog()
    dialog.show()
    dialog.number_edit.setText("673 329 229")
    dialog.show_error(notice_text(Notice.INVALID_NUMBER))
    return dialog


def _number_dialog_unreachable() -> SessionNumberDialog:
    dialog = _number_dialog()
    dialog.show()
    dialog.show_error(notice_text(Notice.UNREACHABLE))
    return dialog


def _consent(tier: int) -> Callable[[], QWidget]:
    def build() -> QWidget:
        dialog = ConsentDialog(
            tier, EXPERT, "Beispiel GmbH", recorded=True, retention_days=90, branding=ORGANISATION
        )
        dialog.set_seconds_left(58)
        return dialog

    return build


def _control_panel(tier: int, chat_open: bool) -> Callable[[], QWidget]:
    def build() -> QWidget:
        panel = ControlPanel(EXPERT, "Beispiel GmbH", branding=ORGANISATION)
        panel.show_control(tier, expert_holds=tier >= 2)
        if chat_open:
            panel.chat.add_message(EXPERT, "Guten Tag! Ich sehe jetzt Ihren Bildschirm.", "10:02", own=False)
            panel.show()
            panel.chat.toggle_button.setChecked(True)
        return panel

    return build


def _notice(notice: Notice) -> Callable[[], QWidget]:
    return partial(final_notice, ORGANISATION, notice, EXPERT)


def _caller_check(warning: bool) -> Callable[[], QWidget]:
    def build() -> QWidget:
        dialog = CallerCheckDialog("Beispiel GmbH", ORGANISATION.support_phone, branding=ORGANISATION)
        if warning:
            dialog.show_warning()
        return dialog

    return build


def _closing_message() -> QWidget:
    return ClosingMessage(stays_installed=False, close_after_s=600, branding=ORGANISATION)


def _receipt_not_saved() -> QWidget:
    return ReceiptDialog("<h1>Fernhilfe</h1><p>Anna Berger, Beispiel GmbH</p>", None, ORGANISATION)


def _watermark() -> QWidget:
    screen = QGuiApplication.primaryScreen()
    return Watermark(screen, WatermarkState(WatermarkMode.VIEWING, EXPERT, "Beispiel GmbH"))


WINDOWS: dict[str, Callable[[], QWidget]] = {
    "number-dialog": _number_dialog,
    "number-dialog-wrong-number": _number_dialog_after_wrong_number,
    "number-dialog-unreachable": _number_dialog_unreachable,
    "consent-view": _consent(1),
    "consent-control": _consent(2),
    "control-panel": _control_panel(1, chat_open=False),
    "control-panel-control-chat": _control_panel(2, chat_open=True),
    "notice-connection-lost": _notice(Notice.CONNECTION_LOST),
    "notice-ended-by-expert": _notice(Notice.ENDED_BY_EXPERT),
    "notice-identity-invalid": _notice(Notice.IDENTITY_INVALID),
    "notice-use-x11": partial(use_x11_notice, ORGANISATION),
    "caller-check": _caller_check(warning=False),
    "caller-check-warning": _caller_check(warning=True),
    "closing-message": _closing_message,
    "receipt-not-saved": _receipt_not_saved,
    "watermark": _watermark,
}
"""Every customer window by a file-name-friendly name."""


def show(name: str) -> QWidget:
    """Build and show one window, laid out and painted."""
    window = WINDOWS[name]()
    window.show()
    QApplication.processEvents()
    return window


def save_png(window: QWidget, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(path)):
        raise OSError(f"cannot write {path}")
