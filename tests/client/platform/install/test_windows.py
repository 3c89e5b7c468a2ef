"""Windows: the command lines and registry values the backend uses, checked on any system."""

import base64
from pathlib import PureWindowsPath

from client.platform.install.windows import (
    UNINSTALL_KEY,
    deferred_deletion_script,
    powershell_command,
    ps_quote,
    shortcut_script,
    uninstall_entry,
)

PROGRAM = r"C:\Users\O'Brien\AppData\Local\Programs\Fernhilfe\Fernhilfe.exe"


def decoded(command: list[str]) -> str:
    assert command[-2] == "-EncodedCommand"
    return base64.b64decode(command[-1]).decode("utf-16-le")


def test_single_quotes_expand_nothing_and_double_the_quote():
    assert ps_quote(r"C:\a $b `c") == r"'C:\a $b `c'"
    assert ps_quote("O'Brien") == "'O''Brien'"


def test_powershell_runs_hidden_without_profile_and_carries_the_script_encoded():
    command = powershell_command("Write-Output 'ä'")
    assert command[0] == "powershell.exe"
    assert {"-NoProfile", "-NonInteractive"} <= set(command)
    assert command[command.index("-WindowStyle") + 1] == "Hidden"
    assert decoded(command) == "Write-Output 'ä'"


def test_the_deferred_deletion_waits_for_the_bootloader_then_deletes_each_path():
    script = deferred_deletion_script(4242, [PROGRAM, r"C:\Temp\x"])
    lines = script.splitlines()
    wait = next(i for i, line in enumerate(lines) if line.startswith("Wait-Process -Id 4242"))
    delete = next(i for i, line in enumerate(lines) if "Remove-Item -LiteralPath $target" in line)
    assert wait < delete, "nothing is deleted before the bootloader has exited"
    assert "-Recurse -Force" in lines[delete]
    assert f"@({ps_quote(PROGRAM)}, 'C:\\Temp\\x')" in script


def test_the_shortcut_points_at_the_kept_client():
    shortcut = r"C:\Users\O'Brien\AppData\Roaming\Microsoft\Windows\Start Menu\Programs\Fernhilfe.lnk"
    script = shortcut_script(shortcut, PROGRAM, "Fernhilfe: remote support by Beispiel GmbH")
    assert f"CreateShortcut({ps_quote(shortcut)})" in script
    assert f"$link.TargetPath = {ps_quote(PROGRAM)}" in script
    assert f"$link.WorkingDirectory = {ps_quote(str(PureWindowsPath(PROGRAM).parent))}" in script
    assert script.rstrip().endswith("$link.Save()")


def test_apps_and_features_uninstalls_with_the_kept_client_itself():
    values = uninstall_entry(PROGRAM, "Beispiel GmbH", "0.1.0")
    assert UNINSTALL_KEY.endswith(r"CurrentVersion\Uninstall\Fernhilfe")
    assert values["UninstallString"] == f'"{PROGRAM}" --uninstall'
    assert values["Publisher"] == "Beispiel GmbH"
    assert values["NoModify"] == 1
    assert values["NoRepair"] == 1
    assert values["InstallLocation"] == str(PureWindowsPath(PROGRAM).parent)
