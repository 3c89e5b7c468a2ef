"""Fuzzing the real server application: its two WebSocket endpoints and its REST API.

The server's FastAPI app runs in-process (tests/support/asgi_peer.py for the sockets, httpx's
ASGI transport for REST) with its real hub, broker and SQLite store. A WebSocket sequence opens
one session with a console attached and a customer sharing, then hands fuzzed inputs to either.
What counts:

- a **crash**: the app raised, closed with 1011 or a code docs/protocol.md does not list, sent a
  text that is not a valid message, or a REST answer was a 5xx or not `{"detail": str}`;
- an **accepted-but-invalid** input: one the protocol codec refuses (or a binary message on the
  console's socket) after which the server did not close the connection, or a REST request the
  API answered 2xx although its body breaks the documented schema.

Limits are set out of the way (the rate limits have their own tests): every input reaches the
decoders instead of a `rate_limited`.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
from hypothesis import strategies as st

from protocol import ProtocolError, decode_frame, decode_message, encode_message, limits
from protocol.errors import CloseCode
from protocol.messages import Auth, Consent, Hello, Monitor, ScreenInfo
from server.core.broker import Broker
from server.core.ratelimit import RateLimiter
from server.store.base import ExpertRecord
from server.store.sqlite import SqliteStore
from server.web.app import create_app
from server.web.hub import Hub
from server.web.models import MAX_LABEL_CHARS
from tests.support.asgi_peer import AsgiPeer
from tests.support.fuzzing import json_values

CLOSE_CODES = {int(code) for code in CloseCode} - {int(CloseCode.INTERNAL)}
SCREEN = ScreenInfo(monitors=(Monitor(id=0, x=0, y=0, width=64, height=48, scale=1.0, primary=True),))
OUT_OF_THE_WAY = 10**9


@dataclass
class Tally:
    """What one run did: inputs the server took, those it accepted, crashes, invalid ones accepted."""

    inputs: int = 0
    accepted: int = 0
    crashes: int = 0
    invalid_accepted: int = 0
    problems: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.inputs += other.inputs
        self.accepted += other.accepted
        self.crashes += other.crashes
        self.invalid_accepted += other.invalid_accepted
        self.problems += other.problems[: max(0, 5 - len(self.problems))]


class FuzzServer:
    """The server's app over a data directory; one expert, one bearer token."""

    def __init__(self, data_dir: Path) -> None:
        self.store = SqliteStore.open(data_dir)
        self.store.add_expert(ExpertRecord("anna", "Anna Berger", "Beispiel GmbH"), "no-password")
        expert = self.store.get_expert("anna")
        assert expert is not None
        self.expert = expert
        self.token = self.store.issue_token("anna", time.time()).token
        limiter = RateLimiter(per_address=OUT_OF_THE_WAY, per_prefix=OUT_OF_THE_WAY, pressure=OUT_OF_THE_WAY)
        self.hub = Hub(Broker(time.time, limiter=limiter), self.store, time.time)
        self.app = create_app(self.hub, self.store, time.time, console_dir=data_dir / "no-console")
        self._session_id = ""
        self._customer: AsgiPeer | None = None
        self._console: AsgiPeer | None = None

    def close(self) -> None:
        self.store.close()

    async def sequence(self, steps: list[tuple[str, str | bytes]], *, keep: bool = False) -> Tally:
        """Hand `steps` ((`customer`|`console`, input) each) to a live session, console attached and
        customer sharing. A peer the server closed is replaced before the next input for it (a
        closed customer: with a new session), so every input reaches a live session. Without
        `keep`, both peers go away at the end."""
        tally = Tally()
        for who, data in steps:
            peer = await self._peer(who, tally)
            valid = _decodes(data, binary=who == "customer")
            if not await peer.deliver(data):
                continue
            tally.inputs += 1
            for _ in range(20):
                if valid or peer.closed:
                    break
                await asyncio.sleep(0)
            if not peer.closed:
                tally.accepted += 1
                if not valid:
                    tally.invalid_accepted += 1
                    tally.problems.append(f"{who} input accepted though invalid: {data!r:.200}")
        if not keep:
            await self.finish(tally)
        return tally

    async def finish(self, tally: Tally) -> None:
        """Both peers go away; what they got is judged."""
        for peer in (self._customer, self._console):
            if peer is not None:
                await peer.disconnect()
                _judge(peer, tally)
        self._customer = self._console = None

    async def _peer(self, who: str, tally: Tally) -> AsgiPeer:
        if self._customer is None or self._customer.closed or self._console is None:
            await self.finish(tally)
            session = self.hub.create_session(self.expert)
            self._session_id = session.id
            self._console = await self._attach()
            self._customer = AsgiPeer(self.app, "/ws/customer")
            for message in (
                Hello(protocol=1, number=session.number, client="fuzz"),
                Consent(tier=1, granted=True),
                SCREEN,
            ):
                await self._customer.deliver(encode_message(message))
        elif self._console.closed:
            await self._console.disconnect()
            _judge(self._console, tally)
            self._console = await self._attach()
        return self._customer if who == "customer" else self._console

    async def _attach(self) -> AsgiPeer:
        console = AsgiPeer(self.app, "/ws/expert")
        await console.deliver(encode_message(Auth(protocol=1, token=self.token, session_id=self._session_id)))
        return console

    async def rest(self, requests: list[tuple[str, str, dict[str, str], Any]]) -> Tally:
        """(method, path, headers, JSON body or raw text) each; see the module docstring for the checks."""
        tally = Tally()
        transport = httpx.ASGITransport(app=self.app, client=("127.0.0.1", 40000))
        async with httpx.AsyncClient(transport=transport, base_url="https://fuzz.test") as client:
            for method, path, headers, body in requests:
                content = body if isinstance(body, str) else json.dumps(body)
                try:
                    sent = {"Content-Type": "application/json", **headers}
                    response = await client.request(method, path, headers=sent, content=content)
                except Exception as exc:  # the app raised through the transport: a crash
                    tally.crashes += 1
                    tally.problems.append(f"{method} {path} raised {exc!r:.200}")
                    continue
                tally.inputs += 1
                _judge_rest(method, path, body, response, tally)
        return tally


def _decodes(data: str | bytes, *, binary: bool) -> bool:
    try:
        if isinstance(data, bytes):
            if not binary or len(data) > limits.MAX_BINARY_MESSAGE_BYTES:
                return False
            decode_frame(data)
        else:
            if len(data.encode("utf-8", "surrogatepass")) > limits.MAX_TEXT_MESSAGE_BYTES:
                return False
            decode_message(data)
    except ProtocolError:
        return False
    return True


def _judge(peer: AsgiPeer, tally: Tally) -> None:
    if peer.failure is not None:
        tally.crashes += 1
        tally.problems.append(f"the app raised {peer.failure!r:.200}")
    if peer.close_code is not None and peer.close_code not in CLOSE_CODES:
        tally.crashes += 1
        tally.problems.append(f"closed with {peer.close_code}")
    for text in peer.texts:
        try:
            decode_message(text)
        except ProtocolError as exc:
            tally.crashes += 1
            tally.problems.append(f"the server sent an invalid message {text!r:.200}: {exc}")


ANSWERS = {200, 201, 204, 307, 401, 404, 405, 409, 422, 429}
"""The statuses the API may answer (307: a path with a trailing slash is redirected without it)."""


def _judge_rest(method: str, path: str, body: Any, response: httpx.Response, tally: Tally) -> None:
    where = f"{method} {path} {body!r:.100}"
    if response.status_code not in ANSWERS:
        tally.crashes += 1
        tally.problems.append(f"{where}: {response.status_code}")
    elif response.status_code >= 400:  # every error answer is {"detail": code}
        json_body = response.headers.get("content-type") == "application/json"
        if not json_body or not isinstance(response.json().get("detail"), str):
            tally.crashes += 1
            tally.problems.append(f"{where}: error body {response.text!r:.200}")
    elif response.status_code < 300:
        tally.accepted += 1
        if method == "POST" and path == "/api/sessions" and not _valid_new_session(body):
            tally.invalid_accepted += 1
            tally.problems.append(f"{where}: created a session from an invalid body")


def _valid_new_session(body: Any) -> bool:
    """`NewSessionRequest` of docs/protocol.md: no body, or only a label of ≤ 100 printable characters.

    A raw text body is read as the server reads it, as JSON: `'{}'` is a request without a label."""
    if body is None or body == "":
        return True
    if isinstance(body, str):
        try:
            body = json.loads(body)
        except ValueError:
            return False
        if body is None:
            return True
    if not isinstance(body, dict) or set(body) - {"label"}:
        return False
    label = body.get("label", "")
    return (
        isinstance(label, str)
        and len(label.strip()) <= MAX_LABEL_CHARS
        and not any(ord(c) < 0x20 or ord(c) == 0x7F for c in label.strip())
    )


def rest_requests(token: str) -> st.SearchStrategy[tuple[str, str, dict[str, str], Any]]:
    """REST requests with generated and mutated bodies, ids and tokens (printable ASCII headers)."""
    ascii_text = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=60)
    bearer = st.one_of(st.just(token), ascii_text, st.just(token[:-1]), st.just(token + "x"))
    no_auth: dict[str, str] = {}
    auth = st.one_of(st.just(no_auth), bearer.map(lambda t: {"Authorization": f"Bearer {t}"}))
    login = st.fixed_dictionaries(
        {"username": st.one_of(st.just("anna"), json_values), "password": json_values}
    )
    session_body = st.one_of(
        st.none(),
        st.fixed_dictionaries({"label": st.one_of(st.text(max_size=120), json_values)}),
        st.dictionaries(st.text(max_size=8), json_values, max_size=3),
        json_values,
    )
    ids = st.one_of(st.text(max_size=40), ascii_text).map(lambda s: quote(s, safe=""))
    return st.one_of(
        st.tuples(st.just("POST"), st.just("/api/login"), st.just({}), st.one_of(login, json_values)),
        st.tuples(st.just("POST"), st.just("/api/sessions"), auth, session_body),
        st.tuples(st.just("GET"), st.just("/api/sessions"), auth, st.none()),
        st.tuples(st.just("GET"), ids.map(lambda i: f"/api/sessions/{i}"), auth, st.none()),
        st.tuples(st.just("GET"), ids.map(lambda i: f"/api/sessions/{i}/receipt"), auth, st.none()),
        st.tuples(st.sampled_from(["GET", "PUT", "DELETE"]), st.just("/api/me"), auth, json_values),
        st.tuples(st.just("POST"), st.text(max_size=30).map(lambda p: "/api/" + quote(p)), auth, json_values),
    )
