"""The screen is captured in a worker process that exists only while sharing is allowed; if it
dies, the session ends with a plain message for the customer and `share_failed` for the expert."""

import asyncio
import multiprocessing
import os
import signal

import pytest
from PySide6.QtCore import Qt

from client.core.notice import Notice
from protocol.messages import End, TierStatus
from tests.e2e.test_view_session import attach_expert
from tests.support.customer import consent_shown, start_customer, until, watermark_on_screen

pytestmark = pytest.mark.e2e

SPAWN_S = 60.0
"""The worker imports numpy and the encoders afresh: slow on a busy machine."""


def _workers() -> list[multiprocessing.process.BaseProcess]:
    return [child for child in multiprocessing.active_children() if child.name == "fernhilfe-capture"]


def test_the_worker_runs_only_after_allow_and_its_death_ends_the_session_for_both(loop, qtbot, server):
    async def scenario():
        ticket, expert = await attach_expert(server)
        app = start_customer(server.ws_url, server.ca_path, qtbot, ticket.number)
        await until(lambda: consent_shown(app))
        assert _workers() == [], "nothing captures before consent"
        qtbot.mouseClick(app.consent_dialog.allow_button, Qt.MouseButton.LeftButton)
        await expert.wait_for_message(TierStatus, lambda m: m.tier == 1 and m.state == "granted")
        await expert.wait_for_frames(1, timeout=SPAWN_S)
        (worker,) = _workers()
        assert worker.pid is not None
        os.kill(worker.pid, signal.SIGKILL)
        ended = await expert.wait_for_message(End)
        assert (ended.by, ended.reason) == ("customer", "share_failed")
        await until(lambda: app.notice_box is not None)
        assert app.final_notice is Notice.SHARE_FAILED
        assert "could not be captured any more" in app.notice_box.text()
        frames = len(expert.frames)
        await until(lambda: not watermark_on_screen())
        await asyncio.sleep(0.3)
        assert len(expert.frames) == frames
        assert _workers() == []
        app.notice_box.accept()
        await until(app.finished.is_set)
        await app.shutdown()
        await expert.close()

    loop.run_until_complete(scenario())
