"""Assemble the FastAPI application from the REST router, the socket router and the console files."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from server.core.clock import Clock
from server.core.ratelimit import RateLimiter
from server.store.base import Store
from server.web.headers import SecurityHeaders
from server.web.hub import Hub
from server.web.login_gate import LoginGate
from server.web.rest import api_router
from server.web.sockets import socket_router

log = logging.getLogger("fernhilfe.server")

CONSOLE_DIR = Path(__file__).resolve().parent.parent / "console"
"""The expert console's static files (ES modules, no build step), served at `/`."""


BackgroundTask = Callable[[], Coroutine[Any, Any, None]]
"""A coroutine that runs as long as the server does (e.g. the retention purge)."""


def create_app(
    hub: Hub,
    store: Store,
    clock: Clock,
    console_dir: Path = CONSOLE_DIR,
    background: Sequence[BackgroundTask] = (),
    *,
    login_limiter: RateLimiter | None = None,
    login_gate: LoginGate | None = None,
) -> FastAPI:
    """The whole HTTP/WebSocket surface of the server."""

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        tasks = [asyncio.create_task(run()) for run in (hub.tick_forever, *background)]
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    app = FastAPI(
        title="Fernhilfe support server",
        version="1",
        summary="REST API of the expert side; the WebSockets are described in docs/protocol.md.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.add_middleware(SecurityHeaders)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.include_router(api_router(hub, store, clock, login_limiter or RateLimiter(), login_gate))
    app.include_router(socket_router(hub))
    if console_dir.is_dir():
        app.mount("/", StaticFiles(directory=console_dir, html=True), name="console")
    else:
        log.warning("no console files in %s; only the API is served", console_dir)
    return app


async def _invalid_request(request: Request, exc: Exception) -> JSONResponse:
    """Keep the one error shape of the API, `{"detail": code}`, for malformed bodies too."""
    log.warning("refused %s %s: invalid_request", request.method, request.url.path)
    return JSONResponse(status_code=422, content={"detail": "invalid_request"})
