"""Run the server: TLS files, store, broker and app on uvicorn, with a clean shutdown on SIGTERM/SIGINT."""

from __future__ import annotations

import asyncio
import gc
import ipaddress
import logging
import signal
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from protocol import limits
from server import organisation_key
from server.core.broker import Broker
from server.core.identity import IdentityPolicy
from server.core.numbers import NUMBER_TTL_SECONDS
from server.recording.purge import PURGE_EVERY_SECONDS, purge
from server.recording.recorder import DEFAULT_INTERVAL_SECONDS, Recorder
from server.recording.vault import Vault
from server.store.saved_sessions import SavedSessions
from server.store.sqlite import SqliteStore
from server.web.app import create_app
from server.web.hub import SHUTDOWN_GRACE_SECONDS, Hub
from server.web.tls import TlsFiles, ensure_tls
from server.web.tls_policy import apply_tls_policy

log = logging.getLogger("fernhilfe.server")

TRANSPORT_SLACK_BYTES = 1024 * 1024
"""The WebSocket layer cuts off messages this far over the protocol's limit without reading them; the
broker refuses the ones in between with an `error` first, which a client can actually read."""


@dataclass(frozen=True)
class ServeOptions:
    data_dir: Path
    host: str = "127.0.0.1"
    port: int = 8443
    retention_days: int = 90
    screenshot_interval: float = DEFAULT_INTERVAL_SECONDS
    allowed_tiers: tuple[int, ...] = (1, 2, 3)
    number_ttl: float = NUMBER_TTL_SECONDS


class _Server(uvicorn.Server):
    """uvicorn, plus: announce the address once listening, end sessions before connections drop."""

    def __init__(self, config: uvicorn.Config, hub: Hub, announcement: str) -> None:
        super().__init__(config)
        self._hub = hub
        self._announcement = announcement

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started:
            _settle_garbage_collection()
            sys.stdout.write(self._announcement)
            sys.stdout.flush()

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        await self._hub.shutdown()
        await super().shutdown(sockets)


GC_THRESHOLDS = (20_000, 20, 20)
"""Young generations large enough that a relayed frame's objects die before promotion: with the
default 700, they reached the old generation, whose full collections (150 ms with 1,000 sessions
live) then came every few seconds of streaming and held every relayed frame."""


def _settle_garbage_collection() -> None:
    """Move what start-up made (modules, the app) out of the collector's sight, since it lives as
    long as the process, and size the generations for a relay (see `GC_THRESHOLDS`)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def serve(options: ServeOptions) -> int:
    """Serve until SIGTERM or SIGINT; returns the process exit code."""
    data_dir = options.data_dir.resolve()
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    tls = ensure_tls(data_dir, options.host)
    store = SqliteStore.open(data_dir)
    listener = bind_listener(options.host, options.port)
    org_key = organisation_key.load_or_create(data_dir)
    identity = IdentityPolicy(sign=org_key.sign, allowed_tiers=options.allowed_tiers)
    broker = Broker(
        time.time,
        recorded=True,
        retention_days=options.retention_days,
        identity=identity,
        number_ttl_s=options.number_ttl,
    )
    recorder = Recorder(Vault(data_dir), options.screenshot_interval)
    saved = SavedSessions(data_dir)
    hub = Hub(broker, store, time.time, recorder, saved)
    snapshots, last_alive = saved.load()
    now = time.time()
    restored = hub.restore(snapshots, min(now, last_alive or now))
    left_open = store.end_unfinished_sessions(now, "server_shutdown", kept=frozenset(restored))
    if left_open:
        log.warning("ended %d session(s) a previous run left open", left_open)

    async def purge_forever() -> None:
        """Destroy expired recordings now and every `PURGE_EVERY_SECONDS`, off the event loop."""
        while True:
            try:
                await asyncio.to_thread(purge, data_dir, time.time(), options.retention_days, "server")
            except Exception:
                log.exception("purging expired recordings failed; trying again later")
            await asyncio.sleep(PURGE_EVERY_SECONDS)

    config = uvicorn.Config(
        create_app(hub, store, time.time, background=[purge_forever]),
        ssl_certfile=tls.cert,
        ssl_keyfile=tls.key,
        ws="websockets-sansio",
        ws_max_size=limits.MAX_BINARY_MESSAGE_BYTES + TRANSPORT_SLACK_BYTES,
        ws_per_message_deflate=False,
        lifespan="on",
        log_config=None,
        server_header=False,
        proxy_headers=False,
        timeout_graceful_shutdown=int(SHUTDOWN_GRACE_SECONDS),
    )
    config.load()
    assert config.ssl is not None, "uvicorn made no TLS context from the certificate files"
    apply_tls_policy(config.ssl)
    server = _Server(
        config,
        hub,
        _announcement(
            options.host, listener.getsockname()[1], tls, organisation_key.public_key_text(org_key)
        ),
    )
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, _after_shutdown)
    try:
        server.run(sockets=[listener])
    finally:
        store.close()
    return 0


def _after_shutdown(signum: int, _frame: object) -> None:
    """uvicorn re-raises the signal that stopped it once it is done; by then there is nothing left to do."""
    log.info("stopped by %s", signal.Signals(signum).name)


def bind_listener(host: str, port: int) -> socket.socket:
    """The listening socket, made with the protocol number spelled out: asyncio turns Nagle's
    algorithm off (TCP_NODELAY) only on sockets whose `proto` says TCP, and one made with 0 passes
    that on to every connection it accepts. With Nagle on, a relayed input event waited for the
    customer's next message to carry the acknowledgement (17 ms instead of 2.5, docs/benchmarks.md)."""
    family = socket.AF_INET6 if _is_ipv6(host) else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, port))
    return listener


def _is_ipv6(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).version == 6
    except ValueError:
        return False


def _announcement(host: str, port: int, tls: TlsFiles, org_key: str) -> str:
    shown = f"[{host}]" if _is_ipv6(host) else host
    return (
        f"Fernhilfe server listening on https://{shown}:{port}/\n"
        f"CA certificate: {tls.ca_cert}\n"
        f"CA pin (SHA-256): {tls.pin}\n"
        f"Organisation key: {org_key}\n"
    )
