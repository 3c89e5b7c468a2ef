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
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QTimer, qVersion
from PySide6.QtGui import QGuiApplication

from client import __version__
from client.admin_wiring import AdminWiring
from client.config import ClientConfig
from client.core import actions as act
from client.core import events as ev
from client.core.notice import Notice
from client.core.session import DEFAULT_CONSENT_TIMEOUT_S, CustomerSession
from client.core.watermark_state import WatermarkMode, WatermarkState, watermark_state
from client.diagnostics import RecentLog, diagnostics_text
from client.input_wiring import InputWiring
from client.platform.capture import ScreenCapture, open_screen_capture
from client.platform.desktop import Desktop, detect_desktop
from client.platform.desktop.input_backends import input_backends
from client.platform.elevate import Elevator, open_elevator
from client.platform.install.base import Origin, Step, end_of_run_step
from client.platform.stop_hotkey import STOP_SHORTCUT, StopHotkey, open_stop_hotkey
from client.receipt_wiring import ReceiptWiring
from client.stop_wiring import StopShortcut
from client.transport import ConnectError, Transport, TransportClosed
from client.ui.branding import Organisation, set_window_icon
from client.ui.caller_check_dialog import CallerCheckDialog
from client.ui.chat_box import clock_time
from client.ui.closing_message import DEFAULT_CLOSE_AFTER_S, ClosingMessage
from client.ui.consent_dialog import ConsentDialog
from client.ui.control_panel import ControlPanel
from client.ui.notice_dialog import NoticeDialog, final_notice, use_x11_notice
from client.ui.notice_text import notice_text
from client.ui.number_dialog import SessionNumberDialog, number_dialog_for
from client.ui.screens import screen_scales
from client.ui.watermark import WatermarkSet
from protocol.codec import decode_message, encode_message
from protocol.errors import SERVER_RESTART, CloseCode, ProtocolError
from protocol.messages import Chat, Cursor, CursorShape, Expert, Monitor, ScreenInfo, Tier

if TYPE_CHECKING:
    from client.services.cursor_share import CursorShare
    from client.services.screen_share import ScreenShare

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

    `finished` is set when the session is over and the customer has read the final notice (at once
    when the customer ended it); `closed` once the closing message has gone too. `origin` says
    where this copy runs from, so the closing message can say whether Fernhilfe stays.
    `capture_factory` opens the screen capture, in the screen share's worker process (so it must
    pickle); by default the real one, told each monitor's device-pixel ratio as Qt sees it when
    sharing starts. `recent_log` is what "copy details for
    support" reports (the caller attaches it to the logging tree).
    """

    def __init__(
        self,
        config: ClientConfig,
        capture_factory: Callable[[], ScreenCapture] | None = None,
        clock: Callable[[], float] = time.monotonic,
        consent_timeout_s: float = DEFAULT_CONSENT_TIMEOUT_S,
        elevator: Callable[[], Elevator] | None = None,
        *,
        hotkey_factory: Callable[[], StopHotkey] = open_stop_hotkey,
        receipt_dir: Path | None = None,
        wall_clock: Callable[[], float] = time.time,
        origin: Origin = Origin.SOURCE,
        closing_message_s: float = DEFAULT_CLOSE_AFTER_S,
        desktop: Desktop | None = None,
        recent_log: RecentLog | None = None,
        number_dialog: SessionNumberDialog | None = None,
    ) -> None:
        """`receipt_dir`: where the session receipt is saved and, with it, shown at the end; None
        keeps the receipt in `receipts.receipt` only. `number_dialog`: one already on the screen
        (the start shows it before this module is imported), else one is made."""
        self.config = config
        self._origin = origin
        self._closing_message_s = closing_message_s
        self.organisation = Organisation(config.organisation, config.logo, config.support_phone)
        self.receipts = ReceiptWiring(receipt_dir, self.organisation, wall_clock)
        self.stop_shortcut = StopShortcut(hotkey_factory)
        self.recent_log = recent_log if recent_log is not None else RecentLog()
        set_window_icon(self.organisation)
        self._clock = clock
        self.desktop = desktop or detect_desktop()
        self._capture_factory = capture_factory
        self.session = CustomerSession(
            clock,
            client_name=f"fernhilfe/{__version__}",
            consent_timeout_s=consent_timeout_s,
            rest_s=config.yield_rest_s,
            identity_key=config.identity_key,
            caller_check=config.caller_check,
        )
        self.number_dialog = number_dialog or number_dialog_for(config)
        self.consent_dialog: ConsentDialog | None = None
        self.caller_dialog: CallerCheckDialog | None = None
        self.watermarks: WatermarkSet | None = None
        self.control_panel: ControlPanel | None = None
        self.notice_box: NoticeDialog | None = None
        self.closing_message: ClosingMessage | None = None
        self.final_notice: Notice | None = None
        self.chat_log: list[Chat] = []
        self.finished = asyncio.Event()
        self.closed = asyncio.Event()
        self._expert: Expert | None = None
        self._connection = 0
        self._transport: Transport | None = None
        self._outbox = _Outbox()
        self._share: ScreenShare | None = None
        self._cursor: CursorShare | None = None
        self._screen_told = False
        self._sharing = False
        self.admin = AdminWiring(
            self.dispatch, self._spawn, elevator or (lambda: open_elevator(self.config.elevation_launcher))
        )
        backends = input_backends(self.desktop, self._shared_monitors, self._on_input_refused)
        self.input = InputWiring(
            self.dispatch,
            clock,
            self._shared_monitors,
            injector_factory=self.admin.route_input(backends.injector),
            watch_factory=backends.watch,
        )
        self.desktop_notice: NoticeDialog | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._tick = QTimer()
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._on_tick)
        self._consent_deadline = 0.0
        self._confirming: asyncio.Task[None] | None = None

        self.number_dialog.join_requested.connect(lambda digits: self.dispatch(ev.JoinRequested(digits)))
        self.number_dialog.cancelled.connect(lambda: self.dispatch(ev.EndRequested()))
        self.number_dialog.diagnostics_requested.connect(self.copy_diagnostics)

    def start(self) -> None:
        self._loop = asyncio.get_event_loop()
        if self.desktop.needs_x11_session:
            self._show_use_x11()
            return
        self._tick.start()
        self.stop_shortcut.start(self.dispatch)
        self.number_dialog.show()
        self.number_dialog.raise_()
        self.number_dialog.activateWindow()

    def dispatch(self, event: ev.Event) -> None:
        for action in self.session.handle(event):
            self.receipts.note(action)
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
            case act.AskWhoCalled() | act.WarnCalledByThem() | act.DismissCallerCheck():
                self._check_caller(action)
            case act.DismissConsent():
                if self.consent_dialog is not None:
                    self.consent_dialog.dismiss()
            case act.ShowWatermark(expert=expert):
                self._show_watermark(expert)
            case act.HideWatermark():
                self._hide_watermark()
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
            case (
                act.StartAdminHelper()
                | act.StopAdminHelper()
                | act.RunAdminCommand()
                | act.ShowAdminCommand()
                | act.ShowAdminOutput()
                | act.ShowAdminExit()
                | act.ShowAdminUnavailable()
                | act.ShowAdminState()
            ):
                self._perform_admin(action)
            case act.LogRefusal(detail=detail):
                log.warning("%s", detail)
            case act.Finish(notice=notice):
                self._finish(notice)

    def _show_use_x11(self) -> None:
        """This desktop cannot be shared: say what to do instead, before any number is typed."""
        box = use_x11_notice(self.organisation)
        box.diagnostics_requested.connect(self.copy_diagnostics)
        box.finished.connect(lambda _result: self.finished.set())
        self.desktop_notice = box
        box.show()

    def _on_input_refused(self, detail: str) -> None:
        """Worker thread: the portal's remote-control dialog was refused or not answered."""
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._input_refused, detail)

    def _input_refused(self, detail: str) -> None:
        log.warning("remote control was not granted by the desktop portal: %s", detail)
        self.dispatch(ev.RevokeRequested(2))

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
                restarting = exc.code == CloseCode.GOING_AWAY and exc.reason == SERVER_RESTART
                self.dispatch(ev.ConnectionLost(str(exc), server_restarting=restarting))
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
            case act.ShowReconnecting(_, why):
                self._show_link(why)
            case act.ShowReconnected():
                self._show_link(None)

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
            identity=ask.identity,
            branding=self.organisation,
        )
        self._consent_deadline = ask.deadline
        dialog.set_seconds_left(int(ask.deadline - self._clock()))
        dialog.answered.connect(lambda granted: self.dispatch(ev.ConsentAnswered(ask.tier, granted)))
        self.consent_dialog = dialog
        self.number_dialog.hide()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _check_caller(self, action: act.AskWhoCalled | act.WarnCalledByThem | act.DismissCallerCheck) -> None:
        if not isinstance(action, act.AskWhoCalled):
            if self.caller_dialog is not None and isinstance(action, act.WarnCalledByThem):
                self.caller_dialog.show_warning()
            elif self.caller_dialog is not None:
                self.caller_dialog.dismiss()
            return
        dialog = CallerCheckDialog(action.organisation, action.phone, branding=self.organisation)
        dialog.answered.connect(lambda called: self.dispatch(ev.CallerAnswered(called)))
        dialog.warning_answered.connect(lambda proceed: self.dispatch(ev.CallerWarningAnswered(proceed)))
        self.caller_dialog = dialog
        self.number_dialog.hide()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _show_watermark(self, expert: Expert) -> None:
        self._expert = expert
        self.watermarks = WatermarkSet(watermark_state(expert, Tier.VIEW, expert_holds=False))
        self.watermarks.show()
        self._confirming = self._spawn(self._confirm_watermark(self.watermarks))

    def _hide_watermark(self) -> None:
        """Also stops waiting for the hidden watermark to be exposed (it never will be now)."""
        if self._confirming is not None:
            self._confirming.cancel()
        if self.watermarks is not None:
            self.watermarks.hide()

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
        # Imported on the first consent, not with this module: its numpy and JPEG libraries would
        # delay the session-number dialog.
        from client.platform.cursor import cursor_source_factory
        from client.services.cursor_share import CursorShare
        from client.services.screen_share import ScreenShare

        self._sharing = True
        self._screen_told = False
        capture_factory = self._capture_factory
        if capture_factory is None:
            scales = screen_scales()
            capture_factory = partial(open_screen_capture, scales, desktop=self.desktop)
        self._share = ScreenShare(
            send_frame=self._send_frame,
            send_screen_info=self._send_screen_info,
            capture_factory=capture_factory,
            on_error=lambda detail: self.dispatch(ev.ShareFailed(detail)),
            in_worker_process=True,
        )
        self._spawn(self._share.start())
        open_source = cursor_source_factory(self.desktop)
        if open_source is not None:
            self._cursor = CursorShare(self._send_cursor, open_source, self._shared_monitor)
            self._cursor.start()

    def _stop_share(self) -> None:
        """Takes effect at once: queued frames are dropped and no later frame is queued."""
        self._sharing = False
        self._outbox.drop_frames()
        if self._share is not None:
            self._spawn(self._share.stop())
            self._share = None
        if self._cursor is not None:
            self._spawn(self._cursor.stop())
            self._cursor = None

    async def _send_frame(self, data: bytes) -> None:
        if self._sharing:
            self._enqueue(data)

    async def _send_screen_info(self, info: ScreenInfo) -> None:
        if self._sharing:
            self._enqueue(encode_message(info))
            self._screen_told = True

    async def _send_cursor(self, message: Cursor | CursorShape) -> None:
        if self._sharing:
            self._enqueue(encode_message(message))

    def _shared_monitor(self) -> Monitor | None:
        """The monitor shared, once `screen_info` went out: the pointer is never told before it."""
        share = self._share
        if share is None or not self._screen_told:
            return None
        return next((m for m in share.monitors if m.id == share.selected_monitor), None)

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

    def _show_link(self, trouble: act.LinkTrouble | None) -> None:
        """While the connection is restored (`trouble` says why it is down) the watermark and the
        panel say so; nothing is shared. None: the connection is back."""
        reconnecting = trouble is not None
        if self.control_panel is not None:
            self.control_panel.show_reconnecting(trouble)
        if self.watermarks is not None and self._expert is not None:
            if reconnecting:
                expert = self._expert
                state = WatermarkState(WatermarkMode.RECONNECTING, expert.name, expert.organisation)
            else:
                holds = self.session.expert_holds_control
                state = watermark_state(self._expert, self.session.granted, expert_holds=holds)
            self.watermarks.set_state(state)
        elif reconnecting:
            self.number_dialog.show()
            self.number_dialog.show_busy()

    def _show_control_state(self, tier: int, expert_holds: bool) -> None:
        if self.control_panel is not None:
            self.control_panel.show_control(tier, expert_holds)
        if self.watermarks is not None and self._expert is not None:
            shown = Tier.ADMIN if self.session.granted >= Tier.ADMIN else tier
            self.watermarks.set_state(watermark_state(self._expert, shown, expert_holds))

    def _perform_admin(self, action: act.Action) -> None:
        match action:
            case act.StartAdminHelper() | act.StopAdminHelper() | act.RunAdminCommand():
                self.admin.perform(action)
            case act.ShowAdminCommand() | act.ShowAdminOutput() | act.ShowAdminExit():
                if self.control_panel is not None:
                    self.control_panel.admin.show_step(action)
            case act.ShowAdminUnavailable():
                if self.control_panel is not None:
                    self.control_panel.admin.show_step(action)
            case act.ShowAdminState(active=active):
                if self.control_panel is not None:
                    self.control_panel.admin.show_active(active)
                self._show_control_state(self.session.granted, self.session.expert_holds_control)

    def _show_control_panel(self, expert: Expert) -> None:
        panel = ControlPanel(expert.name, expert.organisation, branding=self.organisation)
        panel.end_requested.connect(lambda: self.dispatch(ev.EndRequested()))
        panel.view_only_requested.connect(lambda: self.dispatch(ev.RevokeRequested(2)))
        panel.admin.drop_requested.connect(lambda: self.dispatch(ev.RevokeRequested(3)))
        panel.chat.message_submitted.connect(lambda text: self.dispatch(ev.ChatSent(text)))
        for message in self.chat_log:
            self._show_chat(panel, message)
        if self.stop_shortcut.hotkey is not None:
            panel.show_stop_shortcut(STOP_SHORTCUT)
        self.control_panel = panel
        panel.show()
        panel.place_bottom_right()

    # Ending

    def _finish(self, notice: Notice) -> None:
        self.final_notice = notice
        self._tick.stop()
        self.stop_shortcut.stop()
        self.receipts.finish(self.session)
        self.number_dialog.hide()
        if self.control_panel is not None:
            self.control_panel.close_for_end()
        if notice is Notice.ENDED_BY_CUSTOMER:
            self.finished.set()
            if self.control_panel is None:
                self.closed.set()
            else:
                self._say_goodbye()
            return
        expert_name = self._expert.name if self._expert is not None else ""
        box = final_notice(self.organisation, notice, expert_name)
        box.diagnostics_requested.connect(self.copy_diagnostics)
        box.finished.connect(self._notice_read)
        self.notice_box = box
        box.show()

    def _notice_read(self, _result: int) -> None:
        self.finished.set()
        self.closed.set()

    def _say_goodbye(self) -> None:
        keep = self.number_dialog.keep_checkbox.isChecked()
        stays = end_of_run_step(self._origin, keep) in (Step.NOTHING, Step.INSTALL)
        message = ClosingMessage(stays, self._closing_message_s, branding=self.organisation)
        message.finished.connect(lambda _result: self.closed.set())
        self.closing_message = message
        message.show_for_a_while()

    def copy_diagnostics(self) -> None:
        """Put version, platform and the last log lines on the clipboard, for the support contact."""
        text = diagnostics_text(__version__, qVersion(), self.recent_log.lines())
        QGuiApplication.clipboard().setText(text)
        log.info("diagnostics copied to the clipboard")

    async def shutdown(self) -> None:
        """Wait for the last messages to leave, then release everything (a closing message too).

        Sharing still running (the app is closed mid-session) stops first: its capture process
        must not outlive the app."""
        self._stop_share()
        self._tick.stop()
        self.stop_shortcut.stop()
        self.receipts.close()
        if self.closing_message is not None and self.closing_message.isVisible():
            self.closing_message.accept()
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
