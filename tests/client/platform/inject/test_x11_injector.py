"""The X11 injector on the test X server: pointer, buttons and wheel into a real xterm, keys and text
typed into a shell in a real xterm, with the US and the German layout, and the keymap left as found.

Plain Xvfb has no window manager: keyboard focus follows the pointer, so each test first moves the
pointer over its xterm.
"""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from client.platform.inject.base import UnknownKey
from client.platform.inject.key_codes import x_keycode
from client.platform.inject.x11 import X11InputInjector

WAIT_S = 10.0
TYPED = "äöüß€@{}\\|~ Grüße"
INSIDE_XTERM = (120, 60)

MOUSE_REPORTER = r"""
import os, sys, tty
out = open(sys.argv[1], "ab", buffering=0)
tty.setraw(0)
os.write(1, b"\x1b[?1000h\x1b[?1006h\x1b[?1000$p")  # report buttons (SGR), then ask whether it took
reply = b""
while b"$y" not in reply:
    reply += os.read(0, 64)
out.write(b"ready\n")
while data := os.read(0, 1024):
    out.write(data)
"""


def wait_until(predicate, what):
    deadline = time.monotonic() + WAIT_S
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""


def xmodmap_keys() -> str:
    return subprocess.run(["xmodmap", "-pke"], check=True, capture_output=True, text=True).stdout


def start_xterm(*command):
    """An xterm at the top-left running `command`, in UTF-8, with its window mapped."""
    title = f"fernhilfe-inject-{time.monotonic_ns()}"
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    xterm = subprocess.Popen(
        ["xterm", "-u8", "-title", title, "-geometry", "80x10+0+0", "-e", *command],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    search = ["xdotool", "search", "--onlyvisible", "--name", title]
    wait_until(lambda: subprocess.run(search, capture_output=True, check=False).returncode == 0, "the xterm")
    return xterm


@pytest.fixture
def injector():
    opened = X11InputInjector()
    yield opened
    opened.close()


@pytest.fixture
def shell(tmp_path, injector):
    """A shell in an xterm that has the keyboard focus."""
    xterm = start_xterm("sh")
    injector.move_pointer(*INSIDE_XTERM)
    yield tmp_path
    xterm.kill()
    xterm.wait(WAIT_S)


@pytest.fixture
def mouse_reports(tmp_path, injector):
    """The file where an xterm under the pointer logs every button it reports (SGR encoding)."""
    log = tmp_path / "mouse.log"
    xterm = start_xterm(sys.executable, "-c", MOUSE_REPORTER, str(log))
    wait_until(lambda: read(log).startswith("ready\n"), "the mouse reporter")
    injector.move_pointer(*INSIDE_XTERM)
    yield log
    xterm.kill()
    xterm.wait(WAIT_S)


@pytest.fixture
def restore_keymap(tmp_path):
    """Whatever a test does to the keyboard layout, the next test finds the one it had."""
    saved = tmp_path / "keymap.xkb"
    display = os.environ["DISPLAY"]
    subprocess.run(["xkbcomp", "-xkb", display, str(saved)], check=True, capture_output=True)
    yield
    subprocess.run(["xkbcomp", str(saved), display], check=True, capture_output=True)


US_KEYSYMS = {
    "KeyA": "a", "KeyQ": "q", "KeyZ": "z", "Digit1": "1", "Digit0": "0", "Enter": "Return",
    "Escape": "Escape", "Backspace": "BackSpace", "Tab": "Tab", "Space": "space", "Minus": "minus",
    "Equal": "equal", "BracketLeft": "bracketleft", "Backslash": "backslash", "Semicolon": "semicolon",
    "Quote": "apostrophe", "Backquote": "grave", "Comma": "comma", "Slash": "slash",
    "IntlBackslash": "less", "CapsLock": "Caps_Lock", "ShiftLeft": "Shift_L", "ShiftRight": "Shift_R",
    "ControlLeft": "Control_L", "ControlRight": "Control_R", "AltLeft": "Alt_L", "AltRight": "Alt_R",
    "MetaLeft": "Super_L", "MetaRight": "Super_R", "ContextMenu": "Menu", "F1": "F1", "F10": "F10",
    "F11": "F11", "F12": "F12", "PrintScreen": "Print", "ScrollLock": "Scroll_Lock", "Pause": "Pause",
    "Insert": "Insert", "Delete": "Delete", "Home": "Home", "End": "End", "PageUp": "Prior",
    "PageDown": "Next", "ArrowUp": "Up", "ArrowDown": "Down", "ArrowLeft": "Left", "ArrowRight": "Right",
    "NumLock": "Num_Lock", "NumpadDivide": "KP_Divide", "NumpadMultiply": "KP_Multiply",
    "NumpadSubtract": "KP_Subtract", "NumpadAdd": "KP_Add", "NumpadEnter": "KP_Enter", "Numpad0": "KP_Insert",
    "Numpad5": "KP_Begin", "Numpad9": "KP_Prior", "NumpadDecimal": "KP_Delete", "NumpadEqual": "KP_Equal",
    "AudioVolumeMute": "XF86AudioMute", "AudioVolumeUp": "XF86AudioRaiseVolume",
    "AudioVolumeDown": "XF86AudioLowerVolume", "MediaPlayPause": "XF86AudioPlay",
    "MediaTrackNext": "XF86AudioNext", "MediaTrackPrevious": "XF86AudioPrev", "MediaStop": "XF86AudioStop",
}  # fmt: skip
"""What the keys are on the test server's US layout (evdev rules), from `xmodmap -pke`."""


def test_physical_codes_are_the_servers_keycodes(restore_keymap):
    subprocess.run(["setxkbmap", "us"], check=True)
    first_keysym = {}
    for line in xmodmap_keys().splitlines():
        keycode, _, symbols = line.removeprefix("keycode").partition("=")
        first_keysym[int(keycode)] = (symbols.split() or [""])[0]
    assert {code: first_keysym[x_keycode(code)] for code in US_KEYSYMS} == US_KEYSYMS


def pointer_location():
    return subprocess.run(["xdotool", "getmouselocation"], check=True, capture_output=True, text=True).stdout


def test_pointer_moves_land_where_asked(injector):
    for x, y in [(0, 0), (1919, 1079), (640, 400)]:
        injector.move_pointer(x, y)
        wait_until(lambda x=x, y=y: f"x:{x} y:{y} " in pointer_location(), f"the pointer at {x},{y}")


def test_buttons_and_the_wheel_click_in_a_real_window(injector, mouse_reports):
    for button in ("left", "middle", "right", "back", "forward"):
        injector.press_button(button, True)
        injector.press_button(button, False)
    injector.scroll(0, 2)
    injector.scroll(-1, -1)
    injector.press_key("KeyZ", True)  # a marker after the last wheel notch
    injector.press_key("KeyZ", False)
    wait_until(lambda: read(mouse_reports).endswith("z"), "the marker key")
    reports = re.findall(r"\x1b\[<(\d+);(\d+);(\d+)([Mm])", read(mouse_reports))
    assert [(int(code), kind) for code, _, _, kind in reports] == [
        (0, "M"), (0, "m"), (1, "M"), (1, "m"), (2, "M"), (2, "m"),
        (128, "M"), (128, "m"), (129, "M"), (129, "m"),
        (65, "M"), (65, "M"), (64, "M"), (66, "M"), (66, "m"),
    ]  # fmt: skip
    assert {(column, row) for _, column, row, _ in reports} == {reports[0][1:3]}


def test_press_key_types_physical_keys_with_modifiers(injector, shell):
    target = shell / "keys.txt"

    def tap(*codes):
        for code in codes:
            injector.press_key(code, True)
        for code in reversed(codes):
            injector.press_key(code, False)

    for code in ("KeyX", "KeyX", "KeyX"):
        tap(code)
    tap("ControlLeft", "KeyU")  # the terminal's kill-line: the x's go
    injector.type_text("echo ")
    tap("ShiftLeft", "KeyH")
    tap("KeyI")
    tap("ShiftRight", "Digit1")
    injector.type_text(f" > {target}")
    tap("Enter")
    wait_until(lambda: read(target).endswith("\n"), "the shell to write the file")
    assert read(target) == "Hi!\n"


def test_unknown_codes_and_buttons_are_refused(injector):
    with pytest.raises(UnknownKey):
        injector.press_key("Fn", True)
    with pytest.raises(ValueError, match="button"):
        injector.press_button("thumb", True)
    with pytest.raises(ValueError, match="control character"):
        injector.type_text("no\x1b")


@pytest.mark.parametrize(
    "layout",
    [["us"], ["de"], ["-layout", "us,de", "-option", "grp:alt_shift_toggle"]],
    ids=["us", "de", "us+de-on-group-2"],
)
def test_text_types_exactly_on_any_layout_and_the_keymap_is_restored(layout, restore_keymap, shell):
    subprocess.run(["setxkbmap", *layout], check=True)
    injector = X11InputInjector()
    if len(layout) > 1:
        for code, down in [("ShiftLeft", True), ("AltLeft", True), ("AltLeft", False), ("ShiftLeft", False)]:
            injector.press_key(code, down)  # Shift+Alt: to the German group
        assert injector._keyboard_state()[1] == 1
    before = xmodmap_keys()
    target = shell / "typed.txt"
    injector.type_text(f"echo '{TYPED}' > {target}\n")
    wait_until(lambda: read(target).endswith("\n"), "the shell to write the file")
    assert read(target) == TYPED + "\n"
    assert xmodmap_keys() != before  # characters the layout lacks went through spare keycodes
    injector.close()
    assert xmodmap_keys() == before


def test_caps_lock_and_held_modifiers_do_not_change_the_text(injector, shell):
    target = shell / "plain.txt"
    injector.press_key("CapsLock", True)
    injector.press_key("CapsLock", False)
    injector.press_key("ShiftLeft", True)
    injector.type_text(f"echo 'abc Ä' > {target}\n")
    injector.press_key("ShiftLeft", False)
    wait_until(lambda: read(target).endswith("\n"), "the shell to write the file")
    injector.press_key("CapsLock", True)  # Caps Lock was still on: unlock it
    injector.press_key("CapsLock", False)
    assert read(target) == "abc Ä\n"
    caps = subprocess.run(["xset", "q"], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Caps Lock:\s+off", caps)


def test_more_distinct_characters_than_spare_keycodes_still_type(injector, shell):
    target = shell / "greek.txt"
    greek = "".join(chr(code) for code in range(0x3B1, 0x3CA))  # 25 letters, more than Xvfb's spares
    injector.type_text(f"echo {greek} > {target}\n")
    wait_until(lambda: read(target).endswith("\n"), "the shell to write the file")
    assert read(target) == greek + "\n"


def test_close_releases_what_is_held(injector, shell):
    target = shell / "released.txt"
    injector.press_key("ShiftLeft", True)
    injector.press_button("left", True)
    injector.close()
    other = X11InputInjector()
    try:
        other.move_pointer(*INSIDE_XTERM)
        other.type_text(f"echo ok > {target}\n")  # typed with Shift held it would read "OK"
        wait_until(lambda: read(target).endswith("\n"), "the shell to write the file")
    finally:
        other.close()
    assert read(target) == "ok\n"
