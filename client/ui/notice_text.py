"""Plain-language, translated text for each notice the session core raises."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from client.core.actions import Notice


def notice_text(notice: Notice, retry_after: int = 0, expert_name: str = "") -> str:
    """The sentence shown to the customer for `notice`."""
    if notice is Notice.INVALID_NUMBER:
        return QCoreApplication.translate(
            "Notice", "This session number is not valid. Please check it with your support contact."
        )
    if notice is Notice.RATE_LIMITED:
        return QCoreApplication.translate(
            "Notice", "Too many wrong numbers were tried. Please wait %1 seconds and try again."
        ).replace("%1", str(max(retry_after, 1)))
    if notice is Notice.UNREACHABLE:
        return QCoreApplication.translate(
            "Notice", "The support server cannot be reached. Please check your internet connection."
        )
    if notice is Notice.CERTIFICATE:
        return QCoreApplication.translate(
            "Notice",
            "The support server could not prove its identity, so no connection was made. "
            "Please tell your support contact.",
        )
    if notice is Notice.VERSION:
        return QCoreApplication.translate(
            "Notice", "This version of Fernhilfe is too old or too new for the support server."
        )
    if notice is Notice.PROTOCOL_ERROR:
        return QCoreApplication.translate(
            "Notice", "The support server sent something unexpected. The session was ended for your safety."
        )
    if notice is Notice.CONNECTION_LOST:
        return QCoreApplication.translate(
            "Notice", "The connection to the support server was lost. Nothing is shared any more."
        )
    if notice is Notice.RESUME_FAILED:
        return QCoreApplication.translate(
            "Notice",
            "The connection to the support server could not be restored, so the session has ended. "
            "Nobody sees your screen any more.",
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
            "Notice", "The support server ended the session. Nothing is shared any more."
        )
    if notice is Notice.WATERMARK_FAILED:
        return QCoreApplication.translate(
            "Notice", "The sharing notice could not be shown, so your screen was not shared."
        )
    return QCoreApplication.translate(
        "Notice", "Your screen could not be captured any more, so the session was ended."
    )
