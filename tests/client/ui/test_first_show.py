"""The number dialog is on the screen, exposed, when the start goes on with its slow imports."""

from client.ui.first_show import show_painted
from client.ui.number_dialog import SessionNumberDialog


def test_the_window_is_exposed_when_show_painted_returns(qtbot):
    dialog = SessionNumberDialog("Beispiel GmbH")
    qtbot.addWidget(dialog)
    assert show_painted(dialog)
    assert dialog.isVisible()
    assert dialog.windowHandle().isExposed()
