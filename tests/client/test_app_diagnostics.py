"""After a failure the customer copies details for support: the real client, the real clipboard."""

import logging
import socket

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from client.app import CustomerApp
from client.config import ClientConfig
from client.diagnostics import RecentLog
from client.transport import ServerTrust
from tests.client.peer import make_ca_and_server_cert
from tests.support.customer import until

pytestmark = pytest.mark.gui


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_copying_details_after_an_unreachable_server(loop, qtbot, tmp_path):
    recent = RecentLog()
    logging.getLogger().addHandler(recent)
    ca_path, _, _ = make_ca_and_server_cert(tmp_path)
    ca = ca_path.read_bytes()
    config = ClientConfig(
        "Beispiel GmbH", ServerTrust(f"wss://127.0.0.1:{closed_port()}", ca), "+49 30 1234567"
    )
    app = CustomerApp(config, recent_log=recent)
    QGuiApplication.clipboard().setText("something the customer copied before")

    async def scenario():
        app.start()
        dialog = app.number_dialog
        qtbot.keyClicks(dialog.number_edit, "482 190 337")
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
        await until(dialog.diagnostics_button.isVisible)
        assert "cannot be reached" in dialog.error_label.text()
        assert dialog.phone_label.isVisible() and "+49 30 1234567" in dialog.phone_label.text()
        qtbot.mouseClick(dialog.diagnostics_button, Qt.MouseButton.LeftButton)
        await until(lambda: QGuiApplication.clipboard().text().startswith("Fernhilfe "))
        dialog.reject()
        await app.finished.wait()
        await app.shutdown()

    try:
        loop.run_until_complete(scenario())
    finally:
        logging.getLogger().removeHandler(recent)
    copied = QGuiApplication.clipboard().text()
    assert "cannot connect to wss://127.0.0.1" in copied
    assert "System: Linux" in copied
    assert "482 190 337" not in copied
    assert "482190337" not in copied
