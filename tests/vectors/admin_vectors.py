"""Golden vectors of the administrator messages (docs/protocol.md, "Administrator rights")."""

from __future__ import annotations

import json
from typing import Any

MessageSink = Any


def add_admin_messages(valid_message: MessageSink, invalid_message: MessageSink) -> None:
    command = 'apt-get install -y gimp && echo "fertig: äöü"\t# ok'
    valid_message(
        "admin_command.json",
        json.dumps({"type": "admin_command", "id": 1, "command": command}, ensure_ascii=False),
        {"type": "admin_command", "id": 1, "command": command},
        "quotes, non-ASCII and a tab are fine",
    )
    valid_message(
        "admin_command_limits.json",
        json.dumps({"type": "admin_command", "id": 2**31 - 1, "command": "\U0001f600" * 4096}),
        {"type": "admin_command", "id": 2**31 - 1, "command": "\U0001f600" * 4096},
        "the largest id; 4096 characters outside the BMP",
    )
    output = "\x1b[1mReading package lists...\x1b[0m\r\nDone\n\x00"
    valid_message(
        "admin_output.json",
        json.dumps({"type": "admin_output", "id": 7, "stream": "stderr", "data": output}),
        {"type": "admin_output", "id": 7, "stream": "stderr", "data": output},
        "output may hold any character, control characters included",
    )
    valid_message(
        "admin_output_limit.json",
        json.dumps(
            {"type": "admin_output", "id": 1, "stream": "stdout", "data": "\u00e4" * 8192}, ensure_ascii=False
        ),
        {"type": "admin_output", "id": 1, "stream": "stdout", "data": "\u00e4" * 8192},
        "8192 characters",
    )
    valid_message(
        "admin_exit.json",
        '{"type":"admin_exit","id":1,"status":0}',
        {"type": "admin_exit", "id": 1, "status": 0},
    )
    valid_message(
        "admin_exit_signal.json",
        '{"type":"admin_exit","id":3,"status":-9}',
        {"type": "admin_exit", "id": 3, "status": -9},
        "killed by signal 9",
    )
    valid_message(
        "admin_exit_windows.json",
        '{"type":"admin_exit","id":3,"status":4294967295}',
        {"type": "admin_exit", "id": 3, "status": 4294967295},
        "a Windows exit code is unsigned 32-bit",
    )
    valid_message(
        "admin_refused.json",
        '{"type":"admin_refused","id":4,"reason":"customer_holds_control"}',
        {"type": "admin_refused", "id": 4, "reason": "customer_holds_control"},
    )
    valid_message(
        "admin_unavailable.json",
        '{"type":"admin_unavailable","reason":"dismissed"}',
        {"type": "admin_unavailable", "reason": "dismissed"},
    )

    invalid_message("admin_command_id_0.json", '{"type":"admin_command","id":0,"command":"id"}', "id 0")
    invalid_message(
        "admin_command_id_too_big.json",
        '{"type":"admin_command","id":2147483648,"command":"id"}',
        "id 2^31",
    )
    invalid_message("admin_command_empty.json", '{"type":"admin_command","id":1,"command":""}', "empty")
    invalid_message(
        "admin_command_newline.json",
        '{"type":"admin_command","id":1,"command":"id\\nrm -rf /"}',
        "a second line the customer might not see",
    )
    invalid_message(
        "admin_command_carriage_return.json",
        '{"type":"admin_command","id":1,"command":"echo hi\\rrm -rf /"}',
        "a carriage return that hides the start of the line",
    )
    invalid_message(
        "admin_command_too_long.json",
        json.dumps({"type": "admin_command", "id": 1, "command": "a" * 4097}),
        "4097 characters",
    )
    invalid_message(
        "admin_command_argv.json",
        '{"type":"admin_command","id":1,"command":["id","-u"]}',
        "a list is no string",
    )
    invalid_message(
        "admin_output_empty.json", '{"type":"admin_output","id":1,"stream":"stdout","data":""}', "empty"
    )
    invalid_message(
        "admin_output_stream.json",
        '{"type":"admin_output","id":1,"stream":"stdin","data":"x"}',
        "no such stream",
    )
    invalid_message(
        "admin_output_too_long.json",
        json.dumps({"type": "admin_output", "id": 1, "stream": "stdout", "data": "a" * 8193}),
        "8193 characters",
    )
    invalid_message("admin_exit_fraction.json", '{"type":"admin_exit","id":1,"status":1.5}', "1.5 is no int")
    invalid_message(
        "admin_exit_too_big.json", '{"type":"admin_exit","id":1,"status":4294967296}', "above 2^32 - 1"
    )
    invalid_message(
        "admin_refused_reason.json", '{"type":"admin_refused","id":1,"reason":"because"}', "no such reason"
    )
    invalid_message(
        "admin_unavailable_reason.json", '{"type":"admin_unavailable","reason":"granted"}', "no such outcome"
    )
