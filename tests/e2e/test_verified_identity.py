"""A client built for the real server's organisation verifies who is asking, and the expert's
console shows the same short code the customer's consent dialog shows."""

import pytest
from PySide6.QtCore import Qt

from client.core.organisation_key import parse_public_key
from protocol.messages import IdentityCode, TierStatus
from tests.e2e.test_view_session import attach_expert
from tests.support.customer import consent_shown, start_customer, until

pytestmark = pytest.mark.e2e


def test_the_customer_sees_verified_and_the_code_the_console_shows(loop, qtbot, server):
    async def scenario():
        ticket, expert = await attach_expert(server)
        key = parse_public_key(server.org_key)
        app = start_customer(server.ws_url, server.ca_path, qtbot, ticket.session["number"], identity_key=key)
        await until(lambda: consent_shown(app))
        banner = app.consent_dialog.identity_banner
        assert banner.verified
        assert banner.text().startswith("Verified: Beispiel GmbH\nExpert: Anna Berger (staff ID anna)")
        console_code = (await expert.wait_for_message(IdentityCode)).code
        assert f"Security code: {console_code} " in banner.text()

        qtbot.mouseClick(app.consent_dialog.deny_button, Qt.MouseButton.LeftButton)
        await expert.wait_for_message(TierStatus, lambda m: m.tier == 1 and m.state == "denied")
        await until(lambda: app.notice_box is not None)
        app.notice_box.accept()
        await until(app.finished.is_set)
        await app.shutdown()
        await expert.close()

    loop.run_until_complete(scenario())
