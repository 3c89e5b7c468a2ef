"""Frames of one PipeWire stream, read through a `gst-launch-1.0` subprocess.

The child inherits the portal's PipeWire fd and writes raw BGRA frames into a pipe of ours; with
`-v` it prints the negotiated caps, which give the frame size in physical pixels. A subprocess
instead of PyGObject: GStreamer with `pipewiresrc` is on every desktop that has a screen-cast
portal, while PyGObject cannot be bundled into the one-file client without the system's
introspection data. A reader thread keeps only the newest frame.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
from collections import deque

from client.platform.capture.base import CapturedImage, CaptureError, StreamResized

FIRST_FRAME_TIMEOUT_S = 10.0
_CAPS = re.compile(
    r"GstFdSink:out\.GstPad:sink: caps = video/x-raw.*?width=\(int\)(\d+), height=\(int\)(\d+)"
)


def pipeline(remote_fd: int, node_id: int, out_fd: int) -> list[str]:
    """The gst-launch command line: PipeWire node in, tightly packed BGRA out."""
    return [
        "gst-launch-1.0",
        "-v",
        "pipewiresrc",
        f"fd={remote_fd}",
        f"path={node_id}",
        "always-copy=true",
        "!",
        "videoconvert",
        "!",
        "video/x-raw,format=BGRA",
        "!",
        "fdsink",
        "name=out",
        f"fd={out_fd}",
        "sync=false",
    ]


def caps_size(line: str) -> tuple[int, int] | None:
    """The frame size in a `-v` caps line of our sink, or None for any other line."""
    match = _CAPS.search(line)
    return (int(match.group(1)), int(match.group(2))) if match else None


class PipeWireFrames:
    """The newest frame of one stream. `close()` ends the child; it takes ownership of `remote_fd`.

    Threading: `latest()` may be called from any one thread; two daemon threads read the child.
    """

    def __init__(self, remote_fd: int, node_id: int) -> None:
        gst = shutil.which("gst-launch-1.0")
        if gst is None:
            os.close(remote_fd)
            raise CaptureError("GStreamer (gst-launch-1.0 with the PipeWire plugin) is not installed")
        read_fd, write_fd = os.pipe()
        try:
            self._child = subprocess.Popen(
                pipeline(remote_fd, node_id, write_fd),
                pass_fds=(remote_fd, write_fd),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
        finally:
            os.close(write_fd)
            os.close(remote_fd)
        self._frames = os.fdopen(read_fd, "rb", buffering=0)
        self._changed = threading.Condition()
        self._size: tuple[int, int] | None = None
        self._resized = False
        self._frame: bytearray | None = None
        self._output: deque[str] = deque(maxlen=8)
        self._closed = False
        self._log_reader = threading.Thread(target=self._read_output, name="fernhilfe-gst-log", daemon=True)
        self._log_reader.start()
        threading.Thread(target=self._read_frames, name="fernhilfe-gst-frames", daemon=True).start()

    def latest(self) -> CapturedImage:
        """The newest frame; waits for the first one. Raises `CaptureError` if the stream ended or
        never started, and `StreamResized` once it changed size: the frames in our pipe can no
        longer be told apart, so the caller reads the stream afresh."""
        with self._changed:
            ready = self._changed.wait_for(
                lambda: self._frame is not None or self._closed, timeout=FIRST_FRAME_TIMEOUT_S
            )
            if self._resized:
                raise StreamResized("the shared screen changed its size")
            if self._frame is None or self._size is None:
                why = "ended" if ready else f"sent no frame in {FIRST_FRAME_TIMEOUT_S:g} s"
                raise CaptureError(f"the PipeWire stream {why}: {' | '.join(self._output)}")
            width, height = self._size
            return CapturedImage(width, height, self._frame)

    def close(self) -> None:
        if self._child.poll() is None:
            self._child.terminate()
            try:
                self._child.wait(timeout=2.0)
            except subprocess.TimeoutExpired:
                self._child.kill()
                self._child.wait()
        self._log_reader.join(timeout=2.0)
        if self._child.stdout is not None:
            self._child.stdout.close()
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    def _read_output(self) -> None:
        assert self._child.stdout is not None
        for line in self._child.stdout:
            self._output.append(line.strip())
            size = caps_size(line)
            if size is None:
                continue
            with self._changed:
                if self._size is None:
                    self._size = size
                elif size != self._size:
                    self._resized = True
                self._changed.notify_all()

    def _read_frames(self) -> None:
        try:
            while True:
                with self._changed:
                    self._changed.wait_for(lambda: self._size is not None or self._closed)
                    if self._closed or self._size is None:
                        return
                    width, height = self._size
                frame = self._read_exactly(width * height * 4)
                if frame is None:
                    return
                with self._changed:
                    self._frame = frame
                    self._changed.notify_all()
        finally:
            self._frames.close()
            with self._changed:
                self._closed = True
                self._changed.notify_all()

    def _read_exactly(self, size: int) -> bytearray | None:
        buffer = bytearray(size)
        view = memoryview(buffer)
        done = 0
        while done < size:
            count = self._frames.readinto(view[done:])
            if not count:
                return None
            done += count
        return buffer
