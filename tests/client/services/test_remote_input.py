"""Remote input lands where the expert pointed, holds nothing after a yield, and can be stopped."""

import threading

import pytest

from client.platform.inject import UnknownKey
from client.services.remote_input import RemoteInput
from protocol.messages import Key, Monitor, PointerButton, PointerMove, Text, Wheel

MONITORS = (Monitor(0, -1280, 0, 1280, 1024, 1.0, False), Monitor(1, 0, 0, 1920, 1080, 1.0, True))


class RecordingInjector:
    def __init__(self):
        self.calls: list[tuple[object, ...]] = []
        self.closed = False

    def move_pointer(self, x, y):
        self.calls.append(("move", x, y))

    def press_button(self, button, down):
        self.calls.append(("button", button, down))

    def scroll(self, dx, dy):
        self.calls.append(("scroll", dx, dy))

    def press_key(self, code, down):
        if code == "Launch42":
            raise UnknownKey(code)
        self.calls.append(("key", code, down))

    def type_text(self, text):
        self.calls.append(("text", text))

    def close(self):
        self.closed = True


@pytest.fixture
def injector():
    return RecordingInjector()


@pytest.fixture
def remote(injector):
    service = RemoteInput(lambda: injector, lambda: MONITORS)
    service.start()
    return service


def test_pointer_events_land_on_the_desktop_pixel_of_their_monitor(remote, injector):
    assert remote.inject(PointerMove(monitor=0, x=10, y=20)) is None
    assert remote.inject(PointerButton(monitor=1, x=5, y=6, button="left", down=True)) is None
    assert remote.inject(Wheel(monitor=1, x=5, y=6, dx=0, dy=-2)) is None
    assert injector.calls == [
        ("move", -1270, 20),
        ("move", 5, 6),
        ("button", "left", True),
        ("move", 5, 6),
        ("scroll", 0, -2),
    ]


@pytest.mark.parametrize(
    "message",
    [
        PointerMove(monitor=2, x=0, y=0),
        PointerMove(monitor=1, x=1920, y=0),
        PointerMove(monitor=0, x=0, y=1024),
    ],
)
def test_points_off_the_shared_monitors_are_dropped(remote, injector, message):
    assert "not on shared monitor" in remote.inject(message)
    assert injector.calls == []


def test_shortcut_modifiers_are_pressed_around_the_key_and_released_after(remote, injector):
    remote.inject(Key(code="KeyC", down=True, modifiers=("control",)))
    remote.inject(Key(code="KeyC", down=False))
    assert injector.calls == [
        ("key", "ControlLeft", True),
        ("key", "KeyC", True),
        ("key", "KeyC", False),
        ("key", "ControlLeft", False),
    ]


def test_text_goes_to_the_text_channel(remote, injector):
    remote.inject(Text(text="Grüße €@"))
    assert injector.calls == [("text", "Grüße €@")]


def test_a_yield_releases_every_held_button_and_key_and_blocks_input(remote, injector):
    remote.inject(PointerButton(monitor=1, x=5, y=6, button="left", down=True))
    remote.inject(Key(code="KeyA", down=True, modifiers=("shift",)))
    injector.calls.clear()
    remote.yield_to_customer()
    assert injector.calls == [("button", "left", False), ("key", "KeyA", False), ("key", "ShiftLeft", False)]
    injector.calls.clear()
    assert "paused" in remote.inject(PointerMove(monitor=1, x=1, y=1))
    assert injector.calls == []
    remote.resume()
    assert remote.inject(PointerMove(monitor=1, x=1, y=1)) is None


def test_block_now_works_from_another_thread(remote, injector):
    thread = threading.Thread(target=remote.block_now)
    thread.start()
    thread.join()
    assert "paused" in remote.inject(Text(text="x"))
    assert injector.calls == []


def test_releasing_a_button_that_is_not_held_does_nothing(remote, injector):
    remote.inject(PointerButton(monitor=1, x=5, y=6, button="right", down=False))
    assert injector.calls == [("move", 5, 6)]


def test_unknown_keys_are_dropped_with_a_reason(remote, injector):
    assert "Launch42" in remote.inject(Key(code="Launch42", down=True))


def test_closing_releases_what_is_held_and_closes_the_injector(remote, injector):
    remote.inject(PointerButton(monitor=1, x=5, y=6, button="middle", down=True))
    remote.close()
    assert injector.calls[-1] == ("button", "middle", False)
    assert injector.closed
    assert "paused" in remote.inject(Text(text="x"))
