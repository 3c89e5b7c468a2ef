"""The built client: one real server for the session, and the one-file executable built for it.

The executable is built once per test run by build/linux.sh, with an organisation file that
embeds this server's address, CA certificate and pin, its organisation key (so the built client
checks each session's signed descriptor, with its own Ed25519 code), a phone number and a logo in
a colour the screenshot check can find; so the frozen client connects with its built-in
configuration only, as a customer's download would.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.frozen.customer_desktop import CustomerDesktop, write_png
from tests.support.fixtures import ANNA
from tests.support.server_process import REPO_ROOT, ServerProcess, add_expert

LOGO_RGB = (224, 26, 123)
"""A colour nothing else on the test screen has."""
ORGANISATION = "Beispiel GmbH"
BUILD_TIMEOUT_S = 900


@pytest.fixture(scope="session")
def frozen_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    data_dir = tmp_path_factory.mktemp("frozen-server") / "data"
    add_expert(data_dir, ANNA.username, ANNA.password, ANNA.name, ANNA.organisation)
    with ServerProcess(data_dir) as server:
        yield server


@pytest.fixture(scope="session")
def organisation_file(frozen_server: ServerProcess, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("organisation")
    write_png(folder / "beispiel-logo.png", 96, 64, LOGO_RGB)
    config = {
        "organisation": ORGANISATION,
        "server_url": frozen_server.ws_url,
        "ca_certificate_pem": frozen_server.ca_path.read_text(encoding="ascii"),
        "ca_pin_sha256": frozen_server.pin,
        "organisation_key": frozen_server.org_key,
        "support_phone": "+49 30 1234567",
        "logo": "beispiel-logo.png",
    }
    path = folder / "organisation.json"
    path.write_text(json.dumps(config, indent=2), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def frozen_client(organisation_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """build/linux.sh --config …: the executable a customer of `ORGANISATION` would download."""
    scratch = tmp_path_factory.mktemp("pyinstaller")
    command = ["bash", str(REPO_ROOT / "build" / "linux.sh"), "--config", str(organisation_file)]
    command += ["--dist", str(scratch / "dist"), "--work", str(scratch / "work")]
    result = subprocess.run(command, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S, check=False)
    assert result.returncode == 0, f"build failed:\n{result.stdout[-3000:]}\n{result.stderr[-5000:]}"
    executable = Path(result.stdout.splitlines()[-1])
    assert executable == scratch / "dist" / "fernhilfe"
    return executable


@pytest.fixture
def customer(tmp_path: Path) -> Iterator[CustomerDesktop]:
    desktop = CustomerDesktop(tmp_path / "customer")
    yield desktop
    desktop.stop_all()
