"""macOS: the client is a bundle; keeping and removing work on the whole Fernhilfe.app."""

from pathlib import Path

from client.platform.install import Layout
from client.platform.install.macos import MacInstaller, app_bundle_of


def test_the_bundle_of_an_executable():
    bundle = Path("/Users/anna/Downloads/Fernhilfe.app")
    assert app_bundle_of(bundle / "Contents" / "MacOS" / "Fernhilfe") == bundle
    assert app_bundle_of(Path("/Users/anna/Downloads/Fernhilfe")) is None
    assert app_bundle_of(Path("/opt/Fernhilfe/Contents/MacOS/Fernhilfe")) is None


def make_bundle(folder: Path) -> Path:
    bundle = folder / "Fernhilfe.app"
    binary = bundle / "Contents" / "MacOS" / "Fernhilfe"
    binary.parent.mkdir(parents=True)
    binary.write_bytes(b"\xcf\xfa\xed\xfe client")
    return bundle


def test_removing_deletes_the_whole_bundle_and_what_the_client_wrote(tmp_path):
    logs = tmp_path / "Library" / "Logs" / "Fernhilfe"
    logs.mkdir(parents=True)
    installer = MacInstaller(Layout(make_bundle(tmp_path / "Applications"), (logs,)))
    assert installer.is_installed()
    installer.uninstall(installer.layout.program)
    assert not installer.layout.program.exists()
    assert not logs.exists()


def test_a_download_that_is_not_kept_deletes_its_bundle(tmp_path):
    download = make_bundle(tmp_path / "Downloads")
    installer = MacInstaller(Layout(tmp_path / "Applications" / "Fernhilfe.app", ()))
    installer.remove_running(download)
    assert not download.exists()
    assert (tmp_path / "Downloads").is_dir()
