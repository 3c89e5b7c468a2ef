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


def darwin_peer(xucred: bytes, peer_pid: bytes) -> Peer:
    """The peer from the raw `LOCAL_PEERCRED` and `LOCAL_PEERPID` answers (OSError if short)."""
    if len(xucred) < _XUCRED.size or len(peer_pid) < 4:
        raise OSError("the kernel's peer credentials are truncated")
    _, uid, *_ = _XUCRED.unpack(xucred[: _XUCRED.size])
    return Peer(pid=struct.unpack("i", peer_pid[:4])[0], user=str(uid))


def peer_of(connection: socket.socket) -> Peer:
    """Raises OSError when the kernel cannot say (then the peer is refused)."""
    if sys.platform == "darwin":
        return darwin_peer(
            connection.getsockopt(_SOL_LOCAL, _LOCAL_PEERCRED, _XUCRED.size),
            connection.getsockopt(_SOL_LOCAL, _LOCAL_PEERPID, 4),
        )
    elif sys.platform == "linux":
        pid, uid, _ = _LINUX_UCRED.unpack(connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12))
        return Peer(pid=pid, user=str(uid))
    else:
        raise OSError("peer credentials of a Unix socket are not available on this system")
