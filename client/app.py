"""The wiring: Qt widgets, the TLS WebSocket and the screen-share service around the session core.

Everything here runs on the Qt main thread, which is also the asyncio event-loop thread (qasync).
The core decides; this module only performs its actions and feeds it events.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QMessageBox

from client import __version__
from client.config import ClientConfig
from client.core import actions as act
from client.core import events as ev
from client.core.actions import Notice
from client.core.session import DEFAULT_CONSENT_TIMEOUT_S, CustomerSession
from client.input_wiring import InputWiring
from client.platform.capture import ScreenCapture, open_screen_capture
from client.services.screen_share import ScreenShare
from client.transport import ConnectError, Transport, TransportClosed
from client.ui.chat_box import clock_time
from client.ui.consent_dialog import ConsentDialog
from client.ui.control_panel import ControlPanel
from client.ui.notice_text import notice_text
from client.ui.number_dialog import SessionNumberDialog
from client.ui.watermark import WatermarkSet
from protocol.codec import decode_message, encode_message
from protocol.errors import CloseCode, ProtocolError
from protocol.messages import Chat, Expert, Monitor, ScreenInfo

log = logging.getLogger(__name__)

TICK_MS = 250
WATERMARK_TIMEOUT_S = 5.0


class _Close:
    """A queued close: sent after everything queued before it."""

    def __init__(self, code: int) -> None:
        self.code = code


class _Outbox:
    """What is waiting to be sent on one connection, in order."""

    def __init__(self) -> None:
        self.items: deque[str | bytes | _Close] = deque()
        self.ready = asyncio.Event()

    def put(self, item: str | bytes | _Close) -> None:
        self.items.append(item)
        self.ready.set()

    def drop_frames(self) -> None:
        kept = [item for item in self.items if not isinstance(item, bytes)]
        self.items.clear()
        self.items.extend(kept)

    async def get(self) -> str | bytes | _Close:
        while not self.items:
            self.ready.clear()
            await self.ready.wait()
        return self.items.popleft()


class CustomerApp:
    """One run of the customer client, from the number dialog to the end of the session.

    `finished` is set when the session is over and the customer has read the final notice.
    """

    def __init__(
        self,
        config: ClientConfig,
        capture_factory: Callable[[], ScreenCapture] = open_screen_capture,
        clock: Callable[[], float] = time.monotonic,
        consent_timeout_s: float = DEFAULT_CONSENT_TIMEOUT_S,
    ) -> None:
        self.config = config
        self._clock = clock
        self._capture_factory = capture_factory
        self.session = CustomerSession(
            clock,
            client_name=f"fernhilfe/{__version__}",
            consent_timeout_s=consent_timeout_s,
            rest_s=config.yield_rest_s,
        )
        self.number_dialog = SessionNumberDialog(config.organisation)
        self.consent_dialog: ConsentDialog | None = None
        self.watermarks: WatermarkSet | None = None
        self.control_panel: ControlPanel | None = None
        self.notice_box: QMessageBox | None = None
        self.final_notice: Notice | None = None
        self.chat_log: list[Chat] = []
        self.finished = asyncio.Event()
        self._expert: Expert | None = None
        self._connection = 0
        self._transport: Transport | None = None
        self._outbox = _Outbox()
        self._share: ScreenShare | None = None
        self._sharing = False
        self.input = InputWiring(self.dispatch, clock, self._shared_monitors)
        self._tasks: set[asyncio.Task[Any]] = set()
        self._tick = QTimer()
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._on_tick)
        self._consent_deadline = 0.0
        self._confirming: asyncio.Task[None] | None = None

        self.number_dialog.join_requested.connect(lambda digits: self.dispatch(ev.JoinRequested(digits)))
        self.number_dialog.cancelled.connect(lambda: self.dispatch(ev.EndRequested()))

    def start(self) -> None:
        self._tick.start()
        self.number_dialog.show()
        self.number_dialog.raise_()
        self.number_dialog.activateWindow()

    def dispatch(self, event: ev.Event) -> None:
        for action in self.session.handle(event):
            self._perform(action)

    def _perform(self, action: act.Action) -> None:
        match action:
            case act.ShowConnecting():
                self.number_dialog.show_busy()
            case act.OpenConnection():
                self._connection += 1
                self._outbox = _Outbox()
                self._spawn(self._run_connection(self._connection, self._outbox))
            case act.Send(message=message):
                self._enqueue(encode_message(message))
            case act.CloseConnection(code=code):
                self._outbox.put(_Close(code))
                self._connection += 1
            case act.ShowNumberEntry(notice=notice, retry_after=retry_after):
                self.number_dialog.show_error(notice_text(notice, retry_after))
            case act.AskConsent():
                self._ask_consent(action)
            case act.DismissConsent():
                if self.consent_dialog is not None:
                    self.consent_dialog.dismiss()
            case act.ShowWatermark(expert=expert):
                self._show_watermark(expert)
            case act.HideWatermark():
                if self._confirming is not None:
                    self._confirming.cancel()
                if self.watermarks is not None:
                    self.watermarks.hide()
            case act.StartScreenShare():
                self._start_share()
            case act.StopScreenShare():
                self._stop_share()
            case act.AcknowledgeFrame() | act.RequestKeyframe() | act.SelectMonitor():
                self._steer_share(action)
            case act.ShowControlPanel(expert=expert):
                self._show_control_panel(expert)
            case act.ShowControlState(tier=tier, expert_holds=expert_holds):
                self._show_control_state(tier, expert_holds)
            case act.ShowChat(message=message):
                self.chat_log.append(message)
                if self.control_panel is not None:
                    self._show_chat(self.control_panel, message)
            case (
                act.StartRemoteInput()
                | act.StopRemoteInput()
                | act.YieldInput()
                | act.ResumeInput()
                | act.InjectInput()
            ):
                self.input.perform(action)
            case (
                act.DropConnection()
                | act.ConnectionInterrupted()
                | act.ShowReconnecting()
                | act.ShowReconnected()
            ):
                self._perform_link(action)
            case act.LogRefusal(detail=detail):
                log.warning("%s", detail)
            case act.Finish(notice=notice):
                self._finish(notice)

    # Connection

    async def _run_connection(self, connection: int, outbox: _Outbox) -> None:
        try:
            transport = await Transport.open(self.config.trust)
        except ConnectError as exc:
            log.warning("cannot connect to %s: %s", self.config.trust.url, exc)
            if connection == self._connection:
                failure = ev.ConnectFailure.CERTIFICATE if exc.certificate else ev.ConnectFailure.UNREACHABLE
                self.dispatch(ev.ConnectFailed(failure, str(exc)))
            return
        if connection != self._connection:
            await transport.close()
            return
        self._transport = transport
        writer = self._spawn(self._write(transport, outbox))
        self.dispatch(ev.Connected())
        try:
            while connection == self._connection:
                data = await transport.receive()
                if connection != self._connection:
                    break
                self.dispatch(self._decode(data))
        except TransportClosed as exc:
            if connection == self._connection:
                log.info("connection closed by the server: %s", exc)
                writer.cancel()
                self._transport = None
                self.dispatch(ev.ConnectionLost(str(exc)))
        await asyncio.gather(writer, return_exceptions=True)

    def _perform_link(
        self,
        action: act.DropConnection | act.ConnectionInterrupted | act.ShowReconnecting | act.ShowReconnected,
    ) -> None:
        match action:
            case act.DropConnection():
                self._drop_connection()
            case act.ConnectionInterrupted():
                log.info("connection to the server interrupted; nothing is shared until it resumes")
            case act.ShowReconnecting():
                self._show_link(reconnecting=True)
            case act.ShowReconnected():
                self._show_link(reconnecting=False)

    def _drop_connection(self) -> None:
        """Abandon the current connection now; its writer ends after what is already queued."""
        self._connection += 1
        if self._transport is not None:
            self._transport.abort()
            self._transport = None
        self._outbox.put(_Close(CloseCode.GOING_AWAY))

    @staticmethod
    def _decode(data: str | bytes) -> ev.Event:
        if isinstance(data, bytes):
            return ev.ProtocolViolation("the server sent binary data")
        try:
            return ev.MessageReceived(decode_message(data))
        except ProtocolError as exc:
            return ev.ProtocolViolation(str(exc))

    def _enqueue(self, item: str | bytes) -> None:
        self._outbox.put(item)

    @staticmethod
    async def _write(transport: Transport, outbox: _Outbox) -> None:
        """Send queued messages in order; a queued close is the last thing sent."""
        try:
            while True:
                item = await outbox.get()
                if isinstance(item, _Close):
                    await transport.close(item.code)
                    return
                if isinstance(item, bytes):
                    await transport.send_binary(item)
                else:
                    await transport.send_text(item)
        except TransportClosed as exc:
            log.info("could not send, connection closed: %s", exc)

    # Consent, watermark, sharing

    def _on_tick(self) -> None:
        now = self._clock()
        if self.consent_dialog is not None and self.consent_dialog.isVisible():
            self.consent_dialog.set_seconds_left(int(self._consent_deadline - now))
        self.dispatch(ev.Tick(now))

    def _ask_consent(self, ask: act.AskConsent) -> None:
        dialog = ConsentDialog(
            ask.tier,
            ask.expert.name,
            ask.expert.organisation,
            recorded=ask.recorded,
            retention_days=ask.retention_days,
        )
        self._consent_deadline = ask.deadline
        dialog.set_seconds_left(int(ask.deadline - self._clock()))
        dialog.answered.connect(lambda granted: self.dispatch(ev.ConsentAnswered(ask.tier, granted)))
        self.consent_dialog = dialog
        self.number_dialog.hide()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _show_watermark(self, expert: Expert) -> None:
        self._expert = expert
        self.watermarks = WatermarkSet(self._watermark_text(expert, controlling=False))
        self.watermarks.show()
        self._confirming = self._spawn(self._confirm_watermark(self.watermarks))

    async def _confirm_watermark(self, watermarks: WatermarkSet) -> None:
        """Sharing starts only once the window system shows the watermark on every screen."""
        deadline = self._clock() + WATERMARK_TIMEOUT_S
        while not watermarks.all_exposed():
            if self._clock() >= deadline:
                self.dispatch(ev.WatermarkFailed("the watermark was not exposed in time"))
                return
            await asyncio.sleep(0.02)
        self.dispatch(ev.WatermarkShown())

    def _start_share(self) -> None:
        self._sharing = True
        self._share = ScreenShare(
            send_frame=self._send_frame,
            send_screen_info=self._send_screen_info,
            capture_factory=self._capture_factory,
            on_error=lambda detail: self.dispatch(ev.ShareFailed(detail)),
        )
        self._spawn(self._share.start())

    def _stop_share(self) -> None:
        """Takes effect at once: queued frames are dropped and no later frame is queued."""
        self._sharing = False
        self._outbox.drop_frames()
        if self._share is not None:
            self._spawn(self._share.stop())
            self._share = None

    async def _send_frame(self, data: bytes) -> None:
        if self._sharing:
            self._enqueue(data)

    async def _send_screen_info(self, info: ScreenInfo) -> None:
        if self._sharing:
            self._enqueue(encode_message(info))

    def _show_chat(self, panel: ControlPanel, message: Chat) -> None:
        if message.by == "customer":
            author = QCoreApplication.translate("CustomerApp", "You")
        else:
            author = self._expert.name if self._expert is not None else message.by
        panel.chat.add_message(author, message.text, clock_time(message.at), own=message.by == "customer")

    def _shared_monitors(self) -> tuple[Monitor, ...]:
        return self._share.monitors if self._share is not None else ()

    def _steer_share(self, action: act.AcknowledgeFrame | act.RequestKeyframe | act.SelectMonitor) -> None:
        share = self._share
        if share is None:
            return
        match action:
            case act.AcknowledgeFrame(seq=seq):
                share.acknowledge(seq)
            case act.RequestKeyframe():
                share.request_keyframe()
            case act.SelectMonitor(monitor=monitor):
                try:
                    share.select_monitor(monitor)
                except ValueError as exc:
                    log.warning("refused to share monitor %s: %s", monitor, exc)

    def _show_link(self, reconnecting: bool) -> None:
        """While the connection is restored the watermark and the panel say so; nothing is shared."""
        if self.control_panel is not None:
            self.control_panel.show_reconnecting(reconnecting)
        if self.watermarks is not None and self._expert is not None:
            if reconnecting:
                text = QCoreApplication.translate("CustomerApp", "Fernhilfe: connection lost, reconnecting…")
            else:
                text = self._watermark_text(self._expert, controlling=self.session.granted >= 2)
            self.watermarks.set_text(text)
        elif reconnecting:
            self.number_dialog.show()
            self.number_dialog.show_busy()

    def _show_control_state(self, tier: int, expert_holds: bool) -> None:
        if self.control_panel is not None:
            self.control_panel.show_control(tier, expert_holds)
        if self.watermarks is not None and self._expert is not None:
            self.watermarks.set_text(self._watermark_text(self._expert, controlling=tier >= 2))

    @staticmethod
    def _watermark_text(expert: Expert, controlling: bool) -> str:
        if controlling:
            text = QCoreApplication.translate("CustomerApp", "Fernhilfe: %1 (%2) may control this screen")
        else:
            text = QCoreApplication.translate("CustomerApp", "Fernhilfe: %1 (%2) sees this screen")
        return text.replace("%1", expert.name).replace("%2", expert.organisation)

    def _show_control_panel(self, expert: Expert) -> None:
        panel = ControlPanel(expert.name, expert.organisation)
        panel.end_requested.connect(lambda: self.dispatch(ev.EndRequested()))
        panel.view_only_requested.connect(lambda: self.dispatch(ev.RevokeRequested(2)))
        panel.chat.message_submitted.connect(lambda text: self.dispatch(ev.ChatSent(text)))
        for message in self.chat_log:
            self._show_chat(panel, message)
        self.control_panel = panel
        panel.show()
        panel.place_bottom_right()

    # Ending

    def _finish(self, notice: Notice) -> None:
        self.final_notice = notice
        self._tick.stop()
        self.number_dialog.hide()
        if self.control_panel is not None:
            self.control_panel.close_for_end()
        if notice is Notice.ENDED_BY_CUSTOMER:
            self.finished.set()
            return
        expert_name = self._expert.name if self._expert is not None else ""
        box = QMessageBox(
            QMessageBox.Icon.Information,
            QCoreApplication.translate("CustomerApp", "Fernhilfe remote support"),
            notice_text(notice, expert_name=expert_name),
            QMessageBox.StandardButton.Ok,
        )
        box.setAccessibleName(QCoreApplication.translate("CustomerApp", "Session ended"))
        box.finished.connect(lambda _result: self.finished.set())
        self.notice_box = box
        box.show()

    async def shutdown(self) -> None:
        """Wait for the last messages to leave, then release everything."""
        pending = [task for task in self._tasks if not task.done()]
        if pending:
            await asyncio.wait(pending, timeout=5.0)
        for task in pending:
            task.cancel()

    def _spawn(self, coroutine: Any) -> asyncio.Task[Any]:
        task: asyncio.Task[Any] = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("background task failed", exc_info=task.exception())
