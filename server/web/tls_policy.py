"""Which TLS the server speaks: 1.2 and 1.3 only, and with 1.2 only forward-secret AEAD suites.

TLS 1.3's suites are all AEAD with forward secrecy; for 1.2 the list leaves out CBC modes, SHA-1
MACs, static RSA key exchange, RC4, 3DES and anything anonymous or export-grade. The server's key
is ECDSA (P-256), so only ECDHE-ECDSA suites can be chosen; the RSA ones are listed for a server
certificate an organisation brings itself.
"""

from __future__ import annotations

import ssl

TLS12_CIPHERS = ":".join(
    (
        "ECDHE-ECDSA-AES128-GCM-SHA256",
        "ECDHE-ECDSA-AES256-GCM-SHA384",
        "ECDHE-ECDSA-CHACHA20-POLY1305",
        "ECDHE-RSA-AES128-GCM-SHA256",
        "ECDHE-RSA-AES256-GCM-SHA384",
        "ECDHE-RSA-CHACHA20-POLY1305",
    )
)


def apply_tls_policy(context: ssl.SSLContext) -> None:
    """Restrict a server context to TLS 1.2+ and the suites above; renegotiation and compression off."""
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.set_ciphers(TLS12_CIPHERS)
    context.options |= ssl.OP_NO_COMPRESSION | ssl.OP_NO_RENEGOTIATION | ssl.OP_CIPHER_SERVER_PREFERENCE
