"""The Windows pipe's name and security descriptor: only the client's user, only a sane name."""

import pytest

from client.admin_helper.pipe_policy import check_sid, pipe_name, security_descriptor

SID = "S-1-5-21-1004336348-1177238915-682003330-1001"


def test_the_pipe_is_named_after_the_clients_private_folder():
    folder = r"C:\Users\anna\AppData\Local\Temp\fernhilfe-admin-k2x9_q7a"
    assert pipe_name(folder) == r"\\.\pipe\fernhilfe-admin-k2x9_q7a"


@pytest.mark.parametrize("folder", [r"C:\Temp\a\..", "C:\\", r"C:\Temp\short", r"C:\Temp\has space-xxxxxx"])
def test_a_folder_name_that_cannot_name_a_pipe_is_refused(folder):
    with pytest.raises(ValueError):
        pipe_name(folder)


def test_only_the_clients_user_may_open_the_pipe():
    assert security_descriptor(SID) == f"D:P(A;;GA;;;{SID})"


@pytest.mark.parametrize("sid", ["", "S-1-5", "S-1-5-21-1)(A;;GA;;;WD", "WD", "s-1-5-18"])
def test_anything_but_a_sid_is_refused_before_it_reaches_the_descriptor(sid):
    with pytest.raises(ValueError):
        check_sid(sid)
