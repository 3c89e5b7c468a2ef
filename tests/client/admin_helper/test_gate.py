"""The helper's door: only the client's process, only its token, only once."""

import pytest

from client.admin_helper.gate import Gate, Peer

TOKEN = "f0" * 32


def test_only_the_clients_uid_and_pid_may_present_a_token():
    gate = Gate(uid=1000, pid=42, token=TOKEN)
    assert gate.peer_refusal(Peer(pid=42, uid=1000)) is None
    assert "uid 0" in str(gate.peer_refusal(Peer(pid=42, uid=0)))
    assert "pid 43" in str(gate.peer_refusal(Peer(pid=43, uid=1000)))


def test_the_token_admits_once():
    gate = Gate(uid=1000, pid=42, token=TOKEN)
    assert gate.admit("0" * 64) == "wrong token"
    assert gate.admit(None) == "no token"
    assert gate.admit(TOKEN) is None
    assert gate.admit(TOKEN) == "the token was already used"


def test_a_short_token_is_a_programming_error():
    with pytest.raises(ValueError):
        Gate(uid=1, pid=1, token="short")
