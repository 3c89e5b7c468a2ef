"""Framing between client and helper: one JSON object per line, within the size limit, however
the bytes arrive."""

import pytest

from client.admin_helper import wire


def reader_of(*pieces):
    queue = list(pieces)
    return wire.LineReader(lambda: queue.pop(0) if queue else b"")


def test_lines_are_joined_across_pieces_and_split_within_one():
    lines = reader_of(b'{"verb":', b'"hello"}\n{"a":1}\n{"b"', b":2}\n")
    assert [lines.readline(100) for _ in range(4)] == [b'{"verb":"hello"}\n', b'{"a":1}\n', b'{"b":2}\n', b""]


def test_an_overlong_line_comes_out_at_the_limit_and_is_then_refused():
    lines = reader_of(b"x" * 30, b"y" * 30 + b"\n")
    line = lines.readline(wire.MAX_LINE_BYTES + 1)
    assert line == b"x" * 30 + b"y" * 30 + b"\n"
    lines = reader_of(b"x" * (wire.MAX_LINE_BYTES + 10) + b"\n")
    long = lines.readline(wire.MAX_LINE_BYTES + 1)
    assert len(long) == wire.MAX_LINE_BYTES + 1
    with pytest.raises(wire.WireError):
        wire.decode(long)


def test_the_end_of_the_stream_gives_what_is_left_then_nothing():
    lines = reader_of(b'{"a":1}')
    assert lines.readline(100) == b'{"a":1}'
    assert lines.readline(100) == b""


@pytest.mark.parametrize("line", [b"[1]\n", b"run id -u\n", b"\xff\n"])
def test_anything_but_one_json_object_is_a_wire_error(line):
    with pytest.raises(wire.WireError):
        wire.decode(line)


def test_encode_and_decode_agree():
    body = {"event": "output", "id": 3, "stream": "stdout", "data": "ä\n"}
    encoded = wire.encode(body)
    assert encoded.endswith(b"\n") and encoded.count(b"\n") == 1
    assert wire.decode(encoded) == body
