"""German ships complete, the compiled file matches its source, and the locale picks the language."""

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from client.resources import resources_dir
from client.ui.i18n import install_translators

TS = resources_dir() / "translations" / "fernhilfe_de.ts"
QM = TS.with_suffix(".qm")


def test_every_german_string_is_translated():
    messages = list(ET.parse(TS).iter("message"))
    assert messages
    unfinished = [
        m.findtext("source") for m in messages if m.find("translation[@type='unfinished']") is not None
    ]
    assert unfinished == []


def test_compiled_translations_match_their_source(tmp_path):
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    fresh = tmp_path / "fresh.qm"
    subprocess.run([str(lrelease), "-silent", str(TS), "-qm", str(fresh)], check=True)
    assert fresh.read_bytes() == QM.read_bytes(), (
        "run: pyside6-lrelease resources/translations/fernhilfe_de.ts"
    )


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("de_DE", "Sitzung beenden"),
        ("de_AT", "Sitzung beenden"),
        ("en_GB", "End session"),
        ("fr_FR", "End session"),
    ],
)
def test_the_locale_picks_the_language(qapp, locale, expected):
    translators = install_translators(qapp, QLocale(locale))
    try:
        assert QCoreApplication.translate("ControlPanel", "End session") == expected
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
