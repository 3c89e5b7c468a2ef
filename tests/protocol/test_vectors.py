"""The Python codec decodes every golden vector in tests/vectors to the meaning expected.json gives.

tests/browser/test_console_js.py holds the console's JavaScript to the same file, so the two
implementations cannot drift apart unnoticed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import simplejpeg

from protocol import ProtocolError, decode_frame, decode_message, encode_frame, encode_message
from protocol.frames import Encoding, Frame, Tile
from protocol.messages import MESSAGE_TYPES
from server.recording.screen import BadTile, Canvas, TileStreamInflater, VideoTrack, decode_tile

VECTORS = Path(__file__).resolve().parent.parent / "vectors"
EXPECTED: dict[str, Any] = json.loads((VECTORS / "expected.json").read_text(encoding="utf-8"))
FRAMES = EXPECTED["frames"]
MESSAGES = EXPECTED["messages"]
SEQUENCES = EXPECTED["sequences"]


def frame_meaning(frame: Frame) -> dict[str, Any]:
    return {
        "seq": frame.seq,
        "captured_ms": frame.captured_ms,
        "monitor": frame.monitor,
        "monitor_x": frame.monitor_x,
        "monitor_y": frame.monitor_y,
        "monitor_width": frame.monitor_width,
        "monitor_height": frame.monitor_height,
        "flags": frame.flags,
        "keyframe": frame.keyframe,
        "tiles": [
            {
                "x": t.x,
                "y": t.y,
                "width": t.width,
                "height": t.height,
                "encoding": int(t.encoding),
                "data_hex": t.data.hex(),
            }
            for t in frame.tiles
        ],
    }


def without_pixels(meaning: dict[str, Any]) -> dict[str, Any]:
    tiles = [{k: v for k, v in t.items() if k not in {"rgb_hex", "approx_rgb"}} for t in meaning["tiles"]]
    return {**meaning, "tiles": tiles}


def test_the_vectors_cover_both_kinds_and_both_outcomes():
    assert {f["valid"] for f in FRAMES} == {True, False}
    assert {m["valid"] for m in MESSAGES} == {True, False}
    encodings = {t["encoding"] for f in FRAMES if f["valid"] for t in f["frame"]["tiles"]}
    assert encodings == {int(e) for e in Encoding}
    for entry in FRAMES + MESSAGES:
        assert (VECTORS / entry["file"]).is_file(), entry["file"]


def test_every_message_type_has_a_valid_vector():
    assert {m["message"]["type"] for m in MESSAGES if m["valid"]} == set(MESSAGE_TYPES)


def test_the_types_of_remote_control_and_chat_have_rejected_vectors():
    def type_of(entry: dict[str, Any]) -> object:
        try:
            body = json.loads((VECTORS / entry["file"]).read_text(encoding="utf-8"))
        except ValueError:
            return None
        return body.get("type") if isinstance(body, dict) else None

    rejected = {type_of(m) for m in MESSAGES if not m["valid"]}
    added = {"tier_release", "select_monitor", "pointer_move", "pointer_button", "wheel", "key", "text"}
    assert added | {"control", "chat"} <= rejected


@pytest.mark.parametrize("entry", [f for f in FRAMES if f["valid"]], ids=lambda e: e["file"])
def test_valid_frame_decodes_to_its_meaning(entry):
    data = (VECTORS / entry["file"]).read_bytes()
    frame = decode_frame(data)
    assert frame_meaning(frame) == without_pixels(entry["frame"])
    # Encoding the decoded frame gives the same bytes back: the layout is canonical.
    assert encode_frame(frame) == data


@pytest.mark.parametrize("entry", [f for f in FRAMES if f["valid"]], ids=lambda e: e["file"])
def test_valid_frame_tiles_hold_the_expected_pixels(entry):
    stream = TileStreamInflater()  # a frame's own stream: only keyframes' PALETTE tiles state pixels
    for tile in entry["frame"]["tiles"]:
        data = bytes.fromhex(tile["data_hex"])
        if "rgb_hex" in tile:
            rect = Tile(tile["x"], tile["y"], tile["width"], tile["height"], Encoding(tile["encoding"]), data)
            assert decode_tile(rect, stream).tobytes() == bytes.fromhex(tile["rgb_hex"])
            assert len(bytes.fromhex(tile["rgb_hex"])) == tile["width"] * tile["height"] * 3
        if "approx_rgb" in tile and tile["encoding"] == Encoding.VP8:
            rect = Tile(tile["x"], tile["y"], tile["width"], tile["height"], Encoding.VP8, data)
            image = VideoTrack().decode(rect)
        elif "approx_rgb" in tile:
            image = simplejpeg.decode_jpeg(data, colorspace="RGB")
        if "approx_rgb" in tile:
            assert image.shape == (tile["height"], tile["width"], 3)
            mean = image.reshape(-1, 3).mean(axis=0)
            assert np.all(np.abs(mean - np.array(tile["approx_rgb"])) <= 4)


@pytest.mark.parametrize("entry", SEQUENCES, ids=lambda e: e["note"])
def test_a_sequence_of_frames_follows_the_tile_stream(entry):
    frames = [decode_frame((VECTORS / name).read_bytes()) for name in entry["files"]]
    canvas = Canvas(0, frames[0].monitor_width, frames[0].monitor_height)
    if not entry["valid"]:
        with pytest.raises(BadTile):
            for frame in frames:
                canvas.paint(frame)
        return
    assert [canvas.paint(frame) for frame in frames] == entry["drawn"]
    assert canvas.pixels.tobytes() == bytes.fromhex(entry["rgb_hex"])


def test_a_stream_chunk_cannot_be_decoded_without_its_history():
    continued = decode_frame((VECTORS / "frames/stream_2_continues.bin").read_bytes())
    stream = TileStreamInflater()
    with pytest.raises(BadTile):
        decode_tile(continued.tiles[0], stream)


@pytest.mark.parametrize("entry", [f for f in FRAMES if not f["valid"]], ids=lambda e: e["file"])
def test_invalid_frame_is_rejected(entry):
    with pytest.raises(ProtocolError):
        decode_frame((VECTORS / entry["file"]).read_bytes())


@pytest.mark.parametrize("entry", [m for m in MESSAGES if m["valid"]], ids=lambda e: e["file"])
def test_valid_message_decodes_to_its_meaning(entry):
    text = (VECTORS / entry["file"]).read_text(encoding="utf-8")
    message = decode_message(text)
    assert json.loads(encode_message(message)) == entry["message"]


@pytest.mark.parametrize("entry", [m for m in MESSAGES if not m["valid"]], ids=lambda e: e["file"])
def test_invalid_message_is_rejected(entry):
    with pytest.raises(ProtocolError):
        decode_message((VECTORS / entry["file"]).read_bytes())
