"""The server's CA and certificate: made once, reused, re-issued for a new host, pinned by SHA-256."""

import hashlib
import ssl
import stat

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from server.web.tls import CA_CERT, CA_KEY, SERVER_CERT, SERVER_KEY, ca_pin, ensure_tls


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def san(path):
    leaf = x509.load_pem_x509_certificates(path.read_bytes())[0]
    names = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    return {str(n) for n in names.get_values_for_type(x509.DNSName)} | {
        str(ip) for ip in names.get_values_for_type(x509.IPAddress)
    }


def test_first_start_creates_a_ca_and_a_server_certificate_it_signs(tmp_path):
    files = ensure_tls(tmp_path, "127.0.0.1")
    assert files.ca_cert == tmp_path / CA_CERT
    assert mode(tmp_path / CA_KEY) == 0o600 and mode(tmp_path / SERVER_KEY) == 0o600
    ca = x509.load_pem_x509_certificate((tmp_path / CA_CERT).read_bytes())
    assert files.pin == hashlib.sha256(ca.public_bytes(Encoding.DER)).hexdigest()
    assert len(files.pin) == 64 and files.pin == files.pin.lower()
    chain = x509.load_pem_x509_certificates((tmp_path / SERVER_CERT).read_bytes())
    assert len(chain) == 2 and chain[1] == ca
    chain[0].verify_directly_issued_by(ca)
    assert san(tmp_path / SERVER_CERT) == {"localhost", "127.0.0.1", "::1"}
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca


def test_later_starts_reuse_everything(tmp_path):
    ensure_tls(tmp_path, "127.0.0.1")
    before = {name: (tmp_path / name).read_bytes() for name in (CA_CERT, CA_KEY, SERVER_CERT, SERVER_KEY)}
    ensure_tls(tmp_path, "localhost")
    assert {name: (tmp_path / name).read_bytes() for name in before} == before


def test_a_new_host_gets_a_new_server_certificate_from_the_same_ca(tmp_path):
    first = ensure_tls(tmp_path, "127.0.0.1")
    old_cert = (tmp_path / SERVER_CERT).read_bytes()
    second = ensure_tls(tmp_path, "support.example.org")
    assert second.pin == first.pin
    assert (tmp_path / SERVER_CERT).read_bytes() != old_cert
    assert san(tmp_path / SERVER_CERT) == {"localhost", "127.0.0.1", "::1", "support.example.org"}
    ensure_tls(tmp_path, "192.0.2.7")
    assert "192.0.2.7" in san(tmp_path / SERVER_CERT)


def test_wildcard_listen_address_is_not_a_certificate_name(tmp_path):
    ensure_tls(tmp_path, "0.0.0.0")
    assert san(tmp_path / SERVER_CERT) == {"localhost", "127.0.0.1", "::1"}


def test_the_announced_pin_is_the_ca_pin(server):
    assert server.pin == ca_pin(server.ca_path.read_bytes())
    assert server.ca_path == server.data_dir / CA_CERT


def test_clients_that_do_not_trust_the_ca_are_refused(server):
    with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
        httpx.get(f"{server.url}/openapi.json", verify=ssl.create_default_context())
