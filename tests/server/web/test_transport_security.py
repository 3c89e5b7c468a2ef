"""Checked from outside with `ssl` and plain HTTP: TLS 1.2+ only, no weak suites, and the console's
security headers on every response."""

import socket
import ssl
import warnings
from collections.abc import Iterator

import httpx
import pytest

from server.web.tls_policy import TLS12_CIPHERS
from tests.support.server_process import ServerProcess, ssl_context


@pytest.fixture(scope="module")
def running(tmp_path_factory) -> Iterator[ServerProcess]:
    with ServerProcess(tmp_path_factory.mktemp("tls") / "server-data") as server:
        yield server


def handshake(server: ServerProcess, context: ssl.SSLContext) -> tuple[str, str]:
    """Connect and finish the TLS handshake; returns (protocol version, cipher suite)."""
    with (
        socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw,
        context.wrap_socket(raw, server_hostname="127.0.0.1") as tls,
    ):
        version, cipher = tls.version(), tls.cipher()
        assert version is not None and cipher is not None
        return version, cipher[0]


def client(server: ServerProcess, version: ssl.TLSVersion, ciphers: str | None = None) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.load_verify_locations(cafile=str(server.ca_path))
    context.minimum_version = context.maximum_version = version
    if ciphers is not None:
        context.set_ciphers(ciphers)
    return context


@pytest.mark.parametrize("version", [ssl.TLSVersion.TLSv1, ssl.TLSVersion.TLSv1_1])
def test_tls_below_1_2_is_refused(running, version):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        old = client(running, version, "ALL:@SECLEVEL=0")
    with pytest.raises(ssl.SSLError) as refused:
        handshake(running, old)
    assert "NO_PROTOCOLS_AVAILABLE" not in str(refused.value), "the client could not even offer it"


def test_tls_1_3_is_spoken(running):
    assert handshake(running, client(running, ssl.TLSVersion.TLSv1_3))[0] == "TLSv1.3"


def test_tls_1_2_chooses_a_forward_secret_aead_suite(running):
    version, cipher = handshake(running, client(running, ssl.TLSVersion.TLSv1_2, "ALL:@SECLEVEL=0"))
    assert version == "TLSv1.2" and cipher in TLS12_CIPHERS.split(":")


@pytest.mark.parametrize(
    "weak",
    [
        "ECDHE-ECDSA-AES128-SHA",
        "ECDHE-ECDSA-AES256-SHA",
        "ECDHE-ECDSA-AES128-SHA256",
        "ECDHE-ECDSA-AES256-SHA384",
        "AES128-GCM-SHA256",
        "aNULL:eNULL:EXPORT:DES:3DES:RC4:MD5:PSK:@SECLEVEL=0",
    ],
)
def test_weak_tls_1_2_suites_are_refused(running, weak):
    with pytest.raises(ssl.SSLError):
        handshake(running, client(running, ssl.TLSVersion.TLSv1_2, weak))


def test_the_weak_suites_would_work_without_the_policy_so_the_refusals_mean_something():
    """The local OpenSSL offers the CBC suites refused above (else those tests could not fail)."""
    offered = set(client_ciphers("ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES128-SHA256"))
    assert offered == {"ECDHE-ECDSA-AES128-SHA", "ECDHE-ECDSA-AES128-SHA256"}


def client_ciphers(ciphers: str) -> list[str]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.set_ciphers(ciphers)
    return [c["name"] for c in context.get_ciphers() if c["protocol"] != "TLSv1.3"]


@pytest.mark.parametrize("path", ["/", "/js/main.js", "/style.css", "/api/me", "/openapi.json", "/missing"])
def test_every_response_carries_the_security_headers(running, path):
    with httpx.Client(base_url=running.url, verify=ssl_context(running.ca_path)) as http:
        headers = http.get(path).headers
    policy = {
        d.split()[0]: d.split()[1:]
        for d in (p.strip() for p in headers["content-security-policy"].split(";"))
    }
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == ["'self'"] and policy["connect-src"] == ["'self'"]
    assert policy["base-uri"] == ["'none'"]
    assert (
        headers["strict-transport-security"].startswith("max-age=")
        and int(headers["strict-transport-security"].split("=")[1]) >= 15_552_000
    )
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
