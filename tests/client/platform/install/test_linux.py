"""Linux: a kept client is an executable in ~/.local/bin and a desktop entry; removal leaves nothing."""

import configparser
import stat
from pathlib import Path

import pytest

from client.platform.install import Branding, InstallError
from client.platform.install.linux import LinuxInstaller, desktop_entry, exec_argument


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A user account of its own: HOME in tmp_path, the XDG defaults below it."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(variable, raising=False)
    return home


@pytest.fixture
def download(home):
    path = home / "Downloads" / "fernhilfe"
    path.parent.mkdir()
    path.write_bytes(b"\x7fELF the client")
    path.chmod(0o700)
    return path


@pytest.fixture
def logo(tmp_path):
    path = tmp_path / "logo.png"
    path.write_bytes(b"\x89PNG logo")
    return path


def read_entry(path: Path) -> configparser.ConfigParser:
    entry = configparser.ConfigParser(interpolation=None, strict=True)
    entry.read_string(path.read_text(encoding="utf-8"))
    return entry


def files_below(folder: Path) -> set[Path]:
    return {path.relative_to(folder) for path in folder.rglob("*")}


def test_the_kept_client_goes_where_the_user_conventions_say(home):
    installer = LinuxInstaller.for_this_user()
    assert installer.layout.program == home / ".local" / "bin" / "fernhilfe"
    assert installer.desktop_file == home / ".local" / "share" / "applications" / "fernhilfe.desktop"
    assert installer.icon == home / ".local" / "share" / "Fernhilfe" / "fernhilfe.png"
    assert home / ".local" / "state" / "Fernhilfe" in installer.layout.client_dirs


def test_the_desktop_entry_follows_xdg_data_home(home, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    assert LinuxInstaller.for_this_user().desktop_file == home / "data" / "applications" / "fernhilfe.desktop"


def test_keeping_copies_the_client_and_adds_a_menu_entry(home, download, logo):
    installer = LinuxInstaller.for_this_user()
    assert not installer.is_installed()
    installer.install(download, Branding("Beispiel GmbH", logo))

    program = installer.layout.program
    assert installer.is_installed()
    assert program.read_bytes() == download.read_bytes()
    assert stat.S_IMODE(program.stat().st_mode) == 0o755
    assert download.exists(), "keeping copies; the download stays where the customer put it"
    assert installer.icon.read_bytes() == logo.read_bytes()
    entry = read_entry(installer.desktop_file)["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Fernhilfe"
    assert entry["Exec"] == f'"{program}"'
    assert entry["TryExec"] == str(program)
    assert entry["Icon"] == str(installer.icon)
    assert "Beispiel GmbH" in entry["Comment"]
    assert "Beispiel GmbH" in entry["Comment[de]"]
    assert "X-GNOME-Autostart-enabled" not in entry
    uninstall_action = read_entry(installer.desktop_file)["Desktop Action uninstall"]
    assert uninstall_action["Exec"] == f'"{program}" --uninstall'
    assert not (home / ".config" / "autostart").exists(), "a kept client never starts at login"
    assert not list(home.rglob(".*.part"))


def test_a_newer_download_replaces_the_kept_copy(home, download):
    installer = LinuxInstaller.for_this_user()
    installer.install(download, Branding("Beispiel GmbH", None))
    download.write_bytes(b"\x7fELF a newer client")
    installer.install(download, Branding("Beispiel GmbH", None))
    assert installer.layout.program.read_bytes() == b"\x7fELF a newer client"
    assert "Icon" not in read_entry(installer.desktop_file)["Desktop Entry"]


def test_the_kept_copy_keeping_itself_changes_nothing(home, download):
    installer = LinuxInstaller.for_this_user()
    installer.install(download, Branding("Beispiel GmbH", None))
    before = installer.layout.program.stat().st_mtime_ns
    installer.install(installer.layout.program, Branding("Beispiel GmbH", None))
    assert installer.layout.program.stat().st_mtime_ns == before


def test_uninstall_removes_the_client_its_entry_and_what_it_wrote(home, download, logo):
    before = files_below(home)
    installer = LinuxInstaller.for_this_user()
    installer.install(download, Branding("Beispiel GmbH", logo))
    log = home / ".local" / "state" / "Fernhilfe" / "log" / "client.log"
    log.parent.mkdir(parents=True)
    log.write_text("a kept client logs here\n")
    installer.uninstall(installer.layout.program)
    assert not installer.is_installed()
    # Only the shared XDG folders stay, empty, as every program's uninstaller leaves them.
    shared = (".local", ".local/bin", ".local/share", ".local/share/applications", ".local/state")
    assert files_below(home) - before == {Path(folder) for folder in shared}
    installer.uninstall(None)  # again: nothing left to do, and no error


def test_uninstall_keeps_other_programs_and_entries(home, download):
    installer = LinuxInstaller.for_this_user()
    other_program = installer.layout.program.with_name("other-tool")
    other_entry = installer.desktop_file.with_name("other.desktop")
    for path in (other_program, other_entry):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("not ours")
    installer.install(download, Branding("Beispiel GmbH", None))
    installer.uninstall(None)
    assert other_program.exists()
    assert other_entry.exists()


def test_a_download_that_is_not_kept_unlinks_itself(home, download):
    LinuxInstaller.for_this_user().remove_running(download)
    assert not download.exists()


def test_a_failed_copy_is_reported(home, download):
    installer = LinuxInstaller.for_this_user()
    installer.layout.program.parent.parent.mkdir(parents=True)
    installer.layout.program.parent.write_text("a file where the folder should be")
    with pytest.raises(InstallError, match="cannot keep Fernhilfe"):
        installer.install(download, Branding("Beispiel GmbH", None))


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/home/anna/.local/bin/fernhilfe", '"/home/anna/.local/bin/fernhilfe"'),
        ("/home/a b/fernhilfe", '"/home/a b/fernhilfe"'),
        ('/home/say "hi"/fernhilfe', r'"/home/say \\"hi\\"/fernhilfe"'),
        ("/home/$USER/`x`/fernhilfe", r'"/home/\\$USER/\\`x\\`/fernhilfe"'),
        ("/home/back\\slash/fernhilfe", r'"/home/back\\\\slash/fernhilfe"'),
        ("/home/100%/fernhilfe", '"/home/100%%/fernhilfe"'),
    ],
)
def test_exec_paths_are_quoted_as_the_specification_says(path, expected):
    assert exec_argument(Path(path)) == expected


def test_a_path_with_a_line_break_is_refused():
    with pytest.raises(InstallError, match="desktop entry"):
        desktop_entry(Path("/home/a\nb/fernhilfe"), None, "Beispiel GmbH")


def test_an_organisation_name_cannot_break_the_entry():
    text = desktop_entry(Path("/p/fernhilfe"), None, "Beispiel\nExec=/bin/evil GmbH")
    assert text.count("\nExec=") == 2
    assert "Beispiel Exec=/bin/evil GmbH" in text
