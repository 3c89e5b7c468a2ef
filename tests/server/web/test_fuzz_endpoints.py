"""A short fuzz run of the real server application (bench/fuzz.py runs ≥ 100,000 inputs): generated
and mutated messages and frames into both WebSocket endpoints of a live session, and generated
REST requests, give no crash and nothing invalid accepted."""

import asyncio

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from protocol import encode_message
from protocol.messages import Heartbeat
from tests.support.fuzzing import frame_bytes, message_texts
from tests.support.server_fuzzing import FuzzServer, Tally, _valid_new_session, rest_requests

HEARTBEAT = encode_message(Heartbeat())
"""Valid in a live session on both sockets: every sequence has at least one input to accept."""
SHORT = settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
steps = st.lists(
    st.tuples(st.sampled_from(["customer", "console"]), st.one_of(message_texts, frame_bytes)),
    min_size=1,
    max_size=8,
)


def test_fuzzed_socket_inputs_crash_nothing_and_nothing_invalid_is_accepted(tmp_path):
    server = FuzzServer(tmp_path)
    total = Tally()

    @SHORT
    @given(steps)
    def one(sequence):
        total.add(asyncio.run(server.sequence([("customer", HEARTBEAT), *sequence])))

    try:
        one()
    finally:
        server.close()
    assert (total.crashes, total.invalid_accepted) == (0, 0), total.problems
    assert total.inputs >= 40 and total.accepted > 0


def test_fuzzed_rest_requests_crash_nothing_and_nothing_invalid_is_accepted(tmp_path):
    server = FuzzServer(tmp_path)
    requests = []

    @SHORT
    @given(rest_requests(server.token))
    def collect(request):
        requests.append(request)

    collect()
    bearer = {"Authorization": f"Bearer {server.token}"}
    requests += [("GET", "/api/me", bearer, None), ("POST", "/api/sessions", bearer, {"label": "Ticket 1"})]
    try:
        total = asyncio.run(server.rest(requests * 3))
    finally:
        server.close()
    assert (total.crashes, total.invalid_accepted) == (0, 0), total.problems
    assert total.inputs == len(requests) * 3 and total.accepted >= 6


def test_the_new_session_judge_reads_a_raw_body_as_json_like_the_server():
    assert all(_valid_new_session(body) for body in (None, "", "{}", '{"label": "Printer"}', "null"))
    assert not any(_valid_new_session(body) for body in ("{", '{"x": 1}', '"x"', "[]"))
