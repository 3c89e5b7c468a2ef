"""The organisation key as the configuration carries it (`fernhilfe-server org-key export`).

Apart from the identity check so that reading the configuration, before the first window, does
not load the protocol's message classes.
"""

from __future__ import annotations

import base64
import binascii

from protocol.descriptor import PUBLIC_KEY_BYTES


def parse_public_key(text: str) -> bytes:
    """The organisation key as `fernhilfe-server org-key export` prints it (base64 of 32 bytes)."""
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("the organisation key is not base64") from None
    if len(raw) != PUBLIC_KEY_BYTES:
        raise ValueError(f"the organisation key must be {PUBLIC_KEY_BYTES} bytes, not {len(raw)}")
    return raw
