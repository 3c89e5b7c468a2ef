"""What each elevation backend decides without the operating system: commands, quoting, and
telling a dismissed prompt from a failure."""

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from client.platform.elevate import base, linux, macos, windows
from client.platform.elevate.base import HelperRequest, helper_program, write_token
from client.platform.elevate.fake import FakeElevator

REQUEST = HelperRequest(Path("/run/user/1000/fernhilfe-admin-x"), 1000, 1000, 4242, "ab" * 32)


def test_the_helper_request_names_folder_user_and_client_but_not_the_token():
    arguments = REQUEST.arguments()
    assert arguments == [
        "--dir",
        "/run/user/1000/fernhilfe-admin-x",
        "--uid",
        "1000",
        "--gid",
        "1000",
        "--client-pid",
        "4242",
    ]
    assert REQUEST.token not in " ".join(arguments), "command lines are visible to every user"
    assert REQUEST.arguments(Path("/x/token"))[-2:] == ["--token-file", "/x/token"]


def test_on_windows_the_request_names_the_clients_user_by_sid():
    sid = "S-1-5-21-1004336348-1177238915-682003330-1001"
    request = HelperRequest(Path(r"C:\Temp\fernhilfe-admin-x"), 0, 0, 4242, "ab" * 32, user_sid=sid)
    arguments = request.arguments(Path(r"C:\Temp\fernhilfe-admin-x\token"))
    assert arguments[-4:] == ["--user-sid", sid, "--token-file", r"C:\Temp\fernhilfe-admin-x\token"]
    assert "--user-sid" not in REQUEST.arguments()


def test_from_source_the_helper_runs_isolated_from_the_environment():
    program = helper_program(False, "/usr/bin/python3.11", Path("/src"))
    assert program == ["/usr/bin/python3.11", "-I", "/src/client/admin_helper/__main__.py"]


def test_a_built_client_is_its_own_helper_in_helper_mode():
    program = helper_program(True, "/home/anna/Downloads/fernhilfe", Path("/src"))
    assert program == ["/home/anna/Downloads/fernhilfe", "--admin-helper"]


def test_the_token_file_is_new_and_private(tmp_path):
    request = HelperRequest(tmp_path, 1, 1, 1, "cd" * 32)
    path = write_token(request)
    assert path.read_text() == "cd" * 32
    assert path.stat().st_mode & 0o777 == 0o600
    with pytest.raises(FileExistsError):
        write_token(request)


def test_linux_puts_the_launcher_before_the_helper():
    elevator = linux.LinuxElevator(("sudo", "-n"))
    command = elevator.command(["/usr/bin/python3", "-I", "/h.py"], REQUEST)
    assert command[:5] == ["sudo", "-n", "/usr/bin/python3", "-I", "/h.py"]
    assert linux.LinuxElevator().launcher == ("pkexec",)
    with pytest.raises(ValueError):
        linux.LinuxElevator(())


@pytest.mark.parametrize(("code", "dismissed"), [(126, True), (127, False), (1, False)])
def test_linux_exit_126_is_a_dismissed_prompt(code, dismissed):
    assert linux.failure_for(code).dismissed is dismissed


def test_linux_reports_a_missing_launcher_as_a_failure():
    with pytest.raises(base.ElevationError) as caught:
        linux.LinuxElevator(("/nonexistent/pkexec",)).launch(["true"], REQUEST)
    assert not caught.value.dismissed


def test_linux_hands_the_token_over_on_standard_input(tmp_path):
    out = tmp_path / "seen"
    launch = linux.LinuxElevator(("sh", "-c", f"cat > '{out}'", "launcher")).launch(["helper"], REQUEST)
    while launch.exit_code() is None:
        pass
    assert out.read_text() == REQUEST.token + "\n"
    assert launch.exit_code() == 0
    launch.close()


def test_macos_quotes_the_command_for_the_shell_inside_applescript():
    command = ["/Applications/Fernhilfe.app/Contents/MacOS/fernhilfe-admin-helper", "--dir", 'a "b" \\c $d']
    script = macos.apple_script(command)
    assert script.startswith('do shell script "') and script.endswith('" with administrator privileges')
    literal = script[len('do shell script "') : -len('" with administrator privileges')]
    unescaped = literal.replace('\\"', '"').replace("\\\\", "\\")
    assert shlex.split(unescaped) == command


@pytest.mark.parametrize(
    ("stderr", "dismissed"),
    [("execution error: User canceled. (-128)", True), ("execution error: not allowed (-60007)", False)],
)
def test_macos_a_cancelled_password_dialog_is_a_dismissed_prompt(stderr, dismissed):
    assert macos.failure_for(1, stderr).dismissed is dismissed




def test_windows_quotes_parameters_as_the_c_runtime_splits_them():
    arguments = ["--dir", r"C:\Users\Jörg Müller\AppData\Local\Temp\fh x", "--token-file", 'a"b']
    assert windows.parameters(arguments) == subprocess.list2cmdline(arguments)
    assert '"C:\\Users\\Jörg Müller\\AppData\\Local\\Temp\\fh x"' in windows.parameters(arguments)


@pytest.mark.parametrize(("code", "dismissed"), [(1223, True), (5, False)])
def test_windows_a_cancelled_uac_prompt_is_a_dismissed_prompt(code, dismissed):
    assert windows.failure_for_error(code).dismissed is dismissed


def test_the_fake_records_launches_and_can_dismiss():
    fake = FakeElevator(dismiss=True)
    launch = fake.launch([sys.executable, "-c", "pass"], REQUEST)
    assert fake.launches == [[sys.executable, "-c", "pass", *REQUEST.arguments()]]
    while launch.exit_code() is None:
        pass
    assert launch.exit_code() == 126 and launch.failure().dismissed
    launch.close()
