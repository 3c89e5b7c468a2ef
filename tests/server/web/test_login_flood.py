"""Expert logins during a flood of wrong passwords from many networks: the flooding addresses and
networks are refused, everyone else waits for a turn that comes one network after another at a
bounded rate, and the expert still logs in."""

import asyncio

import httpx
import pytest

from server.core.broker import Broker
from server.core.ratelimit import RateLimiter
from server.store import SqliteStore
from server.store.base import ExpertRecord
from server.store.passwords import hash_password
from server.web.app import create_app
from server.web.hub import Hub
from server.web.login_gate import LoginGate
from tests.support.fixtures import ANNA

RATE = 20.0
"""Logins let through per second under pressure in these tests (the server's is lower)."""


@pytest.fixture
def app(tmp_path):
    store = SqliteStore.open(tmp_path)
    store.add_expert(ExpertRecord(ANNA.username, ANNA.name, ANNA.organisation), hash_password(ANNA.password))
    clock = lambda: 1_700_000_000.0  # noqa: E731
    limiter = RateLimiter(per_address=5, per_prefix=20, pressure=6)
    gate = LoginGate(limiter, clock, rate_per_s=RATE)
    yield create_app(Hub(Broker(clock), store, clock), store, clock, login_limiter=limiter, login_gate=gate)
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


async def pressure(app):
    """Six wrong passwords from six networks: the server is under pressure now."""
    for n in range(6):
        assert (await login_from(app, f"10.200.{n}.1", "guess")).status_code == 401


def test_during_a_flood_the_experts_turn_comes_after_about_one_login_per_flooding_network(app):
    async def scenario():
        await pressure(app)
        answered: list[str] = []

        async def guess(address):
            response = await login_from(app, address, "guess")
            answered.append(address)
            return response.status_code

        flood = [asyncio.create_task(guess(f"10.{n}.0.{a}")) for n in range(8) for a in (1, 2, 3)]
        await asyncio.sleep(0.1)
        legit = await login_from(app, "192.0.2.10", ANNA.password)
        assert legit.status_code == 200
        ahead = len(answered)
        assert set(await asyncio.gather(*flood)) == {401}
        # One turn per flooding network plus the few let through before the expert came; a queue
        # in arrival order would have checked the whole flood first.
        assert ahead <= 8 + 4, f"{ahead} of {len(flood)} guesses were checked before the expert's turn"

    asyncio.run(scenario())


def test_a_network_with_too_many_waiting_logins_has_its_oldest_refused(app):
    async def scenario():
        await pressure(app)
        codes = await asyncio.gather(*(login_from(app, f"10.77.0.{a}", "guess") for a in range(1, 11)))
        assert sorted(r.status_code for r in codes) == [401] * 8 + [429] * 2

    asyncio.run(scenario())
