"""The organisation the customer called, on every customer window: logo, name and support phone.

The customer trusts a window because it looks like it comes from the people on the phone. The
name and logo come from the client's built-in configuration (resources/organisation.json), never
from the server, so a server cannot dress up as someone else here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from client.ui.style import Role, mark

LOGO_HEIGHT = 48
"""Logical pixels; the pixmap is rendered for the screen's device-pixel ratio."""


@dataclass(frozen=True)
class Organisation:
    """Who the client was built for."""

    name: str
    logo: Path | None = None
    support_phone: str = ""


def support_text(organisation: Organisation) -> str:
    """ "Questions? Call …", or "" when the organisation gave no phone number."""
    return support_line(organisation.support_phone)


def support_line(phone: str) -> str:
    """ "Questions? Call …" for `phone`, or "" without one: the last line of every error message."""
    if not phone:
        return ""
    return QCoreApplication.translate("Branding", "Questions? Call %1").replace("%1", phone)


def logo_pixmap(logo: Path | None, height: int, ratio: float) -> QPixmap:
    """The logo scaled to `height` logical pixels, sharp at `ratio`; null if it cannot be read."""
    pixmap = QPixmap(str(logo)) if logo is not None else QPixmap()
    if pixmap.isNull():
        return pixmap
    scaled = pixmap.scaledToHeight(round(height * ratio), Qt.TransformationMode.SmoothTransformation)
    scaled.setDevicePixelRatio(ratio)
    return scaled


def set_window_icon(organisation: Organisation) -> None:
    """Every window's icon (title bar, task bar) becomes the organisation's logo, if it has one."""
    icon = QIcon(str(organisation.logo)) if organisation.logo is not None else QIcon()
    if not icon.isNull():
        QGuiApplication.setWindowIcon(icon)


class BrandHeader(QWidget):
    """The logo next to the organisation's name, at the top of a customer window."""

    def __init__(self, organisation: Organisation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.logo_label = QLabel()
        self.name_label = QLabel()
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)
        self.name_label.setWordWrap(True)
        mark(self.name_label, Role.ORGANISATION)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.logo_label)
        layout.addWidget(self.name_label, 1)
        self.show_organisation(organisation)

    def show_organisation(self, organisation: Organisation) -> None:
        """Show `organisation`; a logo that cannot be read is left out rather than stopping the client."""
        self.name_label.setText(organisation.name)
        self.name_label.setAccessibleName(
            QCoreApplication.translate("Branding", "Organisation: %1").replace("%1", organisation.name)
        )
        self.logo_label.setAccessibleName(
            QCoreApplication.translate("Branding", "Logo of %1").replace("%1", organisation.name)
        )
        pixmap = logo_pixmap(organisation.logo, LOGO_HEIGHT, self.devicePixelRatioF())
        self.logo_label.setPixmap(pixmap)
        self.logo_label.setVisible(not pixmap.isNull())
