"""A loopback TCP proxy that breaks the network on command: delay, cut, reset, half-open, slow links.

It sits between the real client and the real server (TLS passes through untouched) and runs its
own asyncio loop on a thread, so it keeps working while the test's Qt loop waits::

    with FaultProxy(server.port) as proxy:
        app = start_customer(proxy.ws_url, server.ca_path, qtbot, number)
        proxy.rate_bytes_per_s = 125_000   # 1 Mbit/s, both directions
        proxy.block()                      # new connections are closed at once (server unreachable)
        proxy.cut()                        # close every open link (FIN both ways)
        proxy.reset()                      # or: abort them with a TCP RST
        proxy.hold()                       # or: half-open — links stay up, nothing is forwarded
        proxy.unblock(); proxy.release()   # the network is back

`source` binds the proxy's connections to the server to another loopback address (127.0.0.2),
so the server sees the client coming from a different address.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType

CHUNK = 16 * 1024


@dataclass
class _Link:
    """One client connection and the proxy's connection to the server for it."""

    writers: list[asyncio.StreamWriter] = field(default_factory=list)
    forwarded: int = 0


class FaultProxy:
    """`127.0.0.1:port` forwarding to `127.0.0.1:target_port`; every fault applies to both directions."""

    def __init__(self, target_port: int, *, source: str | None = None) -> None:
        self.target_port = target_port
        self.source = source
        self.port = 0
        self.delay_s = 0.0
        self.rate_bytes_per_s: float | None = None
        self.accepted = 0
        self._blocked = False
        self._held = False
        self._links: list[_Link] = []
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.Server | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, name="fault-proxy", daemon=True)

    @property
    def ws_url(self) -> str:
        return f"wss://127.0.0.1:{self.port}"

    @property
    def forwarded(self) -> int:
        """Bytes forwarded so far over all links, both directions."""
        return sum(link.forwarded for link in self._links)

    def start(self) -> FaultProxy:
        self._thread.start()
        self._server = asyncio.run_coroutine_threadsafe(self._listen(), self._loop).result(5)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    def stop(self) -> None:
        self.cut()
        server = self._server
        if server is not None:
            self._on_loop(server.close)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        self._loop.close()

    def block(self) -> None:
        """New connections are accepted and closed at once, as if the server were unreachable."""
        self._blocked = True

    def unblock(self) -> None:
        self._blocked = False

    def hold(self) -> None:
        """Half-open: every link stays connected but nothing more is forwarded (new ones too)."""
        self._held = True

    def release(self) -> None:
        """Forward again; the links held meanwhile are dropped (their peers gave up on them)."""
        self._held = False
        self.reset()

    def cut(self) -> None:
        """Close every open link in both directions (FIN)."""
        self._on_loop(lambda: self._close_all(abort=False))

    def reset(self) -> None:
        """Abort every open link with a TCP RST in both directions."""
        self._on_loop(lambda: self._close_all(abort=True))

    async def _listen(self) -> asyncio.Server:
        return await asyncio.start_server(self._accept, "127.0.0.1", 0)

    async def _accept(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        self.accepted += 1
        if self._blocked:
            client_writer.close()
            return
        local = (self.source, 0) if self.source else None
        try:
            server_reader, server_writer = await asyncio.open_connection(
                "127.0.0.1", self.target_port, local_addr=local
            )
        except OSError:
            client_writer.close()
            return
        link = _Link([client_writer, server_writer])
        self._links.append(link)
        await asyncio.gather(
            self._pipe(client_reader, server_writer, link),
            self._pipe(server_reader, client_writer, link),
        )

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, link: _Link) -> None:
        with contextlib.suppress(OSError, asyncio.IncompleteReadError):
            while True:
                await self._while_held()
                data = await reader.read(CHUNK)
                if not data:
                    break
                await self._while_held()
                if self.delay_s:
                    await asyncio.sleep(self.delay_s)
                if self.rate_bytes_per_s:
                    await asyncio.sleep(len(data) / self.rate_bytes_per_s)
                if writer.is_closing():
                    break
                writer.write(data)
                link.forwarded += len(data)
                await writer.drain()
        with contextlib.suppress(OSError):
            writer.close()

    async def _while_held(self) -> None:
        while self._held:
            await asyncio.sleep(0.01)

    def _close_all(self, abort: bool) -> None:
        for link in self._links:
            for writer in link.writers:
                if abort:
                    sock = writer.get_extra_info("socket")
                    if sock is not None:
                        with contextlib.suppress(OSError):
                            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    writer.transport.abort()
                else:
                    writer.close()

    def _on_loop(self, action: Callable[[], None]) -> None:
        done = threading.Event()

        def run() -> None:
            try:
                action()
            finally:
                done.set()

        self._loop.call_soon_threadsafe(run)
        done.wait(5)

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()
