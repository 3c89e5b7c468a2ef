"""The widgets are tested in the client's own look, as the customer sees them."""

import pytest

from client.ui.style import apply_style


@pytest.fixture(autouse=True)
def client_style(qapp):
    apply_style(qapp)
