"""`fernhilfe-server` as a user runs it: adding experts, and `serve` announcing itself."""

import stat
import subprocess
import sys
import time

import pytest

from server.cli import main
from server.core.journal import ChatEntry
from server.recording.audit import read_audit
from server.recording.vault import Vault
from server.store import SqliteStore
from tests.support.server_process import REPO_ROOT, ServerProcess, open_session


def cli(*args, stdin=""):
    command = [sys.executable, "-m", "server", *args]
    return subprocess.run(command, cwd=REPO_ROOT, input=stdin, capture_output=True, text=True, check=False)


def test_expert_add_creates_a_private_data_dir_and_the_expert(tmp_path):
    data = tmp_path / "data"
    result = cli(
        "expert", "add", "anna", "--data-dir", str(data), "--name", "Anna Berger", stdin="long enough\n"
    )
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    store = SqliteStore.open(data)
    try:
        expert = store.get_expert("anna")
        assert expert is not None and (expert.name, expert.organisation) == ("Anna Berger", "")
    finally:
        store.close()


@pytest.mark.parametrize(
    ("password", "message"),
    [("", "must not be empty"), ("\n", "must not be empty"), ("seven77\n", "at least 8 characters")],
)
def test_expert_add_refuses_weak_passwords(tmp_path, password, message):
    result = cli("expert", "add", "anna", "--data-dir", str(tmp_path / "data"), stdin=password)
    assert result.returncode == 2
    assert message in result.stderr


def test_expert_add_refuses_a_duplicate_username(tmp_path):
    data = str(tmp_path / "data")
    assert cli("expert", "add", "anna", "--data-dir", data, stdin="long enough\n").returncode == 0
    result = cli("expert", "add", "anna", "--data-dir", data, stdin="other password\n")
    assert result.returncode == 1
    assert "'anna' already exists" in result.stderr


def test_expert_add_refuses_odd_usernames(tmp_path):
    result = cli("expert", "add", "anna berger", "--data-dir", str(tmp_path), stdin="long enough\n")
    assert result.returncode == 2 and "username" in result.stderr


def test_serve_refuses_a_bad_port(tmp_path):
    result = cli("serve", "--data-dir", str(tmp_path), "--port", "70000")
    assert result.returncode == 2 and "port" in result.stderr


def test_serve_creates_its_data_dir_and_announces_itself(tmp_path):
    data = tmp_path / "fresh"
    with ServerProcess(data) as server:
        assert stat.S_IMODE(data.stat().st_mode) == 0o700
        assert server.url.startswith("https://127.0.0.1:") and server.port > 0
        assert len(server.pin) == 64
        assert "Started server process" in server.log_text()
    assert server.process is None


def test_restart_keeps_port_pin_organisation_key_and_accounts(server):
    port, pin, org_key = server.port, server.pin, server.org_key
    server.restart()
    assert (server.port, server.pin, server.org_key) == (port, pin, org_key)
    ticket = open_session(server, "anna", "correct horse battery")
    assert ticket.session["state"] == "waiting"


def recorded_session(data_dir, session_id="s1", at=1_700_000_000.0):
    writer = Vault(data_dir).open(session_id, at)
    writer.append(ChatEntry(at, "customer", "Hallo"))
    writer.close()


def test_purge_destroys_what_is_past_retention(tmp_path, capsys):
    recorded_session(tmp_path, "old")
    recorded_session(tmp_path, "new", time.time())
    assert main(["purge", "--data-dir", str(tmp_path), "--retention-days", "30"]) == 0
    assert "Purged 1 recording(s) older than 30 days." in capsys.readouterr().out
    assert Vault(tmp_path).files() == {"new"}


def test_recording_export_writes_files_and_an_audit_entry(tmp_path, capsys):
    recorded_session(tmp_path)
    out = tmp_path / "out"
    argv = ["recording", "export", "s1", "--data-dir", str(tmp_path), "--out", str(out)]
    assert main([*argv, "--reason", "Beschwerde"]) == 0
    assert "Exported 0 screenshot(s), 1 chat message(s) and 0 control log entries" in capsys.readouterr().out
    assert "customer: Hallo" in (out / "chat-log.txt").read_text(encoding="utf-8")
    assert read_audit(tmp_path)[0]["reason"] == "Beschwerde"


def test_recording_export_refusals(tmp_path, capsys):
    recorded_session(tmp_path)
    base = ["recording", "export", "--data-dir", str(tmp_path), "--out", str(tmp_path / "out")]
    assert main([*base[:2], "s2", *base[2:], "--reason", "x"]) == 1
    assert "no recording of session s2" in capsys.readouterr().err
    assert main([*base[:2], "../s1", *base[2:], "--reason", "x"]) == 2
    with pytest.raises(SystemExit):
        main([*base[:2], "s1", *base[2:], "--reason", "  "])
    assert "say why" in capsys.readouterr().err
    assert read_audit(tmp_path) == []


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        *(("--screenshot-interval", interval, "screenshot") for interval in ("0", "-1", "nan", "abc")),
        *(("--number-ttl", ttl, "session number") for ttl in ("4", "3601", "nan", "abc")),
    ],
)
def test_serve_refuses_a_bad_screenshot_interval_or_number_lifetime(tmp_path, option, value, message, capsys):
    with pytest.raises(SystemExit):
        main(["serve", "--data-dir", str(tmp_path), option, value])
    assert message in capsys.readouterr().err or value == "abc"


def test_org_key_export_prints_the_key_serve_signs_with(tmp_path, capsys):
    data = tmp_path / "data"
    assert main(["org-key", "export", "--data-dir", str(data)]) == 0
    exported = capsys.readouterr().out.strip()
    assert stat.S_IMODE((data / "organisation_key.pem").stat().st_mode) == 0o600
    assert main(["org-key", "export", "--data-dir", str(data)]) == 0
    assert capsys.readouterr().out.strip() == exported
    with ServerProcess(data) as server:
        assert server.org_key == exported


def test_serve_refuses_allowed_tiers_without_viewing(tmp_path):
    result = cli("serve", "--data-dir", str(tmp_path), "--allowed-tiers", "2,3")
    assert result.returncode == 2 and "1 is always allowed" in result.stderr
