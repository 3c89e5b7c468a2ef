"""Writes the golden vectors in this folder: binary frames, JSON messages and expected.json.

The frames are packed here with `struct`, independently of `protocol.frames`, and
expected.json states what each vector means as written below, not what a decoder made of it.
Both the Python codec (tests/protocol/test_vectors.py) and the console's JavaScript
(tests/browser/test_console_js.py) must decode every vector to that meaning, or reject it.

Run `python -m tests.vectors.generate` to rewrite the files (only needed when adding vectors;
the stored .bin files are the reference, zlib and JPEG output may differ between versions).
"""

from __future__ import annotations

import base64
import hashlib
import json
import struct
import zlib
from pathlib import Path
from typing import Any

import numpy as np
import simplejpeg

from tests.vectors.admin_vectors import add_admin_messages
from tests.vectors.copy_vectors import add_copy_vectors
from tests.vectors.cursor_vectors import add_cursor_messages
from tests.vectors.stream_vectors import add_stream_vectors
from tests.vectors.video_vectors import add_video_vectors

HERE = Path(__file__).resolve().parent
HEADER = struct.Struct(">4sIQHiiHHHH")
TILE = struct.Struct(">HHHHBI")


def header(*fields: int, magic: bytes = b"FHF1") -> bytes:
    """seq, captured_ms, monitor, x, y, width, height, flags, tile_count."""
    return HEADER.pack(magic, *fields)


Rect = tuple[int, int, int, int]


def tile(rect: Rect, encoding: int, data: bytes, length: int | None = None) -> bytes:
    return TILE.pack(*rect, encoding, len(data) if length is None else length) + data


def rgb_pixels(w: int, h: int) -> bytes:
    """A small pattern whose every pixel differs, so an off-by-one shows."""
    out = bytearray()
    for y in range(h):
        for x in range(w):
            out += bytes(((x * 37 + y * 11) % 256, (x * 5 + y * 71 + 3) % 256, (255 - x * 19 - y * 29) % 256))
    return bytes(out)


def solid_jpeg(w: int, h: int, rgb: tuple[int, int, int]) -> bytes:
    image = np.empty((h, w, 3), dtype=np.uint8)
    image[:, :] = rgb
    data: bytes = simplejpeg.encode_jpeg(image, quality=95, colorspace="RGB", colorsubsampling="444")
    return data


def tile_meaning(rect: Rect, encoding: int, data: bytes, **extra: Any) -> dict[str, Any]:
    x, y, w, h = rect
    return {"x": x, "y": y, "width": w, "height": h, "encoding": encoding, "data_hex": data.hex(), **extra}


def build() -> dict[str, Any]:
    frames: list[dict[str, Any]] = []
    files: dict[str, bytes] = {}

    def valid_frame(name: str, data: bytes, meaning: dict[str, Any], note: str) -> None:
        files[f"frames/{name}"] = data
        frames.append({"file": f"frames/{name}", "valid": True, "note": note, "frame": meaning})

    def invalid_frame(name: str, data: bytes, note: str) -> None:
        files[f"frames/{name}"] = data
        frames.append({"file": f"frames/{name}", "valid": False, "note": note})

    # 1. A keyframe of a 4x2 monitor: one ZLIB_RGB tile covering it.
    pixels = rgb_pixels(4, 2)
    packed = zlib.compress(pixels, 9)
    valid_frame(
        "frame_keyframe_zlib.bin",
        header(1, 1_700_000_000_123, 0, 0, 0, 4, 2, 1, 1) + tile((0, 0, 4, 2), 2, packed),
        {
            "seq": 1,
            "captured_ms": 1_700_000_000_123,
            "monitor": 0,
            "monitor_x": 0,
            "monitor_y": 0,
            "monitor_width": 4,
            "monitor_height": 2,
            "flags": 1,
            "keyframe": True,
            "tiles": [tile_meaning((0, 0, 4, 2), 2, packed, rgb_hex=pixels.hex())],
        },
        "keyframe, one lossless tile; rgb_hex is what the tile inflates to",
    )

    # 2. A delta frame of a second monitor left of and above the primary: JPEG then ZLIB_RGB.
    jpeg = solid_jpeg(16, 16, (200, 40, 120))
    small = rgb_pixels(8, 4)
    small_packed = zlib.compress(small, 6)
    valid_frame(
        "frame_two_tiles.bin",
        header(7, 1_700_000_000_999, 1, -1920, -200, 64, 32, 0, 2)
        + tile((0, 0, 16, 16), 1, jpeg)
        + tile((56, 28, 8, 4), 2, small_packed),
        {
            "seq": 7,
            "captured_ms": 1_700_000_000_999,
            "monitor": 1,
            "monitor_x": -1920,
            "monitor_y": -200,
            "monitor_width": 64,
            "monitor_height": 32,
            "flags": 0,
            "keyframe": False,
            "tiles": [
                tile_meaning((0, 0, 16, 16), 1, jpeg, approx_rgb=[200, 40, 120]),
                tile_meaning((56, 28, 8, 4), 2, small_packed, rgb_hex=small.hex()),
            ],
        },
        "negative monitor origin, two encodings, tile touching the bottom-right corner",
    )

    # 3. No tiles, highest seq, the largest monitor, flag bits beyond keyframe kept as given.
    valid_frame(
        "frame_no_tiles.bin",
        header(4_294_967_295, 0, 15, 2_147_483_647, -2_147_483_648, 16384, 16384, 0x8001, 0),
        {
            "seq": 4_294_967_295,
            "captured_ms": 0,
            "monitor": 15,
            "monitor_x": 2_147_483_647,
            "monitor_y": -2_147_483_648,
            "monitor_width": 16384,
            "monitor_height": 16384,
            "flags": 0x8001,
            "keyframe": True,
            "tiles": [],
        },
        "limits: u32 seq, monitor 15, i32 extremes, 16384 px sides, unknown flag bit",
    )

    good_tile = tile((0, 0, 2, 2), 2, zlib.compress(rgb_pixels(2, 2)))
    invalid_frame("bad_magic.bin", header(1, 0, 0, 0, 0, 2, 2, 1, 1, magic=b"FHF2") + good_tile, "magic FHF2")
    invalid_frame(
        "short_header.bin", header(1, 0, 0, 0, 0, 2, 2, 1, 0)[:33], "33 bytes: shorter than the header"
    )
    invalid_frame(
        "unknown_encoding.bin",
        header(1, 0, 0, 0, 0, 2, 2, 1, 1) + tile((0, 0, 2, 2), 9, b"\x00" * 4),
        "encoding 9",
    )
    invalid_frame(
        "tile_outside.bin",
        header(1, 0, 0, 0, 0, 2, 2, 1, 1) + tile((1, 0, 2, 2), 2, zlib.compress(rgb_pixels(2, 2))),
        "tile x + w = 3 > monitor width 2",
    )
    invalid_frame(
        "empty_tile.bin", header(1, 0, 0, 0, 0, 2, 2, 1, 1) + tile((0, 0, 0, 2), 2, b""), "tile width 0"
    )
    invalid_frame(
        "trailing_bytes.bin",
        header(1, 0, 0, 0, 0, 2, 2, 1, 1) + good_tile + b"\x00",
        "one byte after the last tile",
    )
    invalid_frame(
        "length_past_end.bin",
        header(1, 0, 0, 0, 0, 2, 2, 1, 1) + tile((0, 0, 2, 2), 2, b"\x78\x9c", length=100),
        "tile length 100, 2 bytes follow",
    )
    invalid_frame(
        "truncated_tile_header.bin",
        header(1, 0, 0, 0, 0, 2, 2, 1, 2) + good_tile + b"\x00" * 5,
        "second tile header cut off",
    )
    invalid_frame("monitor_16.bin", header(1, 0, 16, 0, 0, 2, 2, 1, 0), "monitor id 16 (at most 15)")
    invalid_frame("monitor_width_0.bin", header(1, 0, 0, 0, 0, 0, 2, 1, 0), "monitor width 0")
    invalid_frame("monitor_too_wide.bin", header(1, 0, 0, 0, 0, 16385, 2, 1, 0), "monitor width 16385")

    # Control messages: the text as sent, and the meaning with defaults filled in.
    messages: list[dict[str, Any]] = []

    def valid_message(name: str, text: str, meaning: dict[str, Any], note: str = "") -> None:
        files[f"messages/{name}"] = text.encode("utf-8")
        messages.append({"file": f"messages/{name}", "valid": True, "note": note, "message": meaning})

    def invalid_message(name: str, text: str, note: str) -> None:
        files[f"messages/{name}"] = text.encode("utf-8")
        messages.append({"file": f"messages/{name}", "valid": False, "note": note})

    session = {
        "type": "session",
        "session_id": "s-1f3a",
        "number": "482190337",
        "state": "waiting",
        "expires_at": "2025-01-01T10:10:00+00:00",
    }
    valid_message("session.json", json.dumps(session), session)
    valid_message(
        "customer_joined.json",
        '{"client": "Fernhilfe/0.1 (Windows 11)", "type": "customer_joined"}',
        {"type": "customer_joined", "client": "Fernhilfe/0.1 (Windows 11)"},
        "type need not come first",
    )
    valid_message(
        "tier_state.json",
        '{"type":"tier_state","tier":1,"state":"granted"}',
        {"type": "tier_state", "tier": 1, "state": "granted"},
    )
    monitors: list[dict[str, Any]] = [
        {"id": 0, "x": 0, "y": 0, "width": 2560, "height": 1440, "scale": 1.5, "primary": True},
        {"id": 1, "x": -1920, "y": -200, "width": 1920, "height": 1080, "scale": 1, "primary": False},
    ]
    valid_message(
        "screen_info.json",
        json.dumps({"type": "screen_info", "monitors": monitors}),
        {"type": "screen_info", "monitors": monitors},
        "an integral scale is a number too",
    )
    valid_message(
        "end_default_by.json",
        '{"type":"end","reason":"customer_ended"}',
        {"type": "end", "reason": "customer_ended", "by": "customer"},
        "by defaults to customer",
    )
    valid_message(
        "end_by_server.json",
        '{"type":"end","reason":"connection_lost","by":"server"}',
        {"type": "end", "reason": "connection_lost", "by": "server"},
    )
    valid_message(
        "error_rate_limited.json",
        '{"type":"error","code":"rate_limited","message":"too many numbers","retry_after":42}',
        {"type": "error", "code": "rate_limited", "message": "too many numbers", "retry_after": 42},
    )
    valid_message(
        "error_default_retry.json",
        '{"type":"error","code":"session_busy","message":"x"}',
        {"type": "error", "code": "session_busy", "message": "x", "retry_after": 0},
        "retry_after defaults to 0",
    )
    valid_message(
        "frame_ack.json", '{"type":"frame_ack","seq":4294967295}', {"type": "frame_ack", "seq": 4294967295}
    )
    valid_message("refresh.json", '{"type":"refresh"}', {"type": "refresh"})
    valid_message(
        "auth.json",
        '{"type":"auth","protocol":1,"token":"tok-123","session_id":"s-1f3a"}',
        {"type": "auth", "protocol": 1, "token": "tok-123", "session_id": "s-1f3a"},
    )
    name = "\U0001f600" * 200
    welcome = {
        "type": "welcome",
        "protocol": 1,
        "session_id": "s-1f3a",
        "expert": {"name": name, "organisation": "<img src=x onerror=alert(1)> & Söhne"},
        "recorded": False,
        "retention_days": 0,
    }
    valid_message(
        "welcome_limits.json",
        json.dumps(welcome, ensure_ascii=False),
        {**welcome, "resume_token": ""},
        "200 characters outside the BMP (400 UTF-16 units) are within the limit; resume_token defaults to ''",
    )

    invalid_message("unknown_type.json", '{"type":"hug"}', "unknown type")
    invalid_message("no_type.json", '{"seq":1}', "no type")
    invalid_message("not_object.json", '[{"type":"refresh"}]', "not an object")
    invalid_message("not_json.json", '{"type":"refresh"', "not JSON")
    invalid_message("unknown_field.json", '{"type":"refresh","now":true}', "unknown field")
    invalid_message("missing_field.json", '{"type":"tier_state","tier":1}', "missing state")
    invalid_message(
        "bool_as_int.json", '{"type":"tier_state","tier":true,"state":"granted"}', "a bool is no int"
    )
    invalid_message("string_as_int.json", '{"type":"frame_ack","seq":"5"}', "a string is no int")
    invalid_message("fraction_as_int.json", '{"type":"frame_ack","seq":1.5}', "1.5 is no int")
    invalid_message("nan.json", '{"type":"frame_ack","seq":NaN}', "NaN is not JSON")
    invalid_message(
        "infinity.json",
        '{"type":"screen_info","monitors":[{"id":0,"x":0,"y":0,"width":1,'
        '"height":1,"scale":Infinity,"primary":true}]}',
        "Infinity is not JSON",
    )
    invalid_message("negative_seq.json", '{"type":"frame_ack","seq":-1}', "below range")
    invalid_message("seq_too_big.json", '{"type":"frame_ack","seq":4294967296}', "above range")
    invalid_message(
        "wrong_literal.json", '{"type":"tier_state","tier":1,"state":"paused"}', "not a tier state"
    )
    invalid_message(
        "bad_number.json", json.dumps({**session, "number": "48219033a"}), "number not all digits"
    )
    invalid_message("short_number.json", json.dumps({**session, "number": "123456"}), "number of 6 digits")
    invalid_message(
        "name_too_long.json",
        json.dumps({**welcome, "expert": {"name": name + "x", "organisation": ""}}, ensure_ascii=False),
        "201 characters",
    )
    invalid_message(
        "scale_too_small.json",
        json.dumps({"type": "screen_info", "monitors": [{**monitors[0], "scale": 0.4}]}),
        "scale 0.4",
    )
    invalid_message(
        "too_many_monitors.json",
        json.dumps({"type": "screen_info", "monitors": [{**monitors[0], "id": i % 16} for i in range(17)]}),
        "17 monitors",
    )
    invalid_message(
        "nested_unknown_field.json",
        json.dumps({"type": "screen_info", "monitors": [{**monitors[0], "dpi": 96}]}),
        "unknown field inside a monitor",
    )
    invalid_message("null_field.json", '{"type":"end","reason":null}', "null is no string")
    invalid_message("integral_float_as_int.json", '{"type":"frame_ack","seq":1.0}', "1.0 is a float, no int")
    invalid_message(
        "exponent_as_int.json", '{"type":"pointer_move","monitor":0,"x":1e2,"y":0}', "1e2 is a float, no int"
    )
    valid_message(
        "scale_exponent.json",
        json.dumps({"type": "screen_info", "monitors": [{**monitors[0], "scale": 1.5}]}).replace(
            "1.5", "15e-1"
        ),
        {"type": "screen_info", "monitors": [{**monitors[0], "scale": 1.5}]},
        "an exponent is fine where a number (float) is expected",
    )

    add_control_messages(valid_message, invalid_message)
    add_identity_messages(valid_message, invalid_message)
    (HERE / "descriptor.json").write_text(
        json.dumps(descriptor_vector(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    add_admin_messages(valid_message, invalid_message)
    add_cursor_messages(valid_message, invalid_message)
    sequences = add_stream_vectors(valid_frame, invalid_frame, tile_meaning)
    add_video_vectors(valid_frame, invalid_frame, tile_meaning)
    sequences += add_copy_vectors(valid_frame, invalid_frame, tile_meaning)
    add_resume_messages(valid_message, invalid_message)

    for folder in ("frames", "messages"):
        (HERE / folder).mkdir(exist_ok=True)
        for old in (HERE / folder).iterdir():
            old.unlink()
    for name_, data in files.items():
        (HERE / name_).write_bytes(data)
    expected = {
        "about": "Golden vectors of protocol version 1, see generate.py. "
        "Frames are .bin, messages .json (UTF-8 text as sent).",
        "frames": frames,
        "messages": messages,
        "sequences": sequences,
    }
    (HERE / "expected.json").write_text(
        json.dumps(expected, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return expected


MessageSink = Any
"""valid_message(name, text, meaning, note="") or invalid_message(name, text, note)."""


def add_resume_messages(valid_message: MessageSink, invalid_message: MessageSink) -> None:
    """Liveness and resume (docs/protocol.md, "Liveness and resume")."""
    token = "A" * 64
    valid_message("heartbeat.json", '{"type":"heartbeat"}', {"type": "heartbeat"})
    invalid_message("heartbeat_field.json", '{"type":"heartbeat","seq":1}', "heartbeat has no fields")
    welcome = {
        "type": "welcome",
        "protocol": 1,
        "session_id": "s-1f3a",
        "expert": {"name": "Anna Berger", "organisation": "Beispiel GmbH"},
        "recorded": True,
        "retention_days": 90,
        "resume_token": token,
    }
    valid_message(
        "welcome_resume_token.json", json.dumps(welcome), welcome, "a 64-character token, the longest"
    )
    invalid_message(
        "welcome_resume_token_too_long.json",
        json.dumps({**welcome, "resume_token": token + "A"}),
        "65 characters",
    )
    resume = {"type": "resume", "protocol": 1, "session_id": "s-1f3a", "token": token}
    valid_message("resume.json", json.dumps(resume), resume)
    invalid_message(
        "resume_no_token.json", '{"type":"resume","protocol":1,"session_id":"s-1f3a"}', "missing token"
    )
    valid_message(
        "resumed.json",
        '{"type":"resumed","resume_token":"x-_9"}',
        {"type": "resumed", "resume_token": "x-_9"},
    )
    invalid_message("resumed_token_number.json", '{"type":"resumed","resume_token":7}', "a number")
    for state in ("reconnecting", "connected"):
        valid_message(
            f"customer_link_{state}.json",
            json.dumps({"type": "customer_link", "state": state}),
            {"type": "customer_link", "state": state},
        )
    invalid_message("customer_link_lost.json", '{"type":"customer_link","state":"lost"}', "not a link state")


def add_control_messages(valid_message: MessageSink, invalid_message: MessageSink) -> None:
    """Remote control, monitor selection and chat (docs/protocol.md, "Remote control", "Chat")."""
    valid_message(
        "hello.json",
        '{"type":"hello","protocol":1,"number":"482190337","client":"Fernhilfe/0.1"}',
        {"type": "hello", "protocol": 1, "number": "482190337", "client": "Fernhilfe/0.1"},
    )
    valid_message(
        "consent.json",
        '{"type":"consent","tier":2,"granted":true}',
        {"type": "consent", "tier": 2, "granted": True},
    )
    valid_message(
        "tier_request.json", '{"type":"tier_request","tier":2}', {"type": "tier_request", "tier": 2}
    )
    valid_message("tier_revoke.json", '{"type":"tier_revoke","tier":2}', {"type": "tier_revoke", "tier": 2})
    valid_message(
        "tier_release.json", '{"type":"tier_release","tier":2}', {"type": "tier_release", "tier": 2}
    )
    valid_message(
        "select_monitor.json",
        '{"type":"select_monitor","monitor":15}',
        {"type": "select_monitor", "monitor": 15},
    )
    valid_message(
        "pointer_move_corner.json",
        '{"type":"pointer_move","monitor":0,"x":16383,"y":0}',
        {"type": "pointer_move", "monitor": 0, "x": 16383, "y": 0},
        "the largest coordinate",
    )
    valid_message(
        "pointer_button.json",
        '{"type":"pointer_button","monitor":1,"x":10,"y":20,"button":"back","down":true}',
        {"type": "pointer_button", "monitor": 1, "x": 10, "y": 20, "button": "back", "down": True},
    )
    valid_message(
        "wheel_limits.json",
        '{"type":"wheel","monitor":0,"x":5,"y":6,"dx":-100,"dy":100}',
        {"type": "wheel", "monitor": 0, "x": 5, "y": 6, "dx": -100, "dy": 100},
    )
    valid_message(
        "key_combo.json",
        '{"type":"key","code":"Delete","down":true,"modifiers":["control","alt"]}',
        {"type": "key", "code": "Delete", "down": True, "modifiers": ["control", "alt"]},
    )
    valid_message(
        "key_default_modifiers.json",
        '{"type":"key","code":"F5","down":false}',
        {"type": "key", "code": "F5", "down": False, "modifiers": []},
        "modifiers default to []",
    )
    valid_message(
        "key_all_modifiers.json",
        '{"type":"key","code":"KeyA","down":true,"modifiers":["shift","control","alt","altgr","meta"]}',
        {
            "type": "key",
            "code": "KeyA",
            "down": True,
            "modifiers": ["shift", "control", "alt", "altgr", "meta"],
        },
        "five modifiers, the most allowed",
    )
    typed = "Grüße äöü€@\t\n"
    valid_message(
        "text_typed.json",
        json.dumps({"type": "text", "text": typed}, ensure_ascii=False),
        {"type": "text", "text": typed},
        "non-ASCII, tab and newline are fine",
    )
    wide = "\U0001f600" * 256
    valid_message(
        "text_limit.json",
        json.dumps({"type": "text", "text": wide}),
        {"type": "text", "text": wide},
        "256 characters outside the BMP (512 UTF-16 units), escaped",
    )
    valid_message(
        "control_customer.json",
        '{"type":"control","holder":"customer"}',
        {"type": "control", "holder": "customer"},
    )
    valid_message(
        "chat_defaults.json",
        '{"type":"chat","text":"Hallo!"}',
        {"type": "chat", "text": "Hallo!", "by": "customer", "at": ""},
        "by defaults to customer, at to the empty string",
    )
    markup = "<script>alert(1)</script><b>bold</b> &amp;\n  second line"
    valid_message(
        "chat_markup.json",
        json.dumps({"type": "chat", "text": markup, "by": "expert", "at": "2025-11-24T16:20:00Z"}),
        {"type": "chat", "text": markup, "by": "expert", "at": "2025-11-24T16:20:00Z"},
        "markup is just text; newlines and leading spaces are kept",
    )
    long_chat = "\u00e4" * 1999 + "!"
    valid_message(
        "chat_limit.json",
        json.dumps({"type": "chat", "text": long_chat}, ensure_ascii=False),
        {"type": "chat", "text": long_chat, "by": "customer", "at": ""},
        "2000 characters",
    )
    valid_message(
        "chat_bom.json",
        '{"type":"chat","text":"\\ufeff"}',
        {"type": "chat", "text": "\ufeff", "by": "customer", "at": ""},
        "U+FEFF is not whitespace to Python's \\s (it is to JavaScript's)",
    )

    invalid_message("tier_release_0.json", '{"type":"tier_release","tier":0}', "tier 0")
    invalid_message("select_monitor_16.json", '{"type":"select_monitor","monitor":16}', "monitor 16")
    invalid_message(
        "select_monitor_bool.json", '{"type":"select_monitor","monitor":true}', "a bool is no int"
    )
    invalid_message(
        "pointer_move_x_too_big.json", '{"type":"pointer_move","monitor":0,"x":16384,"y":0}', "x 16384"
    )
    invalid_message("pointer_move_negative.json", '{"type":"pointer_move","monitor":0,"x":-1,"y":0}', "x -1")
    invalid_message(
        "pointer_button_unknown.json",
        '{"type":"pointer_button","monitor":0,"x":1,"y":1,"button":"side","down":true}',
        "no such button",
    )
    invalid_message(
        "pointer_button_no_down.json",
        '{"type":"pointer_button","monitor":0,"x":1,"y":1,"button":"left"}',
        "down is required",
    )
    invalid_message(
        "wheel_too_far.json", '{"type":"wheel","monitor":0,"x":0,"y":0,"dx":0,"dy":101}', "dy 101"
    )
    invalid_message(
        "wheel_fraction.json", '{"type":"wheel","monitor":0,"x":0,"y":0,"dx":0.5,"dy":0}', "half a notch"
    )
    invalid_message(
        "wheel_integral_float.json",
        '{"type":"wheel","monitor":0,"x":0,"y":0,"dx":0,"dy":-1.0}',
        "-1.0 is a float",
    )
    invalid_message("key_code_dash.json", '{"type":"key","code":"Key-C","down":true}', "a dash in the code")
    invalid_message(
        "key_code_digit_first.json", '{"type":"key","code":"1Key","down":true}', "starts with a digit"
    )
    invalid_message("key_code_empty.json", '{"type":"key","code":"","down":true}', "empty code")
    invalid_message(
        "key_code_umlaut.json",
        json.dumps({"type": "key", "code": "Key\u00c4", "down": True}, ensure_ascii=False),
        "ASCII letters and digits only",
    )
    invalid_message(
        "key_code_too_long.json",
        json.dumps({"type": "key", "code": "K" * 33, "down": True}),
        "33 characters",
    )
    invalid_message(
        "key_code_newline.json", '{"type":"key","code":"Enter\\n","down":true}', "a newline after the code"
    )
    invalid_message(
        "key_unknown_modifier.json",
        '{"type":"key","code":"KeyA","down":true,"modifiers":["hyper"]}',
        "no such modifier",
    )
    invalid_message(
        "key_six_modifiers.json",
        '{"type":"key","code":"KeyA","down":true,"modifiers":["shift","control","alt","altgr","meta","shift"]}',
        "six modifiers",
    )
    invalid_message(
        "key_modifiers_string.json",
        '{"type":"key","code":"KeyA","down":true,"modifiers":"control"}',
        "modifiers is a list",
    )
    invalid_message("key_no_down.json", '{"type":"key","code":"KeyA"}', "down is required")
    invalid_message("text_empty.json", '{"type":"text","text":""}', "at least one character")
    invalid_message("text_too_long.json", json.dumps({"type": "text", "text": "a" * 257}), "257 characters")
    invalid_message("text_nul.json", '{"type":"text","text":"a\\u0000"}', "NUL")
    invalid_message("text_carriage_return.json", '{"type":"text","text":"a\\r\\n"}', "carriage return")
    invalid_message("text_escape.json", '{"type":"text","text":"\\u001b[2J"}', "escape")
    invalid_message("text_delete.json", '{"type":"text","text":"\\u007f"}', "DEL")
    invalid_message("control_server.json", '{"type":"control","holder":"server"}', "not a holder")
    invalid_message("chat_blank.json", '{"type":"chat","text":" \\n\\t "}', "only whitespace")
    invalid_message("chat_empty.json", '{"type":"chat","text":""}', "empty")
    invalid_message(
        "chat_unicode_spaces.json",
        '{"type":"chat","text":"\\u3000\\u00a0\\u2028\\u0085"}',
        "only Unicode whitespace",
    )
    invalid_message(
        "chat_separators.json",
        '{"type":"chat","text":"\\u001c\\u001f"}',
        "U+001C..U+001F are whitespace to Python's \\s (not to JavaScript's)",
    )
    invalid_message(
        "chat_too_long.json",
        json.dumps({"type": "chat", "text": "\u00e4" * 2001}, ensure_ascii=False),
        "2001 characters",
    )
    invalid_message("chat_by_server.json", '{"type":"chat","text":"hi","by":"server"}', "by server")
    invalid_message(
        "chat_at_too_long.json",
        json.dumps({"type": "chat", "text": "hi", "at": "2" * 41}),
        "at of 41 characters",
    )


DESCRIPTOR_SEED = bytes(range(32))
"""The Ed25519 private key of the descriptor vector (RFC 8032 signatures are deterministic)."""


def descriptor_vector() -> dict[str, Any]:
    """A session descriptor packed by hand (docs/protocol.md, "Verified identity") and its signature."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    meaning = {
        "organisation": "Beispiel GmbH",
        "expert_name": "Anna Bäcker",
        "staff_id": "anna",
        "session_id": "3f2c9a10b7e44d21",
        "session_number": "482190337",
        "issued_at": 1_764_680_400,
        "expires_at": 1_764_681_000,
        "allowed_tiers": [1, 2],
    }
    data = b"FHSD\x01"
    for name in ("organisation", "expert_name", "staff_id", "session_id", "session_number"):
        raw = str(meaning[name]).encode("utf-8")
        data += struct.pack(">H", len(raw)) + raw
    data += struct.pack(">QQB", meaning["issued_at"], meaning["expires_at"], 0b011)
    key = Ed25519PrivateKey.from_private_bytes(DESCRIPTOR_SEED)
    public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    digest = hashlib.sha256(data).digest()
    return {
        "about": "One session descriptor: canonical bytes, Ed25519 signature, decoded meaning, short code.",
        "public_key_base64": base64.b64encode(public).decode(),
        "descriptor_hex": data.hex(),
        "message": {
            "type": "session_descriptor",
            "descriptor": base64.b64encode(data).decode(),
            "signature": base64.b64encode(key.sign(data)).decode(),
        },
        "meaning": meaning,
        "short_code": f"{int.from_bytes(digest[:4], 'big') % 10000:04d}",
    }


def add_identity_messages(valid_message: MessageSink, invalid_message: MessageSink) -> None:
    """The signed session descriptor and the console's short code (docs/protocol.md, "Verified identity")."""
    message = descriptor_vector()["message"]
    valid_message("session_descriptor.json", json.dumps(message), message)
    code = {"type": "identity_code", "code": "0427"}
    valid_message("identity_code.json", '{"type":"identity_code","code":"0427"}', code)
    invalid_message(
        "identity_code_letters.json", '{"type":"identity_code","code":"04a7"}', "four digits only"
    )
    invalid_message(
        "session_descriptor_not_base64.json",
        '{"type":"session_descriptor","descriptor":"RkhTRA=!","signature":""}',
        "base64 alphabet only",
    )


if __name__ == "__main__":
    result = build()
    print(f"{len(result['frames'])} frames, {len(result['messages'])} messages written to {HERE}")
