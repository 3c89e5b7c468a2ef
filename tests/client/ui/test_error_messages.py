"""Every error the customer can meet says what to do next and shows the organisation's number.

The paths are enumerated: every notice of the session core that is not the customer's own choice
or the expert's ordinary goodbye, the number dialog's errors, the receipt that could not be
saved, the Wayland advice, the refused or failed administrator rights, and the messages when
Fernhilfe cannot start, be kept or be removed.
Each is checked in English and in German, as the customer sees it (the visible labels).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QLabel, QWidget

from client.core import actions as act
from client.core.notice import Notice
from client.ui.admin_view import AdminView
from client.ui.branding import Organisation
from client.ui.i18n import install_translators
from client.ui.notice_dialog import final_notice, use_x11_notice
from client.ui.notice_text import PROBLEMS, notice_text
from client.ui.number_dialog import SessionNumberDialog
from client.ui.receipt_dialog import ReceiptDialog
from client.ui.start_messages import StartProblem, start_message

PHONE = "+49 30 1234567"
ORGANISATION = Organisation("Beispiel GmbH", None, PHONE)
NOT_ERRORS = {Notice.CONSENT_DENIED, Notice.ENDED_BY_CUSTOMER, Notice.ENDED_BY_EXPERT}
"""The customer's own choices, and the expert ending as agreed: nothing went wrong."""
NEXT_STEP = {
    "en": ("Please", "please", "ask", "try again", "start Fernhilfe", "can ask again", "call"),
    "de": ("Bitte", "bitte", "Sie"),
}
"""Words with which each language tells the customer what to do."""


def visible_text(widget: QWidget) -> str:
    return " ".join(label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget))


def final_notice_text(notice: Notice) -> str:
    return visible_text(final_notice(ORGANISATION, notice, "Anna Schmidt"))


def number_dialog_text(notice: Notice) -> str:
    dialog = SessionNumberDialog(ORGANISATION.name)
    dialog.show_branding(None, PHONE)
    dialog.show_error(notice_text(notice, retry_after=30))
    return visible_text(dialog)


def admin_text(dismissed: bool) -> str:
    view = AdminView(PHONE)
    view.show_step(act.ShowAdminUnavailable(dismissed=dismissed))
    return visible_text(view)


def error_paths() -> Iterator[tuple[str, Callable[[], str]]]:
    for notice in Notice:
        if notice not in NOT_ERRORS:
            yield f"session ends: {notice.value}", partial(final_notice_text, notice)
    for notice in PROBLEMS:
        yield f"number dialog: {notice.value}", partial(number_dialog_text, notice)
    yield "receipt not saved", lambda: visible_text(ReceiptDialog("<p>Receipt</p>", None, ORGANISATION))
    yield "Wayland without a portal", lambda: visible_text(use_x11_notice(ORGANISATION))
    yield "administrator password prompt dismissed", lambda: admin_text(dismissed=True)
    yield "administrator rights failed", lambda: admin_text(dismissed=False)
    for problem in StartProblem:
        yield f"start: {problem.name}", partial(start_message, problem, "it failed", PHONE)

PATHS = dict(error_paths())


@pytest.mark.parametrize("path", PATHS)
def test_every_error_says_what_to_do_and_whom_to_call(qapp, path):
    text = PATHS[path]()
    assert PHONE in text, text
    assert any(step in text for step in NEXT_STEP["en"]), text


@pytest.mark.parametrize("path", PATHS)
def test_every_error_is_german_for_a_german_customer(qapp, path):
    english = PATHS[path]()
    translators = install_translators(qapp, QLocale("de_DE"))
    try:
        text = PATHS[path]()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
    assert text != english
    assert PHONE in text, text
    assert any(step in text for step in NEXT_STEP["de"]), text
