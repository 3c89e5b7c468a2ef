"""From an expert's input event to the event on the customer's X server, over loopback TLS.

The real server runs as its own process; the expert (a scripted console following
docs/protocol.md) runs on its own thread and event loop; the real customer client runs on the
main thread with Qt and qasync on the X server, and its consent dialogs are clicked. Each round
the expert sends one `pointer_move` and a watcher thread polls the X server until the pointer is
there. Run on an X server:

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python -m bench.input_latency

Last line: `input_latency_ms p50=… p99=…` (over ROUNDS moves).
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import threading
import time
from collections.abc import Coroutine
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

import qasync
from PySide6.QtWidgets import QApplication

from bench.stats import summary
from client.app import CustomerApp
from client.config import ClientConfig
from client.transport import ServerTrust
from protocol.messages import Control, PointerMove, TierStatus
from tests.support.scripted_expert import ScriptedExpert
from tests.support.server_process import ServerProcess, add_expert, open_session, ssl_context

T = TypeVar("T")

ROUNDS = 300


def _pointer_watcher(target: tuple[int, int], arrived: Future[float]) -> None:
    from Xlib import display

    connection = display.Display()
    root = connection.screen().root
    deadline = time.monotonic() + 10
    try:
        while time.monotonic() < deadline:
            reply = root.query_pointer()
            if (reply.root_x, reply.root_y) == target:
                arrived.set_result(time.monotonic())
                return
        arrived.set_exception(TimeoutError(f"the pointer never reached {target}"))
    finally:
        connection.close()


class ExpertThread:
    """The scripted expert on its own event loop, so its sends do not wait for the client's loop."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="expert", daemon=True)
        self._thread.start()

    def run(self, coroutine: Coroutine[Any, Any, T]) -> Future[T]:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=10)


async def _grant_control(
    app: CustomerApp, expert: ScriptedExpert, expert_thread: ExpertThread, number: str
) -> None:
    """Join as the customer would and click Allow for viewing, then for control."""

    async def on_expert(coroutine: Coroutine[Any, Any, T]) -> T:
        return await asyncio.wrap_future(expert_thread.run(coroutine))

    app.start()
    app.number_dialog.number_edit.setText(number)
    app.number_dialog.connect_button.click()
    for tier in (1, 2):
        while not (app.consent_dialog and app.consent_dialog.tier == tier and app.consent_dialog.isVisible()):
            await asyncio.sleep(0.01)
        app.consent_dialog.allow_button.click()
        if tier == 1:
            await on_expert(expert.wait_for_frames(1))
            await on_expert(expert.request_tier(2))
    await on_expert(expert.wait_for_message(TierStatus, lambda m: m.tier == 2 and m.state == "granted"))
    await on_expert(expert.wait_for_message(Control))


async def _measure(expert: ScriptedExpert, expert_thread: ExpertThread) -> list[float]:
    latencies = []
    for round_number in range(ROUNDS):
        target = (200 + round_number % 800, 200 + round_number % 2)
        arrived: Future[float] = Future()
        watcher = threading.Thread(target=_pointer_watcher, args=(target, arrived))
        watcher.start()
        sent = time.monotonic()
        expert_thread.run(expert.send_input(PointerMove(monitor=0, x=target[0], y=target[1])))
        landed = await asyncio.wrap_future(arrived)
        watcher.join()
        latencies.append((landed - sent) * 1000)
    return latencies


def main() -> None:
    qt = QApplication(sys.argv[:1])
    qt.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(qt)
    asyncio.set_event_loop(loop)
    expert_thread = ExpertThread()
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "server"
        add_expert(data, "bench", "benchmark password", "Bench Expert", "Bench GmbH")
        with ServerProcess(data) as server:
            ticket = open_session(server, "bench", "benchmark password")
            expert = ScriptedExpert(
                server.ws_url, ssl_context(server.ca_path), ticket.token, ticket.session_id
            )
            expert_thread.run(expert.connect()).result(15)
            config = ClientConfig("Bench GmbH", ServerTrust(server.ws_url, server.ca_path.read_bytes()), "")
            app = CustomerApp(config)
            with loop:
                loop.run_until_complete(_grant_control(app, expert, expert_thread, ticket.number))
                latencies = sorted(loop.run_until_complete(_measure(expert, expert_thread)))
                app.control_panel.end_button.click()
                loop.run_until_complete(app.shutdown())
            expert_thread.run(expert.close()).result(15)
    expert_thread.stop()
    print(f"rounds={ROUNDS} min={min(latencies):.2f} max={max(latencies):.2f}")
    print(summary("input_latency_ms", latencies))


if __name__ == "__main__":
    main()
