"""SQLite store round-trips against a real database file."""

import sqlite3
from dataclasses import replace

import pytest

from server.store import DuplicateExpert, ExpertRecord, SessionRecord, SqliteStore
from server.store.base import TOKEN_TTL_SECONDS, Store
from server.store.sqlite import _SCHEMA_V1, DB_NAME

NOW = 1_700_000_000.0
ANNA = ExpertRecord("anna", "Anna Berger", "Beispiel GmbH")
BEN = ExpertRecord("ben", "Ben Ober", "Andere AG")


@pytest.fixture
def store(tmp_path):
    opened = SqliteStore.open(tmp_path)
    yield opened
    opened.close()


def session(id_, expert="anna", created=NOW, state="waiting"):
    return SessionRecord(id_, expert, "482190337", state, created, created + 600)


def test_it_is_a_store(store):
    typed: Store = store
    assert typed is store


def test_wal_mode_and_schema_version(tmp_path, store):
    db = sqlite3.connect(tmp_path / DB_NAME)
    assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert db.execute("PRAGMA user_version").fetchone() == (2,)
    db.close()


def test_a_version_1_database_gains_outcome_and_label_and_keeps_its_sessions(tmp_path):
    db = sqlite3.connect(tmp_path / DB_NAME)
    for statement in _SCHEMA_V1:
        db.execute(statement)
    db.execute("INSERT INTO experts VALUES ('anna', 'Anna Berger', 'Beispiel GmbH', 'h')")
    db.execute(
        "INSERT INTO sessions VALUES ('old', 'anna', '482190337', 'ended', ?, ?, ?, 'expert_ended')",
        (NOW, NOW + 600, NOW + 60),
    )
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    store = SqliteStore.open(tmp_path)
    old = store.get_session("old")
    assert (old.end_reason, old.outcome, old.label) == ("expert_ended", None, "")
    store.create_session(replace(session("new"), label="Ticket 4711"))
    store.update_session("new", "ended", NOW + 5, "consent_denied", "declined")
    new = store.get_session("new")
    assert (new.label, new.outcome) == ("Ticket 4711", "declined")
    store.close()


def test_reopening_keeps_data_and_does_not_migrate_twice(tmp_path, store):
    store.add_expert(ANNA, "$argon2id$x")
    again = SqliteStore.open(tmp_path)
    assert again.get_expert("anna") == ANNA
    again.close()


def test_experts_round_trip_and_duplicates(store):
    store.add_expert(ANNA, "$argon2id$hash")
    assert store.get_expert("anna") == ANNA
    assert store.password_hash("anna") == "$argon2id$hash"
    assert store.get_expert("nobody") is None
    assert store.password_hash("nobody") is None
    with pytest.raises(DuplicateExpert):
        store.add_expert(ExpertRecord("anna", "Other", "Other"), "$argon2id$other")
    assert store.get_expert("anna") == ANNA


def test_tokens_are_stored_only_as_sha256(tmp_path, store):
    store.add_expert(ANNA, "h")
    issued = store.issue_token("anna", NOW)
    assert issued.expires_at == NOW + TOKEN_TTL_SECONDS == NOW + 12 * 3600
    assert len(issued.token) >= 43
    raw = (tmp_path / DB_NAME).read_bytes() + (tmp_path / f"{DB_NAME}-wal").read_bytes()
    assert issued.token.encode() not in raw
    db = sqlite3.connect(tmp_path / DB_NAME)
    (stored,) = db.execute("SELECT token_sha256 FROM tokens").fetchone()
    db.close()
    assert len(stored) == 64


def test_token_lookup_expiry_and_revocation(store):
    store.add_expert(ANNA, "h")
    issued = store.issue_token("anna", NOW)
    assert store.expert_for_token(issued.token, NOW + 1) == ANNA
    assert store.expert_for_token(issued.token, NOW + TOKEN_TTL_SECONDS - 1) == ANNA
    assert store.expert_for_token(issued.token, NOW + TOKEN_TTL_SECONDS) is None
    assert store.expert_for_token("forged", NOW) is None
    store.revoke_token(issued.token)
    assert store.expert_for_token(issued.token, NOW + 1) is None


def test_expired_tokens_are_purged_on_issue(store):
    store.add_expert(ANNA, "h")
    old = store.issue_token("anna", NOW)
    store.issue_token("anna", NOW + TOKEN_TTL_SECONDS + 1)
    assert store.expert_for_token(old.token, NOW) is None


def test_sessions_round_trip_and_update(store):
    store.add_expert(ANNA, "h")
    store.create_session(session("s1"))
    assert store.get_session("s1") == session("s1")
    store.update_session("s1", "active", None, None)
    assert store.get_session("s1").state == "active"
    store.update_session("s1", "ended", NOW + 60, "customer_ended")
    ended = store.get_session("s1")
    assert (ended.state, ended.ended_at, ended.end_reason) == ("ended", NOW + 60, "customer_ended")
    assert store.get_session("missing") is None


def test_sessions_are_listed_per_expert_newest_first(store):
    store.add_expert(ANNA, "h")
    store.add_expert(BEN, "h")
    store.create_session(session("a1", created=NOW))
    store.create_session(session("b1", expert="ben", created=NOW + 1))
    store.create_session(session("a2", created=NOW + 2))
    store.create_session(session("a3", created=NOW + 2))
    assert [s.id for s in store.list_sessions("anna")] == ["a3", "a2", "a1"]
    assert [s.id for s in store.list_sessions("ben")] == ["b1"]
    assert store.list_sessions("nobody") == []


def test_unknown_state_is_rejected_by_the_schema(store):
    store.add_expert(ANNA, "h")
    with pytest.raises(sqlite3.IntegrityError):
        store.create_session(session("s1", state="paused"))


def test_unfinished_sessions_are_ended_after_a_crash(store):
    store.add_expert(ANNA, "h")
    store.create_session(session("s1"))
    store.create_session(session("s2", state="active"))
    store.create_session(session("s3", state="ended"))
    store.update_session("s3", "ended", NOW + 1, "expert_ended")
    store.update_session("s3", "ended", NOW + 1, "expert_ended", "ended_by_expert")
    assert store.end_unfinished_sessions(NOW + 100, "server_shutdown") == 2
    assert {s.id: (s.state, s.end_reason, s.outcome) for s in store.list_sessions("anna")} == {
        "s1": ("ended", "server_shutdown", "interrupted"),
        "s2": ("ended", "server_shutdown", "interrupted"),
        "s3": ("ended", "expert_ended", "ended_by_expert"),
    }


def test_sessions_restored_for_a_resume_are_not_ended_at_the_start(store):
    store.add_expert(ANNA, "h")
    store.create_session(session("s1"))
    store.create_session(session("s2", state="active"))
    assert store.end_unfinished_sessions(NOW + 100, "server_shutdown", kept=frozenset({"s2"})) == 1
    assert {s.id: s.state for s in store.list_sessions("anna")} == {"s1": "ended", "s2": "active"}
