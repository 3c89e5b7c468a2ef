"""The session descriptor's canonical bytes, held to the golden vector an independent client uses."""

import base64
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from protocol import ProtocolError, decode_message
from protocol.descriptor import SessionDescriptor, decode_descriptor, encode_descriptor, short_code

VECTOR = json.loads(
    (Path(__file__).resolve().parent.parent / "vectors" / "descriptor.json").read_text("utf-8")
)
DATA = bytes.fromhex(VECTOR["descriptor_hex"])
MEANING = {**VECTOR["meaning"], "allowed_tiers": tuple(VECTOR["meaning"]["allowed_tiers"])}


def test_the_vector_decodes_to_its_meaning_and_encodes_back_byte_for_byte():
    descriptor = decode_descriptor(DATA)
    assert descriptor == SessionDescriptor(**MEANING)
    assert encode_descriptor(descriptor) == DATA


def test_the_vector_signature_verifies_over_exactly_the_sent_bytes():
    message = decode_message(json.dumps(VECTOR["message"]))
    key = Ed25519PublicKey.from_public_bytes(base64.b64decode(VECTOR["public_key_base64"]))
    assert base64.b64decode(message.descriptor) == DATA
    key.verify(base64.b64decode(message.signature), DATA)


def test_the_short_code_is_four_digits_of_the_descriptor_hash():
    assert short_code(DATA) == VECTOR["short_code"]
    assert len(short_code(b"")) == 4 and short_code(b"").isdigit()
    assert short_code(DATA) != short_code(DATA[:-1] + b"\x07")


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"FHSD\x02" + DATA[5:],
        DATA[:-1],
        DATA + b"\x00",
        DATA[:-1] + b"\x02",
        DATA[:-1] + b"\x09",
        DATA[:5] + b"\x00\x03\xff\xfe\xfd" + DATA[5 + 2 + len("Beispiel GmbH") :],
    ],
    ids=["empty", "version 2", "short", "trailing byte", "tiers without viewing", "tier 4", "not utf-8"],
)
def test_anything_but_one_exact_encoding_is_refused(data):
    with pytest.raises(ProtocolError):
        decode_descriptor(data)
