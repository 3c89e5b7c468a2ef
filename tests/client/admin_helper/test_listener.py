"""The helper's socket: private to the user, and the helper ends as soon as its client leaves."""

import json
import os
import socket
import threading
import time

from client.admin_helper import listener
from client.admin_helper.gate import Gate

TOKEN = "9a" * 32


def start(folder):
    door = listener.UnixListener(folder, Gate(str(os.getuid()), os.getpid(), TOKEN), os.getuid(), os.getgid())
    result = []
    thread = threading.Thread(target=lambda: result.append(door.run()), daemon=True)
    thread.start()
    return door, thread, result


def test_the_socket_is_for_the_user_only(tmp_path):
    door, thread, _ = start(tmp_path)
    mode = door.path.stat().st_mode & 0o777
    door.close()
    thread.join(timeout=5)
    assert mode == 0o600


def test_the_helper_ends_at_once_when_its_client_leaves(tmp_path):
    door, thread, result = start(tmp_path)
    with socket.socket(socket.AF_UNIX) as client, client.makefile("rb") as reader:
        client.connect(str(door.path))
        client.sendall(json.dumps({"verb": "hello", "token": TOKEN}).encode() + b"\n")
        assert json.loads(reader.readline()) == {"event": "ready"}
    left = time.monotonic()
    thread.join(timeout=5)
    assert not thread.is_alive() and result == [0]
    assert time.monotonic() - left < 2
    assert not door.path.exists()


def test_without_a_client_in_time_the_helper_gives_up(tmp_path, monkeypatch):
    monkeypatch.setattr(listener, "ADMIT_TIMEOUT_S", 0.3)
    _, thread, result = start(tmp_path)
    thread.join(timeout=5)
    assert result == [1]


def test_stopping_the_helper_kills_the_running_command(tmp_path):
    door, thread, result = start(tmp_path)
    marker = tmp_path / "survived"
    with socket.socket(socket.AF_UNIX) as client, client.makefile("rb") as reader:
        client.connect(str(door.path))
        client.sendall(json.dumps({"verb": "hello", "token": TOKEN}).encode() + b"\n")
        assert json.loads(reader.readline()) == {"event": "ready"}
        command = f"echo started; sleep 1; touch '{marker}'"
        client.sendall(json.dumps({"verb": "run", "id": 1, "command": command}).encode() + b"\n")
        assert json.loads(reader.readline())["data"] == "started\n"
        door.stop()
        thread.join(timeout=5)
    assert result == [0]
    time.sleep(1.5)
    assert not marker.exists()
