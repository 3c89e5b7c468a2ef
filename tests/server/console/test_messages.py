"""Every text the console passes to `t()` has its German translation, and no translation is stale."""

import re
from pathlib import Path

CONSOLE = Path(__file__).resolve().parents[3] / "server" / "console" / "js"
QUOTED = r"""'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)\""""
CALL = re.compile(rf"\b(?:t|tNodes)\(\s*(?:{QUOTED})")
ENTRY = re.compile(rf"^\s*(?:{QUOTED})\s*:\s*(?:{QUOTED}),\s*$", re.MULTILINE)


def _text(match: re.Match[str], first: int) -> str:
    raw = match.group(first) if match.group(first) is not None else match.group(first + 1)
    return re.sub(r"\\(.)", r"\1", raw)


def asked_for() -> set[str]:
    texts = set()
    for path in CONSOLE.rglob("*.js"):
        if path.name != "i18n.js" and "messages" not in path.parts:
            texts |= {_text(m, 1) for m in CALL.finditer(path.read_text(encoding="utf-8"))}
    return texts


def german() -> dict[str, str]:
    source = (CONSOLE / "messages" / "de.js").read_text(encoding="utf-8")
    return {_text(m, 1): _text(m, 3) for m in ENTRY.finditer(source)}


def test_every_console_text_has_a_german_translation():
    assert sorted(asked_for() - german().keys()) == []


def test_no_german_translation_is_left_over():
    assert sorted(german().keys() - asked_for()) == []


def test_placeholders_survive_translation():
    for english, translated in german().items():
        assert sorted(re.findall(r"\{\w+\}", english)) == sorted(re.findall(r"\{\w+\}", translated)), english
