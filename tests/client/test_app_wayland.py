"""A Wayland desktop without a screen-cast portal: the client says, in the customer's language,
to log into an X11 session, and neither shows the number field nor connects anywhere."""

import pytest
from PySide6.QtCore import QLocale

from client.app import CustomerApp
from client.config import ClientConfig
from client.platform.desktop import PortalOffer, SessionKind, choose_desktop
from client.transport import ServerTrust
from client.ui.i18n import install_translators
from tests.client.peer import ScriptedServer
from tests.support.customer import until

pytestmark = pytest.mark.gui

NO_PORTAL = choose_desktop(SessionKind.WAYLAND, None)
NO_XWAYLAND = choose_desktop(
    SessionKind.WAYLAND, PortalOffer(screencast=True, remote_desktop=True), xwayland=False
)
SCREENCAST_ONLY = choose_desktop(SessionKind.WAYLAND, PortalOffer(screencast=True, remote_desktop=False))


@pytest.mark.parametrize(
    "desktop", [NO_PORTAL, NO_XWAYLAND], ids=["no portal", "no XWayland for the watermark"]
)
def test_without_a_portal_the_customer_is_told_to_use_an_x11_session_before_any_number(
    loop, qtbot, tmp_path, desktop
):
    async def scenario():
        server = ScriptedServer(tmp_path)
        await server.start()
        config = ClientConfig("Beispiel GmbH", ServerTrust(server.url, server.ca_path.read_bytes()), "")
        app = CustomerApp(config, desktop=desktop)
        app.start()
        await until(lambda: app.desktop_notice is not None and app.desktop_notice.isVisible())
        text = app.desktop_notice.text()
        assert "X11" in text and "Xorg" in text and "login screen" in text
        assert not app.number_dialog.isVisible()
        app.desktop_notice.accept()
        await until(app.finished.is_set)
        assert server.log.messages == []
        await app.shutdown()
        await server.stop()

    loop.run_until_complete(scenario())


def test_the_x11_advice_is_german_for_a_german_customer(loop, qapp, qtbot):
    translators = install_translators(qapp, QLocale("de_DE"))
    try:
        config = ClientConfig("Beispiel GmbH", ServerTrust("wss://127.0.0.1:1", b""), "")
        app = CustomerApp(config, desktop=NO_PORTAL)
        app.start()
        text = app.desktop_notice.text()
        assert "Anmeldebildschirm" in text and "„X11“" in text and "„Xorg“" in text
        app.desktop_notice.accept()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_a_portal_that_only_casts_the_screen_lets_the_session_start(loop, qtbot):
    async def scenario():
        config = ClientConfig("Beispiel GmbH", ServerTrust("wss://127.0.0.1:1", b""), "")
        app = CustomerApp(config, desktop=SCREENCAST_ONLY)
        app.start()
        assert app.desktop_notice is None
        assert app.number_dialog.isVisible()
        app.number_dialog.reject()
        await until(app.finished.is_set)
        await app.shutdown()

    loop.run_until_complete(scenario())
