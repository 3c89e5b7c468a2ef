"""A short fuzz run of both decoders (bench/fuzz.py runs ≥ 100,000 inputs each): generated and
mutated messages and frames are refused with `ProtocolError` or accepted only when valid, and the
console's JavaScript codec under node decides every one of them exactly as Python does."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.fuzzing import (
    accepts,
    check_frame,
    check_message,
    disagreements,
    frame_bytes,
    message_texts,
    node_available,
)

SHORT = settings(max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck))


@SHORT
@given(message_texts)
def test_a_text_message_is_refused_or_valid(text):
    check_message(text)


@SHORT
@given(frame_bytes)
def test_a_binary_frame_is_refused_or_valid(data):
    check_frame(data)


@pytest.mark.skipif(not node_available(), reason="node is needed to run the console's codec")
def test_the_console_codec_decides_like_python_on_generated_inputs():
    inputs: list[tuple[str, str | bytes]] = []

    @settings(max_examples=200, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.one_of(message_texts.map(lambda t: ("message", t)), frame_bytes.map(lambda b: ("frame", b))))
    def collect(item):
        inputs.append(item)

    collect()
    accepted = sum(1 for _, value in inputs if accepts(value))
    assert 0 < accepted < len(inputs), "the inputs should hold both valid and invalid ones"
    assert disagreements(inputs) == []
