"""`fernhilfe --uninstall` removes a kept client completely and says what it did."""

import pytest

from client.__main__ import _uninstall, main
from client.platform.install import Branding
from client.platform.install.fake import FakeInstaller
from client.platform.install.linux import LinuxInstaller


def test_a_kept_client_is_removed_and_the_customer_is_told(capsys):
    installer = FakeInstaller()
    installer.installed = True
    assert _uninstall(installer, installer.layout.program) == 0
    assert installer.calls == [("uninstall", installer.layout.program)]
    assert "has been removed from this computer" in capsys.readouterr().out


def test_without_a_kept_client_it_still_cleans_up_and_says_so(capsys):
    installer = FakeInstaller()
    assert _uninstall(installer, None) == 0
    assert installer.calls == [("uninstall", None)]
    assert "was not kept on this computer" in capsys.readouterr().out


def test_a_failure_is_reported_with_a_non_zero_exit(capsys, qapp):
    """`qapp`: the message needs a Qt application, and one made here, a bare QCoreApplication,
    would outlive the test and break every later widget test in this process."""
    installer = FakeInstaller(failure="permission denied")
    assert _uninstall(installer, None) == 1
    assert "permission denied" in capsys.readouterr().err


def test_the_command_removes_a_kept_linux_client(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HOME", str(tmp_path))
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(variable, raising=False)
    download = tmp_path / "fernhilfe"
    download.write_bytes(b"\x7fELF")
    installer = LinuxInstaller.for_this_user()
    installer.install(download, Branding("Beispiel GmbH", None))
    assert main(["--uninstall"]) == 0
    assert not installer.layout.program.exists()
    assert not installer.desktop_file.exists()
    assert "has been removed" in capsys.readouterr().out


def test_the_option_is_documented(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "--uninstall" in capsys.readouterr().out
