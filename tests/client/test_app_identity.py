"""The whole client built for an organisation, against a scripted server that bends the descriptor."""

import time

import pytest
from PySide6.QtCore import Qt

from client.core.caller_check import CallerCheck
from client.core.notice import Notice
from protocol.messages import End, Expert, Hello, Welcome
from tests.client.peer import ScriptedServer
from tests.support.customer import consent_shown, start_customer, until
from tests.support.descriptors import Organisation, tampered

pytestmark = pytest.mark.gui

WELCOME = Welcome(1, "s1", Expert("Anna Berger", "Beispiel GmbH"), recorded=True, retention_days=90)
ORG = Organisation()
CALLER = CallerCheck("Beispiel GmbH", "+49 30 1234567")


def now():
    return int(time.time())


async def joined(tmp_path, qtbot, caller=None):
    server = ScriptedServer(tmp_path)
    await server.start()
    app = start_customer(
        server.url, server.ca_path, qtbot, "482190337", identity_key=ORG.public_key, caller_check=caller
    )
    await until(lambda: server.log.messages)
    return server, app


async def introduce(server, descriptor):
    if descriptor is not None:
        await server.send(descriptor)
    await server.send(WELCOME)


@pytest.mark.parametrize(
    "case",
    [
        (lambda: tampered(ORG.message(issued_at=now())), Notice.IDENTITY_INVALID, "not genuine"),
        (lambda: ORG.message(issued_at=now() - 3600), Notice.IDENTITY_EXPIRED, "expired"),
        (lambda: Organisation().message(issued_at=now()), Notice.IDENTITY_INVALID, "signed by someone else"),
        (
            lambda: ORG.message(session_id="s0", issued_at=now()),
            Notice.IDENTITY_OTHER_SESSION,
            "another session",
        ),
        (lambda: None, Notice.IDENTITY_MISSING, "did not say who is asking"),
    ],
    ids=["tampered", "expired", "wrong key", "replayed", "missing"],
)
def test_a_bent_descriptor_ends_the_session_with_a_visible_warning(loop, qtbot, tmp_path, case):
    bend, notice, says = case

    async def scenario():
        server, app = await joined(tmp_path, qtbot)
        await introduce(server, bend())
        await until(lambda: app.notice_box is not None and app.notice_box.isVisible())
        assert app.consent_dialog is None
        assert app.final_notice is notice
        assert app.notice_box.warning
        assert app.notice_box.text().startswith("Warning:") and says in app.notice_box.text()
        await until(lambda: server.log.close_code is not None)
        assert server.log.messages[1:] == [End(reason="identity_unverified")]
        assert server.log.frames == []
        app.notice_box.accept()
        await until(app.finished.is_set)
        await app.shutdown()
        await server.stop()

    loop.run_until_complete(scenario())


def test_a_genuine_descriptor_is_shown_as_verified_with_its_code(loop, qtbot, tmp_path):
    async def scenario():
        server, app = await joined(tmp_path, qtbot)
        await introduce(server, ORG.message(issued_at=now()))
        await until(lambda: consent_shown(app))
        banner = app.consent_dialog.identity_banner
        assert banner.verified and banner.isVisible()
        code = app.session.identity.code
        assert banner.text().splitlines() == [
            "Verified: Beispiel GmbH",
            "Expert: Anna Berger (staff ID anna)",
            f"Security code: {code} — ask them to read it out",
        ]
        qtbot.mouseClick(app.consent_dialog.deny_button, Qt.MouseButton.LeftButton)
        await until(lambda: app.notice_box is not None)
        app.notice_box.accept()
        await until(app.finished.is_set)
        await app.shutdown()
        await server.stop()

    loop.run_until_complete(scenario())


def test_they_called_me_warns_with_the_official_number_and_ends(loop, qtbot, tmp_path):
    async def scenario():
        server, app = await joined(tmp_path, qtbot, caller=CALLER)
        await introduce(server, ORG.message(issued_at=now()))
        await until(lambda: app.caller_dialog is not None and app.caller_dialog.isVisible())
        dialog = app.caller_dialog
        assert dialog.text_label.text() == "Did you call Beispiel GmbH yourself at +49 30 1234567?"
        qtbot.mouseClick(dialog.no_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and "+49 30 1234567" in dialog.text_label.text()
        assert dialog.text_label.text().startswith("Warning:")
        assert app.consent_dialog is None
        qtbot.mouseClick(dialog.end_button, Qt.MouseButton.LeftButton)
        await until(lambda: app.notice_box is not None and app.notice_box.isVisible())
        assert app.final_notice is Notice.CALLED_BY_THEM and "+49 30 1234567" in app.notice_box.text()
        await until(lambda: server.log.close_code is not None)
        assert server.log.messages[0].__class__ is Hello
        assert server.log.messages[1:] == [End(reason="customer_ended")]
        app.notice_box.accept()
        await until(app.finished.is_set)
        await app.shutdown()
        await server.stop()

    loop.run_until_complete(scenario())


def test_after_the_warning_only_an_explicit_continue_reaches_consent(loop, qtbot, tmp_path):
    async def scenario():
        server, app = await joined(tmp_path, qtbot, caller=CALLER)
        await introduce(server, ORG.message(issued_at=now()))
        await until(lambda: app.caller_dialog is not None and app.caller_dialog.isVisible())
        qtbot.mouseClick(app.caller_dialog.no_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(app.caller_dialog.continue_button, Qt.MouseButton.LeftButton)
        await until(lambda: consent_shown(app))
        assert not app.caller_dialog.isVisible()
        assert app.consent_dialog.identity_banner.verified
        app.consent_dialog.reject()
        await until(lambda: app.notice_box is not None)
        app.notice_box.accept()
        await until(app.finished.is_set)
        await app.shutdown()
        await server.stop()

    loop.run_until_complete(scenario())
