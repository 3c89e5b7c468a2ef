"""Who is at the other end of the helper's socket: the kernel's answer, read right."""

import os
import socket
import struct

import pytest

from client.admin_helper.peer import darwin_peer, peer_of


def test_on_linux_the_peer_is_this_process_and_user():
    ours, theirs = socket.socketpair()
    with ours, theirs:
        peer = peer_of(theirs)
    assert (peer.pid, peer.user) == (os.getpid(), str(os.getuid()))


def test_on_macos_uid_comes_from_xucred_and_pid_from_local_peerpid():
    xucred = struct.pack("IIh16I", 0, 501, 1, 20, *([0] * 15))
    peer = darwin_peer(xucred, struct.pack("i", 777))
    assert (peer.pid, peer.user, peer.session) == (777, "501", None)


def test_on_macos_a_truncated_answer_refuses_the_peer():
    with pytest.raises(OSError):
        darwin_peer(b"\0" * 8, struct.pack("i", 777))
