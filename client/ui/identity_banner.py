"""The line at the top of every consent dialog that says whether the caller's identity was verified."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from client.core.identity import VerifiedIdentity

VERIFIED_STYLE = "background: #e3f4e8; color: #0b5a26; border: 1px solid #0b5a26; padding: 6px;"
UNVERIFIED_STYLE = "background: #fde8e8; color: #8a0010; border: 1px solid #8a0010; padding: 6px;"


class IdentityBanner(QLabel):
    """ "Verified: <organisation>" with the expert and the short code, or a warning if unverified."""

    def __init__(self, identity: VerifiedIdentity | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.verified = identity is not None
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        if identity is None:
            self.setText(
                self.tr(
                    "Warning: who is asking could not be verified. Only continue if you are sure "
                    "you know who you are talking to."
                )
            )
            self.setStyleSheet(UNVERIFIED_STYLE)
            self.setAccessibleName(self.tr("Identity not verified"))
            return
        descriptor = identity.descriptor
        self.setText(
            self.tr("Verified: %1\nExpert: %2 (staff ID %3)\nSecurity code: %4 — ask them to read it out")
            .replace("%1", descriptor.organisation)
            .replace("%2", descriptor.expert_name)
            .replace("%3", descriptor.staff_id)
            .replace("%4", identity.code)
        )
        self.setStyleSheet(VERIFIED_STYLE)
        self.setAccessibleName(self.tr("Identity verified"))
