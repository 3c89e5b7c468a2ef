"""Chromium on a thread of its own, for tests whose main thread runs the customer client's loop.

Playwright's sync API refuses to run inside an asyncio loop, and the real client needs the main
thread for Qt and its qasync loop. So one thread owns Playwright, the browser and one page, and
runs the callables it is given there; `submit` returns a future the client's loop can await.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from types import TracebackType
from typing import Any, TypeVar

from playwright.sync_api import Page, sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

T = TypeVar("T")
_Job = tuple[Callable[[Page], Any], Future[Any]] | None


class BrowserThread:
    def __init__(self, base_url: str, spki: str) -> None:
        self._base_url = base_url
        self._spki = spki
        self._jobs: queue.Queue[_Job] = queue.Queue()
        self._ready: Future[None] = Future()
        self._thread = threading.Thread(target=self._run, name="chromium", daemon=True)
        self.page_errors: list[str] = []

    def __enter__(self) -> BrowserThread:
        self._thread.start()
        self._ready.result(timeout=60)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._jobs.put(None)
        self._thread.join(timeout=30)

    def submit(self, job: Callable[[Page], T]) -> Future[T]:
        future: Future[T] = Future()
        self._jobs.put((job, future))
        return future

    def call(self, job: Callable[[Page], T], timeout: float = 60) -> T:
        """Run `job` and wait for it; only from a thread that is not running an event loop."""
        return self.submit(job).result(timeout=timeout)

    def _run(self) -> None:
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM,
                    args=[*CHROMIUM_ARGS, f"--ignore-certificate-errors-spki-list={self._spki}"],
                )
                context = browser.new_context(
                    base_url=self._base_url, viewport={"width": 1280, "height": 800}
                )
                page = context.new_page()
                page.on("pageerror", lambda error: self.page_errors.append(str(error)))
                self._ready.set_result(None)
                while (item := self._jobs.get()) is not None:
                    job, future = item
                    try:
                        future.set_result(job(page))
                    except BaseException as exc:
                        future.set_exception(exc)
                context.close()
                browser.close()
        except BaseException as exc:
            if not self._ready.done():
                self._ready.set_exception(exc)
            raise
