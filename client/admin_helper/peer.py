"""The credentials of the process at the other end of a Unix socket, from the kernel.

Linux: `SO_PEERCRED`; macOS: `LOCAL_PEERCRED` (uid) and `LOCAL_PEERPID`. Windows uses a named
pipe and `GetNamedPipeClientProcessId` instead (not here).
"""

from __future__ import annotations

import socket
import struct
import sys

from client.admin_helper.gate import Peer

_LINUX_UCRED = struct.Struct("3i")
"""struct ucred: pid, uid, gid."""
_SOL_LOCAL = 0
_LOCAL_PEERCRED = 0x001
_LOCAL_PEERPID = 0x002
_XUCRED = struct.Struct("IIh16I")
"""struct xucred: version, uid, ngroups, groups[16]."""


def peer_of(connection: socket.socket) -> Peer:
    """Raises OSError when the kernel cannot say (then the peer is refused)."""
    if sys.platform == "darwin":
        raw = connection.getsockopt(_SOL_LOCAL, _LOCAL_PEERCRED, _XUCRED.size)
        _, uid, *_ = _XUCRED.unpack(raw[: _XUCRED.size].ljust(_XUCRED.size, b"\0"))
        pid = struct.unpack("i", connection.getsockopt(_SOL_LOCAL, _LOCAL_PEERPID, 4)[:4])[0]
        return Peer(pid=pid, user=str(uid))
    elif sys.platform == "linux":
        pid, uid, _ = _LINUX_UCRED.unpack(connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12))
        return Peer(pid=pid, user=str(uid))
    else:
        raise OSError("peer credentials of a Unix socket are not available on this system")
