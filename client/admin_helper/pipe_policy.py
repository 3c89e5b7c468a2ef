"""What the Windows named pipe is called and who may open it: pure, so it is tested anywhere.

The name carries the random part of the client's private folder (from `mkdtemp`), which no other
user knows before the helper exists; the helper creates it as the first and only instance, so a
pipe someone else created first makes the helper fail instead of sharing the name. The security
descriptor's protected DACL grants access to the client's user alone: not even other
administrators or SYSTEM may open it (the helper holds its own handle as the creator).
"""

from __future__ import annotations

import re
from pathlib import PureWindowsPath

PIPE_PREFIX = "\\\\.\\pipe\\"
_SID = re.compile(r"S-1-\d+(-\d+){1,14}")
_FOLDER = re.compile(r"[A-Za-z0-9_.-]{8,200}")


def pipe_name(folder: str) -> str:
    """`\\\\.\\pipe\\<folder name>` for the client's private folder; ValueError for odd names."""
    name = PureWindowsPath(folder).name
    if not _FOLDER.fullmatch(name):
        raise ValueError(f"the private folder {folder!r} has no usable name for a pipe")
    return PIPE_PREFIX + name


def check_sid(sid: str) -> str:
    """A user's SID in its string form (`S-1-5-21-…`), or ValueError: it goes into SDDL."""
    if not _SID.fullmatch(sid):
        raise ValueError(f"{sid!r} is not a SID")
    return sid


def security_descriptor(user_sid: str) -> str:
    """SDDL: a protected DACL with one entry, generic all for the client's user."""
    return f"D:P(A;;GA;;;{check_sid(user_sid)})"
