"""The Windows `inject` verb: what remote input does arrives in the elevated helper unchanged,
and nothing but the five input ops, with exactly their fields, is accepted."""

import pytest

from client.admin_helper.input_verb import VerbInjector, apply, message, refusal
from client.platform.inject.fake import FakeInputInjector


def through_the_helper(act):
    """Run `act` on a VerbInjector and replay every line it sends in the helper."""
    lines: list[dict[str, object]] = []
    act(VerbInjector(lines.append))
    helper_side = FakeInputInjector()
    assert [apply(line, helper_side) for line in lines] == [None] * len(lines)
    return lines, helper_side.calls


def test_every_input_call_reaches_the_helpers_injector_unchanged():
    def act(injector):
        injector.move_pointer(-1920, 1080)
        injector.press_button("left", True)
        injector.press_button("left", False)
        injector.scroll(0, -3)
        injector.press_key("ControlLeft", True)
        injector.press_key("KeyA", True)
        injector.press_key("KeyA", False)
        injector.press_key("ControlLeft", False)
        injector.type_text("Grüße\n")

    lines, calls = through_the_helper(act)
    assert lines[0] == {"verb": "inject", "op": "move", "x": -1920, "y": 1080}
    assert calls == [
        ("move_pointer", -1920, 1080),
        ("press_button", "left", True),
        ("press_button", "left", False),
        ("scroll", 0, -3),
        ("press_key", "ControlLeft", True),
        ("press_key", "KeyA", True),
        ("press_key", "KeyA", False),
        ("press_key", "ControlLeft", False),
        ("type_text", "Grüße\n"),
    ]


def test_the_client_side_sends_no_button_the_helper_would_refuse():
    with pytest.raises(ValueError):
        VerbInjector(lambda line: None).press_button("fourth", True)


@pytest.mark.parametrize(
    "body",
    [
        message("read_file", path="C:\\Windows\\System32\\config\\SAM"),
        message("shell", command="cmd.exe"),
        message("move", x=1),
        message("move", x=1, y=2, path="x"),
        message("move", x=True, y=2),
        message("move", x=1.5, y=2),
        message("move", x=2**31, y=0),
        message("button", button="fourth", down=True),
        message("button", button="left", down=1),
        message("scroll", dx=0, dy=10**6),
        message("key", code="K" * 65, down=True),
        message("text", text="x" * 4097),
        {"verb": "run", "op": "move", "x": 1, "y": 1},
        {"verb": "inject"},
    ],
    ids=[
        "read_file",
        "shell",
        "missing_field",
        "extra_field",
        "bool_as_int",
        "float",
        "coordinate_range",
        "button_name",
        "down_as_int",
        "notches",
        "long_code",
        "long_text",
        "other_verb",
        "no_op",
    ],
)
def test_anything_but_a_well_formed_input_op_is_refused_and_nothing_is_injected(body):
    injector = FakeInputInjector()
    assert refusal(body) is not None
    assert apply(body, injector) is not None
    assert injector.calls == []


def test_input_the_system_cannot_take_is_dropped_without_ending_the_connection():
    injector = FakeInputInjector()
    assert apply(message("key", code="NoSuchKey", down=True), injector) is None
    assert apply(message("text", text="\x07"), injector) is None
    assert injector.calls == []
