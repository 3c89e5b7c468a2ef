"""The two WebSocket endpoints: accept, pump every received message into the hub, report the close."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, WebSocket

from server.core.actions import ConnId
from server.core.events import HandshakeTimedOut, Received, Role
from server.web.hub import Hub

HANDSHAKE_SECONDS = 10.0
"""`hello` / `auth` must arrive this soon after the connection opens."""


def socket_router(hub: Hub) -> APIRouter:
    """Routes for `/ws/customer` and `/ws/expert`, bound to `hub`."""
    router = APIRouter()

    @router.websocket("/ws/customer")
    async def customer(websocket: WebSocket) -> None:
        await _serve(hub, websocket, "customer")

    @router.websocket("/ws/expert")
    async def expert(websocket: WebSocket) -> None:
        await _serve(hub, websocket, "expert")

    return router


async def _serve(hub: Hub, websocket: WebSocket, role: Role) -> None:
    await websocket.accept()
    conn = hub.open(websocket, role)
    code: int | None = None
    try:
        code = await _pump(hub, websocket, conn)
    finally:
        await hub.closed(conn, code)


async def _pump(hub: Hub, websocket: WebSocket, conn: ConnId) -> int | None:
    """Feed messages until the socket closes; the first one has to come within the handshake time.
    Returns the peer's close code."""
    try:
        async with asyncio.timeout(HANDSHAKE_SECONDS):
            message = await websocket.receive()
    except TimeoutError:
        hub.feed(HandshakeTimedOut(conn))
        message = await websocket.receive()
    while message["type"] == "websocket.receive":
        text = message.get("text")
        hub.feed(Received(conn, text if text is not None else message["bytes"]))
        message = await websocket.receive()
    code = message.get("code")
    return code if isinstance(code, int) else None
