"""The ASGI app in-process: the console's static files at `/`, next to the API."""

import asyncio

import httpx
import pytest

from server.core.broker import Broker
from server.store import SqliteStore
from server.web.app import create_app
from server.web.hub import Hub


@pytest.fixture
def store(tmp_path):
    opened = SqliteStore.open(tmp_path)
    yield opened
    opened.close()


def get_all(store, console_dir, *paths):
    """GET each path from a freshly assembled app, without a network in between."""
    clock = lambda: 1_700_000_000.0  # noqa: E731
    app = create_app(Hub(Broker(clock), store, clock), store, clock, console_dir=console_dir)

    async def fetch():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as client:
            return [await client.get(path) for path in paths]

    return asyncio.run(fetch())


def test_console_files_are_served_at_the_root(tmp_path, store):
    console = tmp_path / "console"
    (console / "js").mkdir(parents=True)
    (console / "index.html").write_text("<!doctype html><title>Console</title>")
    (console / "js" / "main.js").write_text("export const ok = true;")
    root, script, missing, schema = get_all(
        store, console, "/", "/js/main.js", "/nothing.css", "/openapi.json"
    )
    assert root.status_code == 200 and "<title>Console</title>" in root.text
    assert root.headers["content-type"].startswith("text/html")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert missing.status_code == 404
    assert schema.status_code == 200


def test_without_console_files_the_api_still_works(tmp_path, store):
    root, me = get_all(store, tmp_path / "missing", "/", "/api/me")
    assert root.status_code == 404
    assert me.json() == {"detail": "unauthorized"}
