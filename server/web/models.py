"""REST request and response bodies; they are what `/openapi.json` documents."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from server.core.clock import iso
from server.core.numbers import display_number
from server.store.base import ExpertRecord, SessionRecord


class ErrorBody(BaseModel):
    """Every error answer: a machine-readable code."""

    detail: str = Field(examples=["unauthorized"])


class LoginRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(min_length=1, max_length=200)
    password: str = Field(min_length=1, max_length=1024)


class ExpertBody(BaseModel):
    """An expert as the customer sees them in the consent dialog."""

    username: str
    name: str
    organisation: str

    @classmethod
    def of(cls, record: ExpertRecord) -> ExpertBody:
        return cls(username=record.username, name=record.name, organisation=record.organisation)


class LoginResponse(BaseModel):
    token: str = Field(description="Send as `Authorization: Bearer <token>`; valid 12 hours.")
    expires_at: str = Field(description="ISO-8601 UTC")
    expert: ExpertBody


class SessionBody(BaseModel):
    """A support session; `number` is what the customer types, valid 10 minutes until used."""

    id: str
    number: str = Field(pattern=r"^[0-9]{9,12}$")
    number_display: str = Field(examples=["482 190 337"])
    state: Literal["waiting", "joined", "active", "ended"]
    created_at: str = Field(description="ISO-8601 UTC")
    expires_at: str = Field(description="ISO-8601 UTC; the number is refused after it")
    ended_at: str | None = Field(description="ISO-8601 UTC, null while the session lives")

    @classmethod
    def of(cls, record: SessionRecord) -> SessionBody:
        return cls(
            id=record.id,
            number=record.number,
            number_display=display_number(record.number),
            state=record.state,
            created_at=iso(record.created_at),
            expires_at=iso(record.expires_at),
            ended_at=iso(record.ended_at) if record.ended_at is not None else None,
        )


class SessionList(BaseModel):
    sessions: list[SessionBody] = Field(description="Newest first, only the caller's")
