"""Plain-language, translated text for each notice the session core raises."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from client.core.notice import Notice

IDENTITY_WARNINGS = frozenset(
    {
        Notice.IDENTITY_MISSING,
        Notice.IDENTITY_INVALID,
        Notice.IDENTITY_EXPIRED,
        Notice.IDENTITY_OTHER_SESSION,
        Notice.CALLED_BY_THEM,
    }
)
"""Notices that are warnings: the customer may be talking to a scammer."""

PROBLEMS = frozenset(
    {
        Notice.INVALID_NUMBER,
        Notice.RATE_LIMITED,
        Notice.UNREACHABLE,
        Notice.CERTIFICATE,
        Notice.VERSION,
        Notice.PROTOCOL_ERROR,
        Notice.CONNECTION_LOST,
        Notice.WATERMARK_FAILED,
        Notice.SHARE_FAILED,
        Notice.RESUME_FAILED,
        Notice.ENDED_BY_SERVER,
    }
)
"""Notices that report something gone wrong: they show the support phone and offer diagnostics."""


def notice_text(notice: Notice, retry_after: int = 0, expert_name: str = "", phone: str = "") -> str:
    """The sentence shown to the customer for `notice`; `phone` is the organisation's official number."""
    if notice in IDENTITY_WARNINGS:
        return _identity_warning(notice, phone)
    if notice is Notice.INVALID_NUMBER:
        return QCoreApplication.translate(
            "Notice",
            "This session number is wrong or has expired. "
            "Please check it, or ask your support contact for a new one.",
        )
    if notice is Notice.RATE_LIMITED:
        return QCoreApplication.translate(
            "Notice", "Too many wrong numbers were tried. Please wait %1 seconds and try again."
        ).replace("%1", str(max(retry_after, 1)))
    if notice is Notice.UNREACHABLE:
        return QCoreApplication.translate(
            "Notice",
            "The support server cannot be reached. Please check your internet connection and try again.",
        )
    if notice is Notice.CERTIFICATE:
        return QCoreApplication.translate(
            "Notice",
            "The support server could not prove its identity, so no connection was made. "
            "Please tell your support contact.",
        )
    if notice is Notice.VERSION:
        return QCoreApplication.translate(
            "Notice",
            "This version of Fernhilfe is too old or too new for the support server. "
            "Please ask your support contact for the current download.",
        )
    if notice is Notice.PROTOCOL_ERROR:
        return QCoreApplication.translate(
            "Notice",
            "The support server sent something unexpected. The session was ended for your safety. "
            "Please ask your support contact for a new session number.",
        )
    if notice is Notice.CONNECTION_LOST:
        return QCoreApplication.translate(
            "Notice",
            "The connection to the support server was lost. Nothing is shared any more. "
            "To go on, ask your support contact for a new session number.",
        )
    if notice is Notice.RESUME_FAILED:
        return QCoreApplication.translate(
            "Notice",
            "The connection to the support server could not be restored, so the session has ended. "
            "Nobody sees your screen any more. "
            "To go on, ask your support contact for a new session number.",
        )
    if notice is Notice.CONSENT_DENIED:
        return QCoreApplication.translate("Notice", "You denied access. Nothing was shared.")
    if notice is Notice.ENDED_BY_CUSTOMER:
        return QCoreApplication.translate("Notice", "You ended the session.")
    if notice is Notice.ENDED_BY_EXPERT:
        return QCoreApplication.translate(
            "Notice", "%1 ended the session. Nothing is shared any more."
        ).replace("%1", expert_name or QCoreApplication.translate("Notice", "Your support contact"))
    if notice is Notice.ENDED_BY_SERVER:
        return QCoreApplication.translate(
            "Notice",
            "The support server ended the session. Nothing is shared any more. "
            "If you still need help, ask your support contact for a new session number.",
        )
    if notice is Notice.WATERMARK_FAILED:
        return QCoreApplication.translate(
            "Notice",
            "The sharing notice could not be shown, so your screen was not shared. "
            "Please tell your support contact.",
        )
    return QCoreApplication.translate(
        "Notice",
        "Your screen could not be captured any more, so the session was ended. "
        "Please tell your support contact.",
    )


def use_x11_text() -> str:
    """Why a Wayland desktop without a screen-cast portal cannot be shared, and what to do instead."""
    return QCoreApplication.translate(
        "CustomerApp",
        "Fernhilfe cannot share this screen: this computer runs a Wayland desktop that offers "
        "no screen sharing, or none with Fernhilfe\u2019s notice kept in view. Please log out, "
        "choose an \u201cX11\u201d or \u201cXorg\u201d session on "
        "the login screen (often behind a gear icon next to the password field), log in again "
        "and start Fernhilfe once more.",
    )


def _identity_warning(notice: Notice, phone: str) -> str:
    if notice is Notice.CALLED_BY_THEM:
        reason = QCoreApplication.translate("Notice", "You said you were called.")
    elif notice is Notice.IDENTITY_MISSING:
        reason = QCoreApplication.translate("Notice", "The server did not say who is asking.")
    elif notice is Notice.IDENTITY_EXPIRED:
        reason = QCoreApplication.translate(
            "Notice", "The proof of who is asking has expired (or this computer's clock is wrong)."
        )
    elif notice is Notice.IDENTITY_OTHER_SESSION:
        reason = QCoreApplication.translate(
            "Notice", "The proof of who is asking belongs to another session."
        )
    else:
        reason = QCoreApplication.translate(
            "Notice", "The proof of who is asking is not genuine: it was changed or signed by someone else."
        )
    warning = QCoreApplication.translate(
        "Notice", "Warning: %1 The session was ended and nothing was shared."
    ).replace("%1", reason)
    if phone:
        warning += " " + QCoreApplication.translate(
            "Notice", "If in doubt, call your support organisation yourself at %1."
        ).replace("%1", phone)
    return warning
