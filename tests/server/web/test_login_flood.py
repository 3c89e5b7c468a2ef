"""Expert logins during a flood of wrong passwords from many networks: the flooding addresses and
networks are refused, everyone else is only slowed down, and the expert still logs in."""

import asyncio

import httpx
import pytest

from server.core.broker import Broker
from server.core.ratelimit import RateLimiter
from server.store import SqliteStore
from server.store.base import ExpertRecord
from server.store.passwords import hash_password
from server.web import rest
from server.web.app import create_app
from server.web.hub import Hub
from tests.support.fixtures import ANNA


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setattr(rest, "PRESSURE_DELAY_S", 0.2)
    store = SqliteStore.open(tmp_path)
    store.add_expert(ExpertRecord(ANNA.username, ANNA.name, ANNA.organisation), hash_password(ANNA.password))
    clock = lambda: 1_700_000_000.0  # noqa: E731
    limiter = RateLimiter(per_address=5, per_prefix=20, pressure=6)
    yield create_app(Hub(Broker(clock), store, clock), store, clock, login_limiter=limiter)
    store.close()


async def login_from(app, address, password):
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as client:
        return await client.post("/api/login", json={"username": ANNA.username, "password": password})


def test_the_expert_logs_in_while_many_networks_guess(app):
    async def scenario():
        guesses = [login_from(app, f"10.{n}.0.1", "guess") for n in range(8)]
        assert {r.status_code for r in await asyncio.gather(*guesses)} == {401}
        legit = await login_from(app, "192.0.2.10", ANNA.password)
        assert legit.status_code == 200
        again = await login_from(app, "192.0.2.10", ANNA.password)
        assert again.status_code == 200

    asyncio.run(scenario())


def test_a_guessing_address_and_its_network_are_refused_but_not_others(app):
    async def scenario():
        for _ in range(5):
            assert (await login_from(app, "10.9.9.1", "guess")).status_code == 401
        refused = await login_from(app, "10.9.9.1", ANNA.password)
        assert refused.status_code == 429 and 1 <= int(refused.headers["Retry-After"]) <= 60
        assert (await login_from(app, "10.9.10.1", ANNA.password)).status_code == 200

    asyncio.run(scenario())
