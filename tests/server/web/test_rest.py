"""The REST API of the real server process over real TLS."""

from datetime import datetime, timedelta

import httpx
import pytest

from tests.support.fixtures import ANNA
from tests.support.server_process import add_expert, login, ssl_context


@pytest.fixture
def client(server):
    with httpx.Client(base_url=server.url, verify=ssl_context(server.ca_path), timeout=15) as http:
        yield http


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def parse(stamp):
    assert stamp.endswith("Z")
    return datetime.fromisoformat(stamp)


def test_login_ok(client):
    response = client.post("/api/login", json={"username": "anna", "password": ANNA.password})
    assert response.status_code == 200
    body = response.json()
    assert body["expert"] == {"username": "anna", "name": "Anna Berger", "organisation": "Beispiel GmbH"}
    lifetime = parse(body["expires_at"]) - datetime.now(parse(body["expires_at"]).tzinfo)
    assert timedelta(hours=11, minutes=59) < lifetime <= timedelta(hours=12)
    assert client.get("/api/me", headers=bearer(body["token"])).json()["name"] == "Anna Berger"


def test_login_refused(client):
    for username, password in [("anna", "wrong password"), ("nobody", ANNA.password)]:
        response = client.post("/api/login", json={"username": username, "password": password})
        assert (response.status_code, response.json()) == (401, {"detail": "invalid_credentials"})


def test_login_rate_limited_after_five_failures(client):
    for _ in range(5):
        assert client.post("/api/login", json={"username": "anna", "password": "guess"}).status_code == 401
    response = client.post("/api/login", json={"username": "anna", "password": ANNA.password})
    assert (response.status_code, response.json()) == (429, {"detail": "rate_limited"})
    assert 1 <= int(response.headers["Retry-After"]) <= 60


def test_malformed_login_body(client):
    response = client.post("/api/login", json={"username": "anna"})
    assert (response.status_code, response.json()) == (422, {"detail": "invalid_request"})


def test_a_body_that_is_not_even_utf8_is_an_invalid_request_too(client):
    headers = {"Content-Type": "application/json"}
    response = client.post("/api/login", content=b"\xff\xfe{", headers=headers)
    assert (response.status_code, response.json()) == (422, {"detail": "invalid_request"})


def test_unauthorized(client):
    for headers in [{}, bearer("forged"), {"Authorization": "Basic YW5uYTp4"}]:
        response = client.get("/api/me", headers=headers)
        assert (response.status_code, response.json()) == (401, {"detail": "unauthorized"})
        assert response.headers["WWW-Authenticate"] == "Bearer"


def test_logout_voids_the_token(server, client):
    token = login(server, "anna", ANNA.password)
    assert client.post("/api/logout", headers=bearer(token)).status_code == 204
    assert client.get("/api/me", headers=bearer(token)).status_code == 401


def test_create_list_and_get_sessions(server, client):
    token = login(server, "anna", ANNA.password)
    created = client.post("/api/sessions", headers=bearer(token))
    assert created.status_code == 201
    first = created.json()
    assert set(first) == {
        "id",
        "number",
        "number_display",
        "state",
        "created_at",
        "expires_at",
        "ended_at",
        "label",
        "outcome",
    }
    assert (first["label"], first["outcome"]) == ("", None)
    assert len(first["number"]) == 9 and first["number"].isdigit()
    number = first["number"]
    assert first["number_display"] == f"{number[:3]} {number[3:6]} {number[6:]}"
    assert first["state"] == "waiting" and first["ended_at"] is None
    assert parse(first["expires_at"]) - parse(first["created_at"]) == timedelta(minutes=10)
    second = client.post("/api/sessions", headers=bearer(token)).json()
    assert second["number"] != number
    listed = client.get("/api/sessions", headers=bearer(token)).json()["sessions"]
    assert [s["id"] for s in listed] == [second["id"], first["id"]]
    assert client.get(f"/api/sessions/{first['id']}", headers=bearer(token)).json() == first


def test_a_session_can_be_labelled_with_whom_it_is_for_in_one_line(server, client):
    token = login(server, "anna", ANNA.password)
    created = client.post(
        "/api/sessions", headers=bearer(token), json={"label": "  Ticket 4711, Frau Krüger "}
    )
    assert created.status_code == 201
    assert created.json()["label"] == "Ticket 4711, Frau Krüger"
    for label in ("x" * 101, "zwei\nZeilen", 42):
        refused = client.post("/api/sessions", headers=bearer(token), json={"label": label})
        assert refused.status_code == 422, label
    listed = client.get("/api/sessions", headers=bearer(token)).json()["sessions"]
    assert [session["label"] for session in listed] == ["Ticket 4711, Frau Krüger"]


def test_sessions_are_private_to_their_expert(server, client):
    add_expert(server.data_dir, "ben", "another good password", "Ben Ober", "Andere AG")
    anna = login(server, "anna", ANNA.password)
    ben = login(server, "ben", "another good password")
    session = client.post("/api/sessions", headers=bearer(anna)).json()
    response = client.get(f"/api/sessions/{session['id']}", headers=bearer(ben))
    assert (response.status_code, response.json()) == (404, {"detail": "not_found"})
    assert client.get("/api/sessions", headers=bearer(ben)).json() == {"sessions": []}
    assert client.get("/api/sessions/nope", headers=bearer(anna)).status_code == 404
    receipt = client.get(f"/api/sessions/{session['id']}/receipt", headers=bearer(ben))
    assert (receipt.status_code, receipt.json()) == (404, {"detail": "not_found"})
    receipt = client.get(f"/api/sessions/{session['id']}/receipt", headers=bearer(anna))
    assert (receipt.status_code, receipt.json()) == (409, {"detail": "no_receipt"}), "not ended yet"


def test_openapi_schema_describes_the_api(client):
    schema = client.get("/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/login", "/api/logout", "/api/me", "/api/sessions", "/api/sessions/{session_id}"} <= set(
        schema["paths"]
    )
    components = schema["components"]
    assert components["schemas"]["SessionBody"]["properties"]["state"]["enum"] == [
        "waiting",
        "joined",
        "active",
        "ended",
    ]
    assert components["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert "201" in schema["paths"]["/api/sessions"]["post"]["responses"]
    assert "429" in schema["paths"]["/api/login"]["post"]["responses"]
