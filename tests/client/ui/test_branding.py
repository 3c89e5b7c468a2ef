"""Every customer window shows the organisation the client was built for; its logo is the icon."""

import pytest
from PySide6.QtGui import QGuiApplication, QIcon

from client.ui.branding import LOGO_HEIGHT, BrandHeader, Organisation, set_window_icon
from tests.support.window_gallery import ORGANISATION, WINDOWS, show

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("name", [name for name in WINDOWS if name != "watermark"])
def test_every_customer_window_carries_the_organisations_name_and_logo(qtbot, name):
    window = show(name)
    qtbot.addWidget(window)
    headers = window.findChildren(BrandHeader)
    assert len(headers) == 1
    header = headers[0]
    assert header.isVisible() and header.name_label.text() == "Beispiel GmbH"
    assert header.logo_label.isVisible()
    assert header.logo_label.pixmap().deviceIndependentSize().height() == LOGO_HEIGHT
    assert header.logo_label.accessibleName() == "Logo of Beispiel GmbH"
    assert header.mapTo(window, header.rect().topLeft()).y() < 40, "at the top of the window"


def test_the_logo_is_drawn_for_the_screens_pixel_ratio(qtbot):
    header = BrandHeader(ORGANISATION)
    qtbot.addWidget(header)
    pixmap = header.logo_label.pixmap()
    assert pixmap.height() == round(LOGO_HEIGHT * header.devicePixelRatioF())


def test_the_logo_becomes_every_windows_icon(qapp):
    QGuiApplication.setWindowIcon(QIcon())
    set_window_icon(ORGANISATION)
    try:
        icon = QGuiApplication.windowIcon()
        assert not icon.isNull()
        assert icon.pixmap(64).toImage().pixelColor(32, 32) == QIcon(str(ORGANISATION.logo)).pixmap(
            64
        ).toImage().pixelColor(32, 32)
    finally:
        QGuiApplication.setWindowIcon(QIcon())


def test_without_a_logo_the_icon_and_header_stay_plain(qtbot, tmp_path):
    QGuiApplication.setWindowIcon(QIcon())
    set_window_icon(Organisation("Beispiel GmbH", tmp_path / "missing.png"))
    assert QGuiApplication.windowIcon().isNull()
    header = BrandHeader(Organisation("Beispiel GmbH", tmp_path / "missing.png"))
    qtbot.addWidget(header)
    header.show()
    assert not header.logo_label.isVisible()
    assert header.name_label.isVisible()
