"""The helper's door: only the client's process, only its token, only once."""

import pytest

from client.admin_helper.gate import Gate, Peer

TOKEN = "f0" * 32
SID = "S-1-5-21-1004336348-1177238915-682003330-1001"


def test_only_the_clients_user_and_pid_may_present_a_token():
    gate = Gate(user="1000", pid=42, token=TOKEN)
    assert gate.peer_refusal(Peer(pid=42, user="1000")) is None
    assert "uid 0" in str(gate.peer_refusal(Peer(pid=42, user="0")))
    assert "pid 43" in str(gate.peer_refusal(Peer(pid=43, user="1000")))


def test_on_windows_the_peer_must_also_be_in_the_clients_logon_session():
    gate = Gate(user=SID, pid=42, token=TOKEN, session=1, user_label="SID")
    assert gate.peer_refusal(Peer(pid=42, user=SID, session=1)) is None
    assert "session 2" in str(gate.peer_refusal(Peer(pid=42, user=SID, session=2)))
    assert "SID S-1-5-18" in str(gate.peer_refusal(Peer(pid=42, user="S-1-5-18", session=1)))


def test_the_token_admits_once():
    gate = Gate(user="1000", pid=42, token=TOKEN)
    assert gate.admit("0" * 64) == "wrong token"
    assert gate.admit(None) == "no token"
    assert gate.admit(TOKEN) is None
    assert gate.admit(TOKEN) == "the token was already used"


def test_a_short_token_is_a_programming_error():
    with pytest.raises(ValueError):
        Gate(user="1", pid=1, token="short")
