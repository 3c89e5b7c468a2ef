"""The helper's verbs over a real socket pair: a command runs with its output streamed and its
status reported; everything outside the list is refused and ends the connection."""

import json
import socket
import threading
import time

import pytest

from client.admin_helper import wire
from client.admin_helper.service import HelperService


class SocketConnection:
    def __init__(self, connection):
        self._socket = connection
        self._reader = connection.makefile("rb")

    def readline(self, limit):
        return self._reader.readline(limit)

    def write(self, data):
        self._socket.sendall(data)

    def close(self):
        self._reader.close()
        self._socket.close()


@pytest.fixture
def helper():
    ours, theirs = socket.socketpair()
    connection = SocketConnection(theirs)
    service = HelperService(connection)

    def serve():
        """As the listener does: the connection closes when the service returns."""
        service.serve()
        theirs.shutdown(socket.SHUT_RDWR)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    reader = ours.makefile("rb")
    yield ours, reader, thread
    reader.close()
    ours.close()
    thread.join(timeout=5)
    connection.close()


def say(connection, body):
    connection.sendall(json.dumps(body).encode() + b"\n")


def answers_until_exit(reader, command_id):
    answers = []
    while line := reader.readline():
        answers.append(json.loads(line))
        if answers[-1] == {"event": "exit", "id": command_id, "status": answers[-1].get("status")}:
            return answers
    return answers


def test_a_command_streams_its_output_and_reports_its_status(helper):
    connection, reader, _ = helper
    say(connection, {"verb": "run", "id": 7, "command": "printf 'ä\\n'; printf oops >&2; exit 4"})
    answers = answers_until_exit(reader, 7)
    stdout = "".join(a["data"] for a in answers if a.get("stream") == "stdout")
    stderr = "".join(a["data"] for a in answers if a.get("stream") == "stderr")
    assert (stdout, stderr) == ("ä\n", "oops")
    assert answers[-1] == {"event": "exit", "id": 7, "status": 4}


def test_invalid_utf8_output_is_replaced_not_lost(helper):
    connection, reader, _ = helper
    say(connection, {"verb": "run", "id": 1, "command": "printf 'a\\377b'"})
    answers = answers_until_exit(reader, 1)
    assert "".join(a["data"] for a in answers if a.get("event") == "output") == "a\ufffdb"


def test_a_second_command_while_one_runs_is_refused_and_the_connection_stays(helper):
    connection, reader, _ = helper
    say(connection, {"verb": "run", "id": 1, "command": "sleep 0.5; echo done"})
    say(connection, {"verb": "run", "id": 2, "command": "echo no"})
    first = json.loads(reader.readline())
    assert first == {"event": "refused", "reason": "busy", "id": 2}
    answers = answers_until_exit(reader, 1)
    assert answers[-1] == {"event": "exit", "id": 1, "status": 0}


@pytest.mark.parametrize(
    "body",
    [
        {"verb": "read_file", "path": "/etc/shadow"},
        {"verb": "write_file", "path": "/etc/passwd", "data": "x"},
        {"verb": "shell"},
        {"verb": "inject", "op": "move", "x": 1, "y": 1},
        {"verb": "run", "id": 0, "command": "id"},
        {"verb": "run", "id": 1, "command": ""},
        {"command": "id"},
    ],
    ids=["read_file", "write_file", "shell", "inject_not_offered", "id_0", "empty", "no_verb"],
)
def test_anything_outside_the_list_is_refused_and_ends_the_connection(helper, body):
    connection, reader, thread = helper
    say(connection, body)
    answer = json.loads(reader.readline())
    assert answer["event"] == "refused"
    assert reader.readline() == b"", "the helper closes after a refusal"
    thread.join(timeout=5)
    assert not thread.is_alive()


def test_a_line_that_is_not_json_is_refused(helper):
    connection, reader, _ = helper
    connection.sendall(b"run id -u\n")
    assert json.loads(reader.readline())["event"] == "refused"


def test_the_client_going_away_kills_the_running_command(helper, tmp_path):
    connection, reader, thread = helper
    marker = tmp_path / "survived"
    say(connection, {"verb": "run", "id": 1, "command": f"echo started; sleep 2; touch '{marker}'"})
    assert json.loads(reader.readline())["data"] == "started\n"
    connection.shutdown(socket.SHUT_WR)
    thread.join(timeout=5)
    assert not thread.is_alive()
    time.sleep(2.5)
    assert not marker.exists(), "the command was killed with its process group"


def test_oversized_lines_are_refused():
    with pytest.raises(wire.WireError):
        wire.decode(b"{" + b" " * wire.MAX_LINE_BYTES + b"}")


def test_the_next_command_may_follow_its_predecessors_exit_at_once(helper):
    connection, reader, _ = helper
    for command_id in range(1, 21):
        say(connection, {"verb": "run", "id": command_id, "command": "true"})
        answers = answers_until_exit(reader, command_id)
        assert answers[-1] == {"event": "exit", "id": command_id, "status": 0}, answers
