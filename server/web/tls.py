"""The server's own small PKI: a CA made on first start and a server certificate it signs.

The CA stays the same across restarts, so the pin (SHA-256 of the CA certificate in DER form) that
customers configure keeps working; the server certificate is re-issued when it is missing, close
to expiry, not issued by the current CA, or does not name the host the server is started with.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

CA_CERT = "ca.pem"
CA_KEY = "ca-key.pem"
SERVER_CERT = "server.pem"
SERVER_KEY = "server-key.pem"

_CA_LIFETIME = dt.timedelta(days=3650)
_SERVER_LIFETIME = dt.timedelta(days=397)
_RENEW_BEFORE = dt.timedelta(days=30)
_CLOCK_SKEW = dt.timedelta(hours=1)
_WILDCARD_HOSTS = frozenset({"", "0.0.0.0", "::"})

IPName = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class TlsFiles:
    """Where the PEM files are and the pin of the CA."""

    ca_cert: Path
    cert: Path
    key: Path
    pin: str


class TlsSetupError(RuntimeError):
    """The data directory holds a CA certificate without its key, so no server certificate can be made."""


def ca_pin(ca_pem: bytes) -> str:
    """SHA-256 of the CA certificate's DER encoding, 64 lowercase hex digits."""
    certificate = x509.load_pem_x509_certificate(ca_pem)
    return hashlib.sha256(certificate.public_bytes(serialization.Encoding.DER)).hexdigest()


def ensure_tls(data_dir: Path, host: str) -> TlsFiles:
    """Create or reuse the CA and the server certificate in `data_dir` for `host`."""
    now = dt.datetime.now(dt.UTC)
    ca_cert_path, ca_key_path = data_dir / CA_CERT, data_dir / CA_KEY
    cert_path, key_path = data_dir / SERVER_CERT, data_dir / SERVER_KEY
    if not ca_cert_path.exists():
        ca_key = ec.generate_private_key(ec.SECP256R1())
        ca_cert = _make_ca(ca_key, now)
        _write(ca_key_path, _key_pem(ca_key), 0o600)
        _write(ca_cert_path, ca_cert.public_bytes(serialization.Encoding.PEM), 0o644)
    ca_cert = x509.load_pem_x509_certificate(ca_cert_path.read_bytes())
    names = _names(host)
    if not _server_cert_usable(cert_path, key_path, ca_cert, names, now):
        if not ca_key_path.exists():
            raise TlsSetupError(f"{ca_key_path} is missing; cannot issue a server certificate")
        signing_key = serialization.load_pem_private_key(ca_key_path.read_bytes(), password=None)
        if not isinstance(signing_key, ec.EllipticCurvePrivateKey):
            raise TlsSetupError(f"{ca_key_path} is not an EC private key")
        server_key = ec.generate_private_key(ec.SECP256R1())
        server_cert = _make_server_cert(server_key, signing_key, ca_cert, names, now)
        _write(key_path, _key_pem(server_key), 0o600)
        chain = server_cert.public_bytes(serialization.Encoding.PEM) + ca_cert.public_bytes(
            serialization.Encoding.PEM
        )
        _write(cert_path, chain, 0o644)
    return TlsFiles(
        ca_cert_path.resolve(), cert_path.resolve(), key_path.resolve(), ca_pin(ca_cert_path.read_bytes())
    )


def _names(host: str) -> tuple[frozenset[str], frozenset[IPName]]:
    dns = {"localhost"}
    ips: set[IPName] = {ipaddress.IPv4Address("127.0.0.1"), ipaddress.IPv6Address("::1")}
    if host not in _WILDCARD_HOSTS:
        try:
            ips.add(ipaddress.ip_address(host))
        except ValueError:
            dns.add(host.lower())
    return frozenset(dns), frozenset(ips)


def _server_cert_usable(
    cert_path: Path,
    key_path: Path,
    ca_cert: x509.Certificate,
    names: tuple[frozenset[str], frozenset[IPName]],
    now: dt.datetime,
) -> bool:
    if not (cert_path.exists() and key_path.exists()):
        return False
    certificate = x509.load_pem_x509_certificate(cert_path.read_bytes())
    try:
        certificate.verify_directly_issued_by(ca_cert)
    except (ValueError, TypeError, InvalidSignature):
        return False
    if certificate.not_valid_after_utc - _RENEW_BEFORE < now:
        return False
    san = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    dns = {name.lower() for name in san.get_values_for_type(x509.DNSName)}
    ips = set(san.get_values_for_type(x509.IPAddress))
    return names[0] <= dns and names[1] <= ips


def _make_ca(key: ec.EllipticCurvePrivateKey, now: dt.datetime) -> x509.Certificate:
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Fernhilfe"),
            x509.NameAttribute(NameOID.COMMON_NAME, f"Fernhilfe server CA {secrets.token_hex(4)}"),
        ]
    )
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _CLOCK_SKEW)
        .not_valid_after(now + _CA_LIFETIME)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(ski, critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False)
        .sign(key, hashes.SHA256())
    )


def _make_server_cert(
    key: ec.EllipticCurvePrivateKey,
    ca_key: ec.EllipticCurvePrivateKey,
    ca_cert: x509.Certificate,
    names: tuple[frozenset[str], frozenset[IPName]],
    now: dt.datetime,
) -> x509.Certificate:
    dns, ips = names
    alt_names: list[x509.GeneralName] = [x509.DNSName(n) for n in sorted(dns)]
    alt_names += [x509.IPAddress(ip) for ip in sorted(ips, key=str)]
    ca_ski = ca_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    return (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, sorted(dns)[0])]))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _CLOCK_SKEW)
        .not_valid_after(min(now + _SERVER_LIFETIME, ca_cert.not_valid_after_utc))
        .add_extension(x509.SubjectAlternativeName(alt_names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski), critical=False)
        .sign(ca_key, hashes.SHA256())
    )


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _write(path: Path, data: bytes, mode: int) -> None:
    """Write atomically with `mode` from the start, so a key is never readable by others, not even briefly."""
    partial = path.with_name(f".{path.name}.partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.chmod(partial, mode)
    os.replace(partial, path)
