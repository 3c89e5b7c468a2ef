"""German text into a GTK text field on a Wayland desktop whose layout lacks ä ö ü ß €: the real
portal injector on the headless GNOME desktop (US layout, as mutter without gnome-shell keeps it)
types what the layout has as keysyms and the rest through Unicode entry (Ctrl+Shift+U), which
GTK's input method turns into the characters. The field is zenity's, which prints the text when
Return is pressed."""

import subprocess
import time

import pytest

from protocol.messages import Monitor
from tests.support.gnome_desktop import HEIGHT, WIDTH

pytestmark = pytest.mark.e2e

SHARE, ALLOW_INTERACTION = (612, 172), (590, 372)
GERMAN = "Grüße aus Köln: 42 € für Öl, Äpfel & Übermaß"


@pytest.fixture
def injector(gnome_desktop, monkeypatch):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", gnome_desktop.env["DBUS_SESSION_BUS_ADDRESS"])
    gnome_desktop.ensure_portals()
    screen = (Monitor(0, 0, 0, WIDTH, HEIGHT, 1.0, True),)
    injector = gnome_desktop.granted_injector(screen, SHARE, (ALLOW_INTERACTION, SHARE))
    yield injector
    injector.close()


def test_the_desktops_layout_lacks_the_german_letters(gnome_desktop):
    keysyms = gnome_desktop.keysyms()
    assert keysyms is not None, "XWayland's keyboard mapping could not be read"
    assert ord("a") in keysyms
    assert not {0xE4, 0xF6, 0xFC, 0xDF, 0x20AC} & keysyms


def closed(field: subprocess.Popen[str]) -> None:
    with field:
        field.kill()


def test_german_text_arrives_in_a_gtk_field_through_unicode_entry(gnome_desktop, injector):
    field = gnome_desktop.open_window(
        lambda: subprocess.Popen(
            ["zenity", "--entry", "--text", "Text"],
            env={**gnome_desktop.env, "GDK_BACKEND": "wayland", "LANG": "C.UTF-8"},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            encoding="utf-8",
        ),
        closed,
        "zenity's entry dialog",
    )
    with field:
        try:
            time.sleep(0.5)
            injector.type_text(GERMAN + "\n")
            typed, _ = field.communicate(timeout=15)
        finally:
            if field.poll() is None:
                field.kill()
    assert typed == GERMAN + "\n"
