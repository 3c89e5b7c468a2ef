"""Pytest fixtures around the real server; registered for all tests in tests/conftest.py."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.server_process import ServerProcess, add_expert


@dataclass(frozen=True)
class ExpertAccount:
    username: str
    password: str
    name: str
    organisation: str


ANNA = ExpertAccount("anna", "correct horse battery", "Anna Berger", "Beispiel GmbH")
"""The expert the `server` fixture creates."""


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ServerProcess]:
    """A running server with data in `tmp_path / "server-data"` and the expert `ANNA`; stopped afterwards."""
    data_dir = tmp_path / "server-data"
    add_expert(data_dir, ANNA.username, ANNA.password, ANNA.name, ANNA.organisation)
    process = ServerProcess(data_dir).start()
    try:
        yield process
    finally:
        process.stop()
