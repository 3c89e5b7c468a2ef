"""The organisation key as the configuration carries it."""

import pytest

from client.core.organisation_key import parse_public_key
from tests.support.descriptors import Organisation

ORG = Organisation()


def test_the_exported_key_text_parses_and_garbage_does_not():
    assert parse_public_key(ORG.public_key_text + "\n") == ORG.public_key
    for bad in ("not base64!", "AAAA"):
        with pytest.raises(ValueError):
            parse_public_key(bad)
