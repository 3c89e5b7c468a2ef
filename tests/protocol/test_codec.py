"""The JSON codec round-trips every message and refuses anything malformed."""

import json

import pytest

from protocol import ProtocolError, decode_message, encode_message, limits
from protocol.messages import (
    Auth,
    Chat,
    Consent,
    Control,
    CustomerJoined,
    End,
    Error,
    Expert,
    FrameAck,
    Hello,
    Key,
    Monitor,
    PointerButton,
    PointerMove,
    Refresh,
    ScreenInfo,
    SelectMonitor,
    SessionInfo,
    Text,
    TierRelease,
    TierRequest,
    TierRevoke,
    TierStatus,
    Welcome,
    Wheel,
)

EVERY_MESSAGE = [
    Hello(protocol=1, number="123456789", client="fernhilfe/0.1.0"),
    Welcome(
        protocol=1,
        session_id="s1",
        expert=Expert("Anna Berger", "Beispiel GmbH"),
        recorded=True,
        retention_days=90,
    ),
    Auth(protocol=1, token="t" * 43, session_id="s1"),
    SessionInfo(session_id="s1", number="123456789", state="waiting", expires_at="2026-11-24T17:00:00+00:00"),
    CustomerJoined(client="fernhilfe/0.1.0"),
    TierRequest(tier=2),
    Consent(tier=1, granted=True),
    TierRevoke(tier=2),
    TierStatus(tier=1, state="granted"),
    ScreenInfo(
        monitors=(Monitor(0, -1920, 0, 1920, 1080, 1.0, False), Monitor(1, 0, 0, 2560, 1440, 2.0, True))
    ),
    FrameAck(seq=4294967295),
    Refresh(),
    End(reason="customer_ended", by="expert"),
    Error(code="rate_limited", message="too many failed numbers", retry_after=42),
    TierRelease(tier=2),
    SelectMonitor(monitor=1),
    PointerMove(monitor=0, x=16383, y=0),
    PointerButton(monitor=1, x=5, y=6, button="right", down=False),
    Wheel(monitor=0, x=1, y=2, dx=-100, dy=100),
    Key(code="KeyC", down=True, modifiers=("control", "shift")),
    Key(code="F5", down=False),
    Text(text="echo äöüß€@{}\\| > f\t"),
    Control(holder="customer"),
    Chat(text="<script>alert(1)</script>", by="expert", at="2026-11-24T17:00:00Z"),
]


@pytest.mark.parametrize("message", EVERY_MESSAGE, ids=lambda m: m.TYPE)
def test_every_message_round_trips(message):
    assert decode_message(encode_message(message)) == message


def test_encoding_puts_type_first_and_keeps_unicode():
    text = encode_message(Welcome(1, "s", Expert("Jürgen Öz", "Straße & Co"), False, 0))
    assert text.startswith('{"type":"welcome"')
    assert "Jürgen Öz" in text


def test_defaults_may_be_omitted():
    assert decode_message('{"type":"end","reason":"x"}') == End(reason="x", by="customer")


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "[]",
        '"hello"',
        "{}",
        '{"type":"launch_missiles"}',
        '{"type":"frame_ack"}',
        '{"type":"frame_ack","seq":1,"extra":2}',
        '{"type":"frame_ack","seq":"1"}',
        '{"type":"frame_ack","seq":true}',
        '{"type":"frame_ack","seq":-1}',
        '{"type":"frame_ack","seq":4294967296}',
        '{"type":"frame_ack","seq":1.5}',
        '{"type":"tier_request","tier":4}',
        '{"type":"tier_request","tier":0}',
        '{"type":"consent","tier":1,"granted":1}',
        '{"type":"tier_state","tier":1,"state":"maybe"}',
        '{"type":"hello","protocol":1,"number":"12345","client":"x"}',
        '{"type":"hello","protocol":1,"number":"1234567890123","client":"x"}',
        '{"type":"hello","protocol":1,"number":"123 456 789","client":"x"}',
        '{"type":"hello","protocol":1,"number":"١٢٣٤٥٦٧","client":"x"}',
        '{"type":"end","reason":"x","by":"nobody"}',
        '{"type":"screen_info","monitors":{}}',
        '{"type":"screen_info","monitors":[{"id":0}]}',
        '{"type":"screen_info","monitors":[{"id":0,"x":0,"y":0,"width":0,"height":1,"scale":1,"primary":true}]}',
        '{"type":"screen_info","monitors":[{"id":0,"x":0,"y":0,"width":1,"height":1,"scale":NaN,"primary":true}]}',
        '{"type":"welcome","protocol":1,"session_id":"s","expert":"Anna","recorded":true,"retention_days":1}',
        '{"type":"pointer_move","monitor":16,"x":0,"y":0}',
        '{"type":"pointer_move","monitor":0,"x":-1,"y":0}',
        '{"type":"pointer_button","monitor":0,"x":0,"y":0,"button":"thumb","down":true}',
        '{"type":"wheel","monitor":0,"x":0,"y":0,"dx":0,"dy":101}',
        '{"type":"key","code":"Key C","down":true}',
        '{"type":"key","code":"","down":true}',
        '{"type":"key","code":"KeyC","down":true,"modifiers":["hyper"]}',
        '{"type":"key","code":"KeyC","down":true,"modifiers":["shift","shift","shift","shift","shift","shift"]}',
        '{"type":"text","text":""}',
        '{"type":"text","text":"bell\\u0007"}',
        '{"type":"control","holder":"server"}',
        '{"type":"chat","text":"   "}',
        '{"type":"chat","text":"hi","by":"server"}',
    ],
)
def test_malformed_messages_are_refused(text):
    with pytest.raises(ProtocolError):
        decode_message(text)


def test_oversized_text_is_refused_before_parsing():
    text = json.dumps({"type": "end", "reason": "x" * limits.MAX_TEXT_MESSAGE_BYTES})
    with pytest.raises(ProtocolError, match="exceeds"):
        decode_message(text)


def test_overlong_strings_are_refused():
    with pytest.raises(ProtocolError, match="longer than"):
        decode_message(json.dumps({"type": "end", "reason": "x" * (limits.MAX_REASON_CHARS + 1)}))


def test_too_many_monitors_are_refused():
    monitor = {"id": 0, "x": 0, "y": 0, "width": 1, "height": 1, "scale": 1, "primary": True}
    with pytest.raises(ProtocolError, match="items"):
        decode_message(json.dumps({"type": "screen_info", "monitors": [monitor] * (limits.MAX_MONITORS + 1)}))


def test_invalid_utf8_is_refused():
    with pytest.raises(ProtocolError):
        decode_message(b'{"type":"end","reason":"\xff"}')
