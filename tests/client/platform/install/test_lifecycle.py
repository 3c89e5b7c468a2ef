"""The customer's choice decides: a download is kept only when asked, and otherwise removed."""

from pathlib import Path

import pytest

from client.platform.install import (
    Branding,
    InstallError,
    Origin,
    Step,
    finish_run,
    keep_by_default,
    open_installer,
    origin_of,
    running_copy,
    writes_log_file,
)
from client.platform.install.base import end_of_run_step, owned_by_client, remove_path
from client.platform.install.fake import FakeInstaller
from client.platform.install.linux import LinuxInstaller

DOWNLOAD = Path("/home/anna/Downloads/fernhilfe")
BRANDING = Branding("Beispiel GmbH", None)


def test_where_the_running_client_comes_from():
    installer = FakeInstaller()
    assert origin_of(None, installer.layout) is Origin.SOURCE
    assert origin_of(DOWNLOAD, installer.layout) is Origin.DOWNLOADED
    assert origin_of(installer.layout.program, installer.layout) is Origin.KEPT


def test_a_symlink_to_the_kept_copy_is_the_kept_copy(tmp_path):
    program = tmp_path / "bin" / "fernhilfe"
    program.parent.mkdir()
    program.write_bytes(b"client")
    (tmp_path / "link").symlink_to(program)
    installer = LinuxInstaller(program, tmp_path / "f.desktop", tmp_path / "icon.png", ())
    assert origin_of(tmp_path / "link", installer.layout) is Origin.KEPT


@pytest.mark.parametrize(
    ("origin", "keep", "step"),
    [
        (Origin.SOURCE, False, Step.NOTHING),
        (Origin.SOURCE, True, Step.NOTHING),
        (Origin.DOWNLOADED, False, Step.REMOVE_RUNNING),
        (Origin.DOWNLOADED, True, Step.INSTALL),
        (Origin.KEPT, True, Step.NOTHING),
        (Origin.KEPT, False, Step.UNINSTALL),
    ],
)
def test_what_the_end_of_a_run_does(origin, keep, step):
    assert end_of_run_step(origin, keep) is step


def test_the_checkbox_is_off_for_a_download_and_shows_a_kept_copy_as_kept():
    assert keep_by_default(Origin.DOWNLOADED) is False
    assert keep_by_default(Origin.SOURCE) is False
    assert keep_by_default(Origin.KEPT) is True


def test_a_download_writes_no_log_file():
    assert writes_log_file(Origin.DOWNLOADED) is False
    assert writes_log_file(Origin.KEPT) is True
    assert writes_log_file(Origin.SOURCE) is True


def test_the_running_copy_is_the_executable_or_its_app_bundle():
    assert running_copy(False, "/usr/bin/python3", "linux") is None
    assert running_copy(True, "/home/anna/Downloads/fernhilfe", "linux") == DOWNLOAD
    assert running_copy(True, r"C:\Users\anna\Downloads\Fernhilfe.exe", "win32") == Path(
        r"C:\Users\anna\Downloads\Fernhilfe.exe"
    )
    bundle = Path("/Users/anna/Downloads/Fernhilfe.app")
    assert running_copy(True, str(bundle / "Contents" / "MacOS" / "Fernhilfe"), "darwin") == bundle


def test_this_system_gets_the_linux_backend():
    assert isinstance(open_installer(), LinuxInstaller)


def test_a_download_that_is_not_kept_removes_itself():
    installer = FakeInstaller()
    assert finish_run(installer, DOWNLOAD, keep=False, branding=BRANDING) is Step.REMOVE_RUNNING
    assert installer.calls == [("remove_running", DOWNLOAD)]


def test_a_download_that_is_kept_is_installed_with_the_organisations_branding():
    installer = FakeInstaller()
    assert finish_run(installer, DOWNLOAD, keep=True, branding=BRANDING) is Step.INSTALL
    assert installer.calls == [("install", DOWNLOAD)]
    assert installer.branding == BRANDING
    assert installer.is_installed()


def test_unticking_keep_in_the_kept_copy_uninstalls_it():
    installer = FakeInstaller()
    program = installer.layout.program
    assert finish_run(installer, program, keep=True, branding=BRANDING) is Step.NOTHING
    assert installer.calls == []
    assert finish_run(installer, program, keep=False, branding=BRANDING) is Step.UNINSTALL
    assert installer.calls == [("uninstall", program)]


def test_running_from_source_neither_installs_nor_removes():
    installer = FakeInstaller()
    for keep in (False, True):
        assert finish_run(installer, None, keep=keep, branding=BRANDING) is Step.NOTHING
    assert installer.calls == []


def test_a_failure_reaches_the_caller():
    installer = FakeInstaller(failure="disk full")
    with pytest.raises(InstallError, match="disk full"):
        finish_run(installer, DOWNLOAD, keep=True, branding=BRANDING)


def test_only_the_clients_own_folders_are_removed_whole(tmp_path):
    assert owned_by_client(Path("/home/anna/.local/share/Fernhilfe"))
    assert owned_by_client(Path("/home/anna/.local/state/Fernhilfe/log"))
    assert owned_by_client(Path("/Users/anna/Applications/Fernhilfe.app"))
    assert not owned_by_client(Path("/home/anna/.local/share"))
    stranger = tmp_path / "documents"
    stranger.mkdir()
    with pytest.raises(InstallError, match="not a Fernhilfe folder"):
        remove_path(stranger)
    assert stranger.is_dir()
