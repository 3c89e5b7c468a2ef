"""The expert's REST API: log in, see who you are, create and list sessions.

Password checks run in a worker thread (Argon2id is deliberately slow) but one at a time: that
keeps the login rate limit exact under parallel requests and caps the memory Argon2id takes.
Endpoints are closures over the server's objects; FastAPI reads their annotations at runtime, so
this module does not use postponed annotations.
"""

import asyncio
import logging
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from protocol.receipt import Receipt, receipt_to_json
from server.core.clock import Clock, iso
from server.core.ratelimit import RateLimiter
from server.recording.records import TamperedRecording
from server.recording.vault import NoRecording
from server.store.base import ExpertRecord, SessionRecord, Store
from server.store.passwords import verify_password
from server.web.hub import Hub
from server.web.login_gate import LoginGate, PushedOut
from server.web.models import (
    ErrorBody,
    ExpertBody,
    LoginRequest,
    LoginResponse,
    NewSessionRequest,
    SessionBody,
    SessionList,
)

log = logging.getLogger("fernhilfe.server")

_bearer = HTTPBearer(auto_error=False, description="The token from `POST /api/login`.")


@dataclass(frozen=True)
class Caller:
    """An authenticated request: who, and with which token (so logout can void it)."""

    expert: ExpertRecord
    token: str


def _error(code: int, detail: str, headers: dict[str, str] | None = None) -> HTTPException:
    return HTTPException(status_code=code, detail=detail, headers=headers)


def _responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {code: {"model": ErrorBody} for code in codes}


def _refuse_if_limited(limiter: RateLimiter, address: str, username: str, now: float) -> None:
    """429 with `Retry-After` while this address or its network has failed too often."""
    wait = limiter.retry_after(address, now)
    if wait:
        log.warning("refused login for %r from %s: rate_limited (retry after %d s)", username, address, wait)
        raise _error(status.HTTP_429_TOO_MANY_REQUESTS, "rate_limited", {"Retry-After": str(wait)})


async def _receipt(hub: Hub, record: SessionRecord) -> Receipt:
    """409 until the session ended and its recording holds the end; 410 once the recording is gone."""
    if record.state != "ended":
        raise _error(status.HTTP_409_CONFLICT, "no_receipt")
    try:
        receipt = await hub.receipt(record.id)
    except NoRecording:
        raise _error(status.HTTP_410_GONE, "no_recording") from None
    except TamperedRecording as exc:
        log.error("receipt of session %s: %s", record.id, exc)
        raise _error(status.HTTP_500_INTERNAL_SERVER_ERROR, "recording_damaged") from None
    if receipt is None:
        raise _error(status.HTTP_409_CONFLICT, "no_receipt")
    return receipt


async def _turn(gate: LoginGate, address: str, username: str) -> None:
    """Under pressure, wait for this login's turn (server.web.login_gate); 429 when its network
    has too many waiting."""
    try:
        await gate.wait_turn(address)
    except PushedOut:
        log.warning("refused login for %r from %s: rate_limited (too many waiting)", username, address)
        raise _error(status.HTTP_429_TOO_MANY_REQUESTS, "rate_limited", {"Retry-After": "1"}) from None


def api_router(
    hub: Hub, store: Store, clock: Clock, login_limiter: RateLimiter, login_gate: LoginGate | None = None
) -> APIRouter:
    """Routes under `/api`, bound to the server's hub, store, clock and login limiter (and the gate
    that paces logins under pressure)."""
    router = APIRouter(prefix="/api")
    password_check = asyncio.Lock()
    gate = login_gate or LoginGate(login_limiter, clock)

    async def caller(
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> Caller:
        expert = store.expert_for_token(credentials.credentials, clock()) if credentials else None
        if credentials is None or expert is None:
            log.warning("refused %s %s: unauthorized", request.method, request.url.path)
            raise _error(status.HTTP_401_UNAUTHORIZED, "unauthorized", {"WWW-Authenticate": "Bearer"})
        return Caller(expert, credentials.credentials)

    @router.post("/login", responses=_responses(401, 422, 429))
    async def login(body: LoginRequest, request: Request) -> LoginResponse:
        """Exchange username and password for a bearer token."""
        address = request.client.host if request.client else "unknown"
        await _turn(gate, address, body.username)
        async with password_check:
            _refuse_if_limited(login_limiter, address, body.username, clock())
            encoded = store.password_hash(body.username)
            if not await asyncio.to_thread(verify_password, body.password, encoded):
                login_limiter.record_failure(address, clock())
                log.warning("refused login for %r from %s: invalid_credentials", body.username, address)
                raise _error(status.HTTP_401_UNAUTHORIZED, "invalid_credentials")
        login_limiter.record_success(address, clock())
        expert = store.get_expert(body.username)
        assert expert is not None
        issued = store.issue_token(expert.username, clock())
        log.info("%s logged in from %s", expert.username, address)
        return LoginResponse(
            token=issued.token, expires_at=iso(issued.expires_at), expert=ExpertBody.of(expert)
        )

    @router.post("/logout", status_code=status.HTTP_204_NO_CONTENT, responses=_responses(401))
    async def logout(who: Annotated[Caller, Depends(caller)]) -> Response:
        """Void the token this request carries."""
        store.revoke_token(who.token)
        return Response(status_code=status.HTTP_204_NO_CONTENT)

    @router.get("/me", responses=_responses(401))
    async def me(who: Annotated[Caller, Depends(caller)]) -> ExpertBody:
        """The expert the token belongs to."""
        return ExpertBody.of(who.expert)

    @router.post("/sessions", status_code=status.HTTP_201_CREATED, responses=_responses(401))
    async def create_session(
        who: Annotated[Caller, Depends(caller)], body: NewSessionRequest | None = None
    ) -> SessionBody:
        """Open a session, optionally labelled with whom it is for; read its number to the customer."""
        label = body.label if body is not None else ""
        return SessionBody.of(hub.create_session(who.expert, label))

    @router.get("/sessions", responses=_responses(401))
    async def list_sessions(who: Annotated[Caller, Depends(caller)]) -> SessionList:
        """The caller's sessions, newest first."""
        return SessionList(sessions=[SessionBody.of(s) for s in store.list_sessions(who.expert.username)])

    @router.get("/sessions/{session_id}", responses=_responses(401, 404))
    async def get_session(session_id: str, who: Annotated[Caller, Depends(caller)]) -> SessionBody:
        """One of the caller's sessions; another expert's session is `not_found` too."""
        record = store.get_session(session_id)
        if record is None or record.expert != who.expert.username:
            log.warning("refused session %r to %s: not_found", session_id, who.expert.username)
            raise _error(status.HTTP_404_NOT_FOUND, "not_found")
        return SessionBody.of(record)

    @router.get("/sessions/{session_id}/receipt", responses=_responses(401, 404, 409, 410, 500))
    async def get_receipt(session_id: str, who: Annotated[Caller, Depends(caller)]) -> dict[str, Any]:
        """The receipt of one of the caller's ended sessions, read from its recording: what the
        customer's receipt says too. Gone (410) once the recording is destroyed."""
        record = store.get_session(session_id)
        if record is None or record.expert != who.expert.username:
            log.warning("refused receipt %r to %s: not_found", session_id, who.expert.username)
            raise _error(status.HTTP_404_NOT_FOUND, "not_found")
        return receipt_to_json(await _receipt(hub, record))

    return router
