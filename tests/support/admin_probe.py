"""Knocks on the helper's door as a process of the customer's user and reports what it was told.

Run as that user: `python admin_probe.py SOCKET TOKEN MODE`; it starts once `SOCKET.go-MODE` exists
(one file per mode, so the test decides their order).
Prints one JSON list of answers.
Modes: `knock` presents TOKEN once; `full` presents a wrong token, then TOKEN (and runs `id -u`),
then TOKEN again on a new connection, then asks the admitted connection for a verb outside the list.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import time


def connect(path: str) -> tuple[socket.socket, object]:
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.settimeout(10)
    connection.connect(path)
    return connection, connection.makefile("rb")


def say(connection: socket.socket, body: dict[str, object]) -> None:
    connection.sendall(json.dumps(body).encode() + b"\n")


def hear(reader: object) -> object:
    line = reader.readline()  # type: ignore[attr-defined]
    return json.loads(line) if line else None


def main() -> None:
    path, token, mode = sys.argv[1:4]
    deadline = time.monotonic() + 20
    while not os.path.exists(f"{path}.go-{mode}"):  # the test says when; the helper listens by then
        if time.monotonic() > deadline:
            raise SystemExit("no go")
        time.sleep(0.02)
    answers: list[object] = []
    if mode == "knock":
        connection, reader = connect(path)
        say(connection, {"verb": "hello", "token": token})
        answers.append(hear(reader))
    else:
        wrong, reader = connect(path)
        say(wrong, {"verb": "hello", "token": "0" * 64})
        answers.append(hear(reader))
        admitted, admitted_reader = connect(path)
        say(admitted, {"verb": "hello", "token": token})
        answers.append(hear(admitted_reader))
        say(admitted, {"verb": "run", "id": 1, "command": "id -u"})
        while (answer := hear(admitted_reader)) is not None:
            answers.append(answer)
            if isinstance(answer, dict) and answer.get("event") == "exit":
                break
        again, again_reader = connect(path)
        say(again, {"verb": "hello", "token": token})
        answers.append(hear(again_reader))
        say(admitted, {"verb": "read_file", "path": "/etc/shadow"})
        answers.append(hear(admitted_reader))
        answers.append(hear(admitted_reader))
    print(json.dumps(answers))


if __name__ == "__main__":
    main()
