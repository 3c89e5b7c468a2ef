"""Runs one command line as the helper's (administrator) user and streams what it prints.

Threads: `start` spawns one reader thread per stream and one waiter; callbacks come from those
threads. `kill` may be called from any thread.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import IO

from client.admin_helper.wire import READ_CHUNK_BYTES

OnOutput = Callable[[str, str], None]
"""(stream, text) — "stdout" or "stderr"."""
OnExit = Callable[[int], None]


def shell_argv(command: str) -> list[str]:
    """How the system shell runs one command line (docs/protocol.md, "Administrator rights")."""
    if sys.platform == "win32":
        return [os.environ.get("COMSPEC", "cmd.exe"), "/c", command]
    else:
        return ["/bin/sh", "-c", command]


class CommandRun:
    """One running command. `on_exit` is called once, after all its output was passed on."""

    def __init__(self, command: str, on_output: OnOutput, on_exit: OnExit) -> None:
        self._on_output = on_output
        self._on_exit = on_exit
        self._process = subprocess.Popen(
            shell_argv(command),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=os.path.abspath(os.sep),
            start_new_session=sys.platform != "win32",
        )
        assert self._process.stdout is not None and self._process.stderr is not None
        self._readers = [
            threading.Thread(target=self._read, args=("stdout", self._process.stdout), daemon=True),
            threading.Thread(target=self._read, args=("stderr", self._process.stderr), daemon=True),
        ]
        for reader in self._readers:
            reader.start()
        threading.Thread(target=self._wait, daemon=True).start()

    def _read(self, stream: str, pipe: IO[bytes]) -> None:
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        with pipe:
            while chunk := pipe.read1(READ_CHUNK_BYTES):  # type: ignore[attr-defined]
                text = decoder.decode(chunk)
                if text:
                    self._on_output(stream, text)
        rest = decoder.decode(b"", final=True)
        if rest:
            self._on_output(stream, rest)

    def _wait(self) -> None:
        status = self._process.wait()
        for reader in self._readers:
            reader.join()
        self._on_exit(status)

    def kill(self) -> None:
        """Stop the command and everything it started (its process group), at once."""
        if self._process.poll() is not None:
            return
        if sys.platform == "win32":
            self._process.kill()
        else:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self._process.pid, signal.SIGKILL)
