"""Windows elevates only the one-dir helper an administrator installed under Program Files:
never the downloaded one-file client, never a file in a folder the user can write."""

import pytest

from client.platform.elevate.windows_location import installed_helper, location_refusal

PROGRAM_FILES = r"C:\Program Files"
HELPER = r"C:\Program Files\Fernhilfe\admin-helper\fernhilfe-admin-helper.exe"
USER = [r"C:\Users\anna", r"C:\Users\anna\AppData\Local", r"C:\Users\anna\AppData\Local\Temp"]
DOWNLOAD = r"C:\Users\anna\Downloads\Fernhilfe.exe"


def test_the_helper_is_installed_in_its_own_folder_under_program_files():
    assert str(installed_helper(PROGRAM_FILES)) == HELPER


def test_the_installed_helper_may_be_elevated_whatever_the_case_of_its_path():
    assert location_refusal(HELPER, PROGRAM_FILES, USER, DOWNLOAD) is None
    assert location_refusal(HELPER.upper(), r"c:\program files", USER, DOWNLOAD) is None


@pytest.mark.parametrize(
    ("helper", "reason"),
    [
        (r"C:\Users\anna\Downloads\fernhilfe-admin-helper.exe", "Program Files"),
        (r"C:\Program Files\..\Users\anna\fernhilfe-admin-helper.exe", "absolute"),
        (r"\\server\share\Program Files\fernhilfe-admin-helper.exe", "absolute"),
        (r"Fernhilfe\admin-helper\fernhilfe-admin-helper.exe", "absolute"),
        (r"C:\Program Files\Fernhilfe\admin-helper\cmd.exe", "not the administrator helper"),
        (r"C:\Program Files Evil\fernhilfe-admin-helper.exe", "Program Files"),
    ],
    ids=["downloads", "dot_dot", "network_share", "relative", "other_program", "lookalike_folder"],
)
def test_anything_else_is_refused(helper, reason):
    assert reason in str(location_refusal(helper, PROGRAM_FILES, USER, DOWNLOAD))


def test_the_one_file_client_is_never_elevated_even_if_it_were_named_like_the_helper():
    client = r"C:\Program Files\Fernhilfe\fernhilfe-admin-helper.exe"
    assert "never elevated" in str(location_refusal(client, PROGRAM_FILES, USER, client))


def test_a_user_writable_folder_inside_program_files_is_refused():
    writable = [*USER, r"C:\Program Files\Fernhilfe"]
    assert "the user can change" in str(location_refusal(HELPER, PROGRAM_FILES, writable, DOWNLOAD))
