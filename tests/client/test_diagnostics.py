"""The details for support hold version, system and recent log lines, and never a session number."""

import logging
import platform

from client.diagnostics import RecentLog, diagnostics_text, mask_numbers


def test_session_numbers_are_masked_however_they_are_grouped():
    assert mask_numbers("joining 482190337 now") == "joining [number] now"
    assert mask_numbers("joining 482 190 337 / 482-190-337") == "joining [number] / [number]"
    assert mask_numbers("wss://127.0.0.1:8443 refused") == "wss://127.0.0.1:8443 refused"


def test_the_recent_log_keeps_only_the_last_lines():
    recent = RecentLog(capacity=3)
    logger = logging.getLogger("tests.diagnostics")
    logger.addHandler(recent)
    try:
        for index in range(5):
            logger.warning("line %d", index)
        logger.warning("joining %s", "482 190 337")
    finally:
        logger.removeHandler(recent)
    lines = recent.lines()
    assert [line.rsplit(": ", 1)[1] for line in lines] == ["line 3", "line 4", "joining [number]"]
    assert "WARNING tests.diagnostics" in lines[0]
    assert lines[0][:4].isdigit(), "each line starts with its time"


def test_the_text_names_version_system_and_the_log():
    text = diagnostics_text("0.1.0", "6.11.3", ["2026-12-02 13:40:19 WARNING client.app: refused"])
    assert text.startswith("Fernhilfe 0.1.0\n")
    assert platform.platform() in text
    assert "Qt 6.11.3" in text
    assert text.endswith("Recent log:\n2026-12-02 13:40:19 WARNING client.app: refused\n")


def test_an_empty_log_says_so():
    assert diagnostics_text("0.1.0", "6.11.3", []).endswith("Recent log:\n(empty)\n")
