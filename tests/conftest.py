"""Test-wide setup: Qt talks to the test X server that pytest-xvfb starts for the whole run."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
os.environ.setdefault("LANGUAGE", "en")

pytest_plugins = [
    "tests.support.fixtures",
    "tests.support.customer",
    "tests.support.unprivileged",
    "tests.support.gnome_desktop",
]
