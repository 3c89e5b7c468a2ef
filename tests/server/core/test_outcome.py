"""The server decides how a session turned out; a peer's own reason cannot make it look expired or lost."""

import pytest

from server.core.outcome import outcome_of


@pytest.mark.parametrize(
    ("reason", "by", "outcome"),
    [
        ("consent_denied", "customer", "declined"),
        ("number_expired", "server", "expired"),
        ("connection_lost", "server", "lost"),
        ("server_shutdown", "server", "interrupted"),
        ("customer_ended", "customer", "ended_by_customer"),
        ("expert_ended", "expert", "ended_by_expert"),
        ("watermark_unavailable", "customer", "failed"),
        ("share_failed", "customer", "failed"),
        ("identity_unverified", "customer", "failed"),
    ],
)
def test_each_way_a_session_ends_has_its_outcome(reason, by, outcome):
    assert outcome_of(reason, by) == outcome


@pytest.mark.parametrize("reason", ["number_expired", "connection_lost", "server_shutdown"])
def test_a_peer_claiming_a_server_reason_still_ended_it_itself(reason):
    assert outcome_of(reason, "customer") == "ended_by_customer"
    assert outcome_of(reason, "expert") == "ended_by_expert"


def test_an_unknown_server_reason_counts_as_interrupted():
    assert outcome_of("something_new", "server") == "interrupted"
