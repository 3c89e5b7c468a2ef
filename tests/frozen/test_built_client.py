"""The one-file Linux client as a customer gets it: downloaded, double-clicked, driven by keyboard.

Each test copies the built executable into the customer's Downloads folder and runs it there, with
nothing on its command line: server, certificate, pin and logo come from the configuration built
into it. The dialog is checked on a screenshot, the number typed and consent given with real key
presses, and the expert (a scripted console on the real server) must see the customer's screen.
What is on disk afterwards is read from the filesystem once the bootloader has exited (it removes
its extraction folder only then).
"""

from __future__ import annotations

import asyncio
import configparser
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from protocol.messages import CustomerJoined, End, TierStatus
from tests.e2e.test_view_session import close_to, pixel_in_frame
from tests.frozen.conftest import LOGO_RGB
from tests.frozen.customer_desktop import (
    CONSENT_DIALOG,
    CONTROL_PANEL,
    NUMBER_DIALOG,
    RECEIPT,
    CustomerDesktop,
    connections_to,
    geometry,
    pixels_of_colour,
    press,
    python_process_of,
    screenshot,
    type_text,
    window,
)
from tests.support.customer import WATERMARK_RGB, watermark_point
from tests.support.fixtures import ANNA
from tests.support.processes import parent_of, processes_naming
from tests.support.scripted_expert import ScriptedExpert
from tests.support.server_process import ServerProcess, open_session_async, ssl_context

pytestmark = [pytest.mark.frozen, pytest.mark.timeout(900)]

EXIT_TIMEOUT_S = 30
XDG_FOLDERS = (".local", ".local/bin", ".local/share", ".local/share/applications")
"""Standard folders keeping may create; like every uninstaller, removal leaves them (and .local/state,
the parent of the kept client's log folder)."""


def download(customer: CustomerDesktop, frozen_client: Path) -> Path:
    path = customer.home / "Downloads" / "fernhilfe"
    shutil.copy2(frozen_client, path)
    return path


async def exited(process: subprocess.Popen[bytes], customer: CustomerDesktop) -> int:
    """Wait for the bootloader to exit (after the client, and after removing its extraction)."""
    try:
        return await asyncio.to_thread(process.wait, EXIT_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        raise AssertionError(f"the client did not exit\n{customer.output()}") from None


async def session_with_consent(
    server: ServerProcess,
    customer: CustomerDesktop,
    client: int,
    tick_keep: bool,
    shots: Path,
) -> None:
    """Type a new session's number, allow viewing, let the expert see the screen, end the session."""
    ticket = await open_session_async(server, ANNA.username, ANNA.password)
    context = ssl_context(server.ca_path)
    async with ScriptedExpert(server.ws_url, context, ticket.token, ticket.session_id) as expert:
        dialog = await window(NUMBER_DIALOG, client)
        shot = screenshot(await geometry(dialog), shots / "number_dialog.png")
        assert pixels_of_colour(shot, LOGO_RGB) > 40 * 30, "the organisation's logo is in the dialog"
        assert connections_to(client, server.port) == 0, "the dialog is shown before any connection"
        assert not any(isinstance(m, CustomerJoined) for m in expert.messages)

        await type_text(dialog, ticket.session["number_display"])
        if tick_keep:
            await press(dialog, "Tab", "space")
        await press(dialog, "Return")

        consent = await window(CONSENT_DIALOG, client)
        await expert.wait_for_message(CustomerJoined)
        screenshot(await geometry(consent), shots / "consent_dialog.png")
        assert expert.frames == [], "nothing is shared before the customer allows it"
        await press(consent, "alt+a")
        await expert.wait_for_message(TierStatus, lambda m: m.tier == 1 and m.state == "granted")
        frame = (await expert.wait_for_frames(1))[0]
        assert frame.keyframe
        seen = pixel_in_frame(frame, *watermark_point())
        assert close_to(seen, WATERMARK_RGB), "the expert sees the customer's screen, watermark included"
        forked = processes_naming(Path("--multiprocessing-fork"))
        workers = [pid for pid in forked if parent_of(pid) == client]
        assert len(workers) == 1, "the built client captures in its worker process"

        panel = await window(CONTROL_PANEL, client)
        screenshot(await geometry(panel), shots / "control_panel.png")
        await press(panel, "alt+s")
        ended = await expert.wait_for_message(End)
        assert (ended.by, ended.reason) == ("customer", "customer_ended")
        receipt = await window(RECEIPT, client)
        screenshot(await geometry(receipt), shots / "receipt.png")
        await press(receipt, "Escape")


def receipts(customer: CustomerDesktop) -> set[Path]:
    """The receipts saved in the customer's documents folder, with the folders holding them."""
    documents = customer.home / "Documents"
    found = set(documents.rglob("Fernhilfe-receipt-*.html")) if documents.exists() else set()
    return found | ({documents, documents / "Fernhilfe"} if found else set())


def test_a_download_that_is_not_kept_leaves_nothing_behind(frozen_client, frozen_server, customer, tmp_path):
    downloaded = download(customer, frozen_client)
    before = customer.files()

    async def scenario() -> None:
        process = customer.start(downloaded)
        client = await asyncio.to_thread(python_process_of, process)
        await window(NUMBER_DIALOG, client)
        assert len(customer.extraction_folders()) == 1, "the bootloader extracts into the customer's TMPDIR"
        await session_with_consent(frozen_server, customer, client, tick_keep=False, shots=tmp_path)
        assert await exited(process, customer) == 0, customer.output()

    asyncio.run(scenario())
    assert not downloaded.exists(), "the download removed itself"
    assert customer.extraction_folders() == []
    assert customer.files() - receipts(customer) == before - {downloaded}, "no file of the client is left"
    assert len(receipts(customer)) == 3, (
        "only the receipt, which is the customer's: Documents/Fernhilfe/*.html"
    )


def test_a_kept_client_is_installed_waits_for_a_new_number_and_uninstalls(
    frozen_client, frozen_server, customer, tmp_path
):
    downloaded = download(customer, frozen_client)
    before = customer.files()
    program = customer.home / ".local" / "bin" / "fernhilfe"
    entry_file = customer.home / ".local" / "share" / "applications" / "fernhilfe.desktop"
    icon = customer.home / ".local" / "share" / "Fernhilfe" / "fernhilfe.png"
    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()

    async def first_session() -> None:
        process = customer.start(downloaded)
        client = await asyncio.to_thread(python_process_of, process)
        await session_with_consent(frozen_server, customer, client, tick_keep=True, shots=tmp_path / "first")
        assert await exited(process, customer) == 0, customer.output()

    asyncio.run(first_session())
    assert downloaded.read_bytes() == program.read_bytes(), "kept: copied, the download stays"
    assert program.stat().st_mode & 0o111
    entry = configparser.ConfigParser(interpolation=None)
    entry.read_string(entry_file.read_text(encoding="utf-8"))
    assert shlex.split(entry["Desktop Entry"]["Exec"]) == [str(program)]
    assert "Beispiel GmbH" in entry["Desktop Entry"]["Comment"]
    assert Path(entry["Desktop Entry"]["Icon"]) == icon
    kept = {program, entry_file, icon, icon.parent}
    assert customer.files() - before - receipts(customer) == kept | {
        customer.home / f for f in XDG_FOLDERS
    }, "nothing else: no autostart entry, no stored session, no extraction folder"

    async def later_session() -> None:
        # Started from its menu entry, it waits for a number; it never reconnects by itself.
        process = customer.start(Path(shlex.split(entry["Desktop Entry"]["Exec"])[0]))
        client = await asyncio.to_thread(python_process_of, process)
        shots = tmp_path / "second"
        await session_with_consent(frozen_server, customer, client, tick_keep=False, shots=shots)
        assert await exited(process, customer) == 0, customer.output()

    asyncio.run(later_session())
    assert program.exists(), "unticking the box would remove it; untouched, it stays kept"
    log = customer.home / ".local" / "state" / "Fernhilfe" / "log" / "client.log"
    assert "end of run: nothing" in log.read_text(encoding="utf-8")

    uninstall = subprocess.run(
        [str(program), "--uninstall"],
        env=customer.env,
        capture_output=True,
        text=True,
        timeout=EXIT_TIMEOUT_S,
        check=False,
    )
    assert uninstall.returncode == 0, uninstall.stderr
    assert "has been removed from this computer" in uninstall.stdout
    assert customer.files() - before - receipts(customer) == {
        customer.home / f for f in (*XDG_FOLDERS, ".local/state")
    }
    assert before <= customer.files()
    assert customer.extraction_folders() == []
