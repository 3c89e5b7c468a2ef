"""REST request and response bodies; they are what `/openapi.json` documents."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from server.core.clock import iso
from server.core.numbers import display_number
from server.core.outcome import OUTCOMES, Outcome
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


MAX_LABEL_CHARS = 100


class NewSessionRequest(BaseModel):
    """Optional body of `POST /api/sessions`."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    label: str = Field(
        default="",
        max_length=MAX_LABEL_CHARS,
        pattern=r"^[^\x00-\x1f\x7f]*$",
        description="Whom the session is for (a customer's name, a ticket number); shown only to experts.",
        examples=["Ticket 4711, Frau Krüger"],
    )


class SessionBody(BaseModel):
    """A support session; `number` is what the customer types, valid 10 minutes until used."""

    id: str
    number: str = Field(pattern=r"^[0-9]{9,12}$")
    number_display: str = Field(examples=["482 190 337"])
    state: Literal["waiting", "joined", "active", "ended"]
    created_at: str = Field(description="ISO-8601 UTC")
    expires_at: str = Field(description="ISO-8601 UTC; the number is refused after it")
    ended_at: str | None = Field(description="ISO-8601 UTC, null while the session lives")
    label: str = Field(default="", description="The expert's label from `POST /api/sessions`, may be empty")
    outcome: Outcome | None = Field(
        default=None, description="How an ended session turned out; null while it lives"
    )

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
            label=record.label,
            outcome=_outcome(record.outcome),
        )


def _outcome(stored: str | None) -> Outcome | None:
    for outcome in OUTCOMES:
        if outcome == stored:
            return outcome
    return None


class SessionList(BaseModel):
    sessions: list[SessionBody] = Field(description="Newest first, only the caller's")
