"""`open_input_injector` picks X11 here unless FERNHILFE_INPUT says otherwise; the fake records."""

import pytest

from client.platform.inject import BACKEND_ENV, InjectionError, UnknownKey, open_input_injector
from client.platform.inject.fake import FakeInputInjector
from client.platform.inject.x11 import X11InputInjector


@pytest.mark.parametrize("value", [None, "", "  "])
def test_the_real_desktop_is_the_default(monkeypatch, value):
    if value is None:
        monkeypatch.delenv(BACKEND_ENV, raising=False)
    else:
        monkeypatch.setenv(BACKEND_ENV, value)
    injector = open_input_injector()
    try:
        assert isinstance(injector, X11InputInjector)
    finally:
        injector.close()


def test_the_fake_can_be_selected(monkeypatch):
    monkeypatch.setenv(BACKEND_ENV, " Fake ")
    assert isinstance(open_input_injector(), FakeInputInjector)


def test_an_unknown_backend_is_refused(monkeypatch):
    monkeypatch.setenv(BACKEND_ENV, "uinput")
    with pytest.raises(InjectionError, match="'uinput'"):
        open_input_injector()


def test_without_an_x_server_opening_fails_cleanly(monkeypatch):
    monkeypatch.delenv(BACKEND_ENV, raising=False)
    monkeypatch.delenv("DISPLAY")
    with pytest.raises(InjectionError, match="X display"):
        open_input_injector()


def test_the_fake_records_calls_and_releases_what_is_held_on_close():
    fake = FakeInputInjector()
    fake.move_pointer(10, 20)
    fake.press_button("left", True)
    fake.scroll(0, 3)
    fake.press_key("ShiftLeft", True)
    fake.type_text("Grüße\n")
    fake.press_key("KeyA", True)
    fake.press_key("KeyA", False)
    assert fake.held_keys == {"ShiftLeft"}
    assert fake.held_buttons == {"left"}
    fake.close()
    fake.close()
    assert fake.calls == [
        ("move_pointer", 10, 20),
        ("press_button", "left", True),
        ("scroll", 0, 3),
        ("press_key", "ShiftLeft", True),
        ("type_text", "Grüße\n"),
        ("press_key", "KeyA", True),
        ("press_key", "KeyA", False),
        ("press_key", "ShiftLeft", False),
        ("press_button", "left", False),
    ]
    assert fake.closed
    with pytest.raises(RuntimeError, match="closed"):
        fake.move_pointer(1, 1)


def test_the_fake_refuses_what_the_real_injectors_refuse():
    fake = FakeInputInjector()
    with pytest.raises(UnknownKey):
        fake.press_key("Fn", True)
    with pytest.raises(ValueError, match="button"):
        fake.press_button("fourth", True)
    with pytest.raises(ValueError, match="control character"):
        fake.type_text("\x07")
    assert fake.calls == []
