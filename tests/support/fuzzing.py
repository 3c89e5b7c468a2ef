"""Generated and mutated inputs for every decoder, and the checks each decoded result must pass.

Shared by the short runs in the suite (tests/protocol/test_fuzz.py, tests/server/core/
test_broker_fuzz.py) and the long run (`bench/fuzz.py`). Mutations start from the golden vectors
(tests/vectors), so they reach deep into each message and frame instead of failing at the first
byte. A decoder passes when it either refuses an input with `ProtocolError` or returns a value
that survives re-encoding unchanged (nothing invalid is accepted), and when the console's
JavaScript codec, run under node, accepts exactly what Python accepts with the same meaning.
"""

from __future__ import annotations

import base64
import json
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from protocol import ProtocolError, decode_frame, decode_message, encode_frame, encode_message
from protocol.frames import Frame

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "tests" / "vectors"
CONSOLE = ROOT / "server" / "console"
NODE_DECODER = Path(__file__).resolve().parent / "js" / "fuzz_decode.mjs"
_EXPECTED = json.loads((VECTORS / "expected.json").read_text(encoding="utf-8"))
VALID_BODIES: list[dict[str, Any]] = [
    json.loads((VECTORS / m["file"]).read_text(encoding="utf-8")) for m in _EXPECTED["messages"] if m["valid"]
]
VALID_FRAMES: list[bytes] = [(VECTORS / f["file"]).read_bytes() for f in _EXPECTED["frames"] if f["valid"]]

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**64), max_value=2**64),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=80),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=12), inner, max_size=5),
    max_leaves=12,
)


@st.composite
def mutated_bodies(draw: st.DrawFn) -> dict[str, Any]:
    """A valid message with one to three fields replaced, removed or added."""
    body = dict(draw(st.sampled_from(VALID_BODIES)))
    for _ in range(draw(st.integers(1, 3))):
        keys = sorted(body)
        action = draw(st.sampled_from(["replace", "remove", "add", "type"]))
        if action == "replace" and keys:
            body[draw(st.sampled_from(keys))] = draw(json_values)
        elif action == "remove" and keys:
            del body[draw(st.sampled_from(keys))]
        elif action == "add":
            body[draw(st.text(max_size=12))] = draw(json_values)
        else:
            body["type"] = draw(st.sampled_from([*{b["type"] for b in VALID_BODIES}, "", "HELLO", "x"]))
    return body


message_texts = st.one_of(
    mutated_bodies().map(lambda body: json.dumps(body, ensure_ascii=False)),
    st.sampled_from(VALID_BODIES).map(json.dumps),
    st.text(max_size=200),
    json_values.map(json.dumps),
)
"""Text frames: mutated vectors mostly, plus arbitrary text and arbitrary JSON."""


@st.composite
def mutated_frames(draw: st.DrawFn) -> bytes:
    """A valid frame with bytes flipped, header fields overwritten, or cut short or extended."""
    data = bytearray(draw(st.sampled_from(VALID_FRAMES)))
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["flip", "field", "cut", "extend"]))
        if action == "flip" and data:
            at = draw(st.integers(0, len(data) - 1))
            data[at] = draw(st.integers(0, 255))
        elif action == "field" and len(data) >= 4:
            at = draw(st.integers(0, len(data) - 2))
            width = draw(st.sampled_from([1, 2, 4]))
            value = draw(st.integers(0, 2 ** (8 * width) - 1))
            data[at : at + width] = value.to_bytes(width, "big")[: len(data) - at]
        elif action == "cut" and data:
            del data[draw(st.integers(0, len(data) - 1)) :]
        else:
            data += draw(st.binary(max_size=40))
    return bytes(data)


frame_bytes = st.one_of(mutated_frames(), st.binary(max_size=200))
"""Binary frames: mutated vectors mostly, plus arbitrary bytes."""


def check_message(text: str) -> bool:
    """Decode `text`; True if accepted. An accepted message must re-encode to itself."""
    try:
        message = decode_message(text)
    except ProtocolError:
        return False
    again = decode_message(encode_message(message))
    assert again == message, f"accepted {text!r} but it does not survive re-encoding"
    return True


def check_frame(data: bytes) -> bool:
    """Decode `data`; True if accepted. An accepted frame must re-encode to exactly `data`."""
    try:
        frame = decode_frame(data)
    except ProtocolError:
        return False
    assert encode_frame(frame) == data, "accepted a frame that does not re-encode to its bytes"
    return True


def accepts(value: str | bytes) -> bool:
    """`check_frame` for bytes, `check_message` for text."""
    return check_frame(value) if isinstance(value, bytes) else check_message(value)


def frame_meaning(frame: Frame) -> dict[str, Any]:
    """What the console's parser reports for a frame (tile data by length only)."""
    return {
        "seq": frame.seq,
        "capturedMs": frame.captured_ms,
        "monitor": frame.monitor,
        "monitorX": frame.monitor_x,
        "monitorY": frame.monitor_y,
        "monitorWidth": frame.monitor_width,
        "monitorHeight": frame.monitor_height,
        "flags": frame.flags,
        "keyframe": frame.keyframe,
        "tiles": [
            {
                "x": t.x,
                "y": t.y,
                "width": t.width,
                "height": t.height,
                "encoding": int(t.encoding),
                "length": len(t.data),
            }
            for t in frame.tiles
        ],
    }


def grow(seeds: list[Any], count: int, rng: random.Random) -> list[Any]:
    """`count` inputs: the hypothesis-drawn `seeds`, then random mutations of them (bytes flipped,
    cut, repeated; for text also characters), which is fast enough for 100,000s of inputs."""
    grown = list(seeds[:count])
    while len(grown) < count:
        seed = rng.choice(seeds)
        raw = seed.encode("utf-8", "surrogatepass") if isinstance(seed, str) else bytes(seed)
        data = bytearray(raw)
        for _ in range(rng.randint(1, 4)):
            action = rng.randrange(4)
            if action == 0 and data:
                data[rng.randrange(len(data))] = rng.randrange(256)
            elif action == 1 and data:
                del data[rng.randrange(len(data)) :]
            elif action == 2 and data:
                start = rng.randrange(len(data))
                data[start:start] = data[start : start + rng.randint(1, 16)]
            else:
                data.insert(rng.randrange(len(data) + 1), rng.choice(b'{}[]",:0123456789-.eE\\ntu'))
        grown.append(data.decode("utf-8", "replace") if isinstance(seed, str) else bytes(data))
    return grown


def python_meaning(kind: str, value: str | bytes) -> Any:
    """Python's decision for one input: None when refused, else the decoded meaning as JSON."""
    try:
        if kind == "message":
            assert isinstance(value, str)
            return json.loads(encode_message(decode_message(value)))
        assert isinstance(value, bytes)
        return frame_meaning(decode_frame(value))
    except ProtocolError:
        return None


def node_available() -> bool:
    return shutil.which("node") is not None


def console_decisions(inputs: list[tuple[str, str | bytes]]) -> list[dict[str, Any]]:
    """Run the console's codec under node over `inputs`; one {"ok", "value"} or {"crash"} each."""
    lines = []
    for kind, value in inputs:
        if kind == "message":
            lines.append(json.dumps({"message": value}))
        else:
            assert isinstance(value, bytes)
            lines.append(json.dumps({"frame": base64.b64encode(value).decode("ascii")}))
    result = subprocess.run(
        # Chromium gives JSON.parse revivers the source text (so `1.0` is no int); node 20 needs the flag.
        [
            "node",
            "--experimental-default-type=module",
            "--harmony-json-parse-with-source",
            str(NODE_DECODER),
            str(CONSOLE),
        ],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return [json.loads(line) for line in result.stdout.splitlines()]


def disagreements(inputs: list[tuple[str, str | bytes]]) -> list[str]:
    """Inputs on which the console's JavaScript and the Python codec disagree, or node crashed."""
    problems = []
    for (kind, value), answer in zip(inputs, console_decisions(inputs), strict=True):
        if "crash" in answer:
            problems.append(f"node crashed on {kind} {value!r}: {answer['crash']}")
            continue
        expected = python_meaning(kind, value)
        got = answer["value"] if answer["ok"] else None
        if kind == "frame" and expected is not None and got is not None:
            # The console holds `captured_ms` as a JavaScript number: exact up to 2^53 ms (year 287,396).
            expected["capturedMs"] = float(expected["capturedMs"])
            got["capturedMs"] = float(got["capturedMs"])
        if got != expected:
            problems.append(f"{kind} {value!r}: python {expected!r}, console {got!r}")
    return problems
