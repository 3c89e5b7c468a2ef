"""The client's own check of who is asking: genuine, tampered, wrong key, expired, replayed, missing."""

import dataclasses

import pytest

from client.core.identity import IdentityProblem, check_identity
from protocol.messages import Expert, Welcome
from tests.support.descriptors import NOW, Organisation, tampered

WELCOME = Welcome(1, "s1", Expert("Anna Berger", "Beispiel GmbH"), recorded=True, retention_days=90)
ORG = Organisation()


def check(message, *, key=ORG.public_key, welcome=WELCOME, number="482190337", now=NOW + 5):
    return check_identity(key, message, welcome, number, now)


def test_a_genuine_descriptor_is_verified_with_its_code():
    result = check(ORG.message())
    assert result.problem is None and result.verified is not None
    assert result.verified.descriptor.organisation == "Beispiel GmbH"
    assert result.verified.descriptor.staff_id == "anna"
    assert len(result.verified.code) == 4


def test_the_code_differs_between_sessions():
    first = check(ORG.message()).verified
    second = check(ORG.message(issued_at=NOW + 1)).verified
    assert first is not None and second is not None
    assert first.code != second.code


@pytest.mark.parametrize(
    ("message", "problem"),
    [
        (None, IdentityProblem.MISSING),
        (tampered(ORG.message()), IdentityProblem.INVALID),
        (Organisation().message(), IdentityProblem.INVALID),
        (dataclasses.replace(ORG.message(), signature="AAAA"), IdentityProblem.INVALID),
        (dataclasses.replace(ORG.message(), descriptor="RkhTRA=="), IdentityProblem.INVALID),
        (ORG.message(expert=("Eve", "Beispiel GmbH")), IdentityProblem.INVALID),
        (ORG.message(issued_at=NOW - 3600), IdentityProblem.EXPIRED),
        (ORG.message(issued_at=NOW + 3600), IdentityProblem.EXPIRED),
        (ORG.message(session_id="s0"), IdentityProblem.OTHER_SESSION),
        (ORG.message(number="111222333"), IdentityProblem.OTHER_SESSION),
    ],
    ids=[
        "missing",
        "tampered",
        "wrong key",
        "short signature",
        "unreadable",
        "another expert than welcome names",
        "expired",
        "not yet issued",
        "replayed from another session",
        "for another number",
    ],
)
def test_every_bent_descriptor_is_refused(message, problem):
    result = check(message)
    assert result.verified is None and result.problem is problem


def test_without_an_embedded_key_nothing_is_verified():
    assert check(ORG.message(), key=None).problem is IdentityProblem.NO_KEY


def test_a_little_clock_skew_is_tolerated():
    assert check(ORG.message(), now=NOW - 200).verified is not None
    assert check(ORG.message(), now=NOW + 600 + 200).verified is not None
