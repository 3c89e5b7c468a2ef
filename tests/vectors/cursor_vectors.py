"""Golden vectors of the cursor messages (docs/protocol.md, "Cursor")."""

from __future__ import annotations

import base64
import json
import zlib
from typing import Any

MessageSink = Any

ARROW = bytes((0, 0, 0, 255, 255, 255, 255, 255, 0, 0, 0, 0, 255, 0, 0, 128))
"""2 x 2 pixels R G B A: black, white, transparent, half-transparent red."""


def add_cursor_messages(valid_message: MessageSink, invalid_message: MessageSink) -> None:
    cursor = {"type": "cursor", "monitor": 1, "x": 16383, "y": 0, "visible": True, "shape": 4294967295}
    valid_message("cursor.json", json.dumps(cursor), cursor, "the largest coordinate and shape id")
    hidden = {"type": "cursor", "monitor": 0, "x": 0, "y": 0, "visible": False, "shape": 0}
    valid_message("cursor_hidden.json", json.dumps(hidden), hidden, "off the shared monitor")
    pixels = base64.b64encode(zlib.compress(ARROW, 9)).decode("ascii")
    shape = {
        "type": "cursor_shape",
        "shape": 7,
        "width": 2,
        "height": 2,
        "hot_x": 1,
        "hot_y": 0,
        "pixels": pixels,
    }
    valid_message("cursor_shape.json", json.dumps(shape), shape, "pixels: zlib of 2 x 2 x 4 bytes R G B A")
    for name, body, note in (
        ("cursor_outside.json", {**cursor, "x": 16384}, "x beyond the largest monitor"),
        ("cursor_no_visible.json", {k: v for k, v in cursor.items() if k != "visible"}, "visible missing"),
        ("cursor_shape_negative.json", {**cursor, "shape": -1}, "a negative shape id"),
        ("cursor_shape_too_wide.json", {**shape, "width": 129}, "129 pixels wide"),
        ("cursor_shape_empty.json", {**shape, "height": 0}, "no rows"),
        ("cursor_shape_not_base64.json", {**shape, "pixels": "eJ*"}, "pixels not base64"),
        ("cursor_shape_too_long.json", {**shape, "pixels": "A" * 60004}, "pixels over 60000 characters"),
    ):
        invalid_message(name, json.dumps(body), note)
