"""The widgets are tested in the client's own look, as the customer sees them."""

import pytest
from PySide6.QtCore import QLocale

from client.ui.i18n import install_translators
from client.ui.style import apply_style


@pytest.fixture(autouse=True)
def client_style(qapp):
    apply_style(qapp)


@pytest.fixture
def german(qapp):
    """The client's German translation installed for one test."""
    translators = install_translators(qapp, QLocale("de_DE"))
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
