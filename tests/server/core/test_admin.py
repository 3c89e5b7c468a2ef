"""Tier 3 on the server: commands only while tier 3 is usable, one at a time, in order — and every
request, answer, command, output and exit in the recording."""

import pytest

from protocol.messages import (
    AdminCommand,
    AdminExit,
    AdminOutput,
    AdminRefused,
    AdminUnavailable,
    Consent,
    TierRelease,
    TierRequest,
    TierRevoke,
    TierStatus,
)
from server.core.journal import ControlEntry

from .scenario import CONSOLE, CUSTOMER, entries, error_of, send, to
from .test_grants import controlled

COMMAND = AdminCommand(id=1, command="id -u")


def admin(broker):
    session = controlled(broker)
    send(broker, CONSOLE, TierRequest(tier=3))
    send(broker, CUSTOMER, Consent(tier=3, granted=True))
    assert session.tiers[3] == "granted"
    return session


def events(actions):
    return [(e.event, e.detail) for e in entries(actions) if isinstance(e, ControlEntry)]


def test_a_command_is_relayed_and_recorded_with_its_output_and_exit(recorded_broker):
    broker = recorded_broker
    admin(broker)
    actions = send(broker, CONSOLE, COMMAND)
    assert to(actions, CUSTOMER) == [COMMAND]
    assert events(actions) == [("admin_command", "#1 id -u")]
    out = AdminOutput(id=1, stream="stdout", data="0\n")
    actions = send(broker, CUSTOMER, out)
    assert to(actions, CONSOLE) == [out]
    assert events(actions) == [("admin_output", "#1 stdout: 0\n")]
    actions = send(broker, CUSTOMER, AdminExit(id=1, status=0))
    assert to(actions, CONSOLE) == [AdminExit(id=1, status=0)]
    assert events(actions) == [("admin_exit", "#1 exit status 0")]
    assert to(send(broker, CONSOLE, AdminCommand(id=2, command="true")), CUSTOMER)


@pytest.mark.parametrize("reach", ["tier_2_only", "requested", "denied", "revoked", "released"])
def test_a_command_without_tier_3_is_refused(broker, reach):
    if reach == "tier_2_only":
        controlled(broker)
    elif reach == "requested":
        controlled(broker)
        send(broker, CONSOLE, TierRequest(tier=3))
    elif reach == "denied":
        controlled(broker)
        send(broker, CONSOLE, TierRequest(tier=3))
        send(broker, CUSTOMER, AdminUnavailable(reason="dismissed"))
        send(broker, CUSTOMER, Consent(tier=3, granted=False))
    elif reach == "revoked":
        admin(broker)
        send(broker, CUSTOMER, TierRevoke(tier=3))
    else:
        admin(broker)
        send(broker, CONSOLE, TierRelease(tier=3))
    actions = send(broker, CONSOLE, COMMAND)
    assert to(actions, CUSTOMER) == []
    assert error_of(actions, CONSOLE) == ("not_allowed", 4000)


def test_a_second_command_while_one_runs_is_refused(broker):
    admin(broker)
    send(broker, CONSOLE, COMMAND)
    actions = send(broker, CONSOLE, AdminCommand(id=2, command="reboot"))
    assert to(actions, CUSTOMER) == []
    assert error_of(actions, CONSOLE) == ("not_allowed", 4000)


def test_command_ids_must_grow(broker):
    admin(broker)
    send(broker, CONSOLE, AdminCommand(id=5, command="true"))
    send(broker, CUSTOMER, AdminExit(id=5, status=0))
    actions = send(broker, CONSOLE, AdminCommand(id=5, command="true"))
    assert error_of(actions, CONSOLE) == ("not_allowed", 4000)


def test_output_for_a_command_that_does_not_run_is_refused(broker):
    admin(broker)
    actions = send(broker, CUSTOMER, AdminOutput(id=1, stream="stdout", data="forged"))
    assert to(actions, CONSOLE) == []
    assert error_of(actions, CUSTOMER) == ("not_allowed", 4000)


def test_a_refusal_may_cross_a_revoke(recorded_broker):
    broker = recorded_broker
    admin(broker)
    send(broker, CONSOLE, COMMAND)
    send(broker, CUSTOMER, TierRevoke(tier=3))
    actions = send(broker, CUSTOMER, AdminRefused(id=1, reason="not_granted"))
    assert to(actions, CONSOLE) == [AdminRefused(id=1, reason="not_granted")]
    assert events(actions) == [("admin_refused", "#1 not_granted")]


def test_revoking_control_ends_the_running_command_for_the_server(broker):
    admin(broker)
    send(broker, CONSOLE, COMMAND)
    actions = send(broker, CUSTOMER, TierRevoke(tier=2))
    assert TierStatus(tier=3, state="revoked") in to(actions, CONSOLE)
    assert error_of(send(broker, CUSTOMER, AdminExit(id=1, status=0)), CUSTOMER) == ("not_allowed", 4000)


def test_a_dismissed_prompt_is_relayed_and_recorded_before_the_denial(recorded_broker):
    broker = recorded_broker
    controlled(broker)
    send(broker, CONSOLE, TierRequest(tier=3))
    actions = send(broker, CUSTOMER, AdminUnavailable(reason="dismissed"))
    assert to(actions, CONSOLE) == [AdminUnavailable(reason="dismissed")]
    assert events(actions) == [("admin_unavailable", "dismissed")]
    actions = send(broker, CUSTOMER, Consent(tier=3, granted=False))
    assert to(actions, CONSOLE) == [TierStatus(tier=3, state="denied")]


def test_admin_unavailable_without_a_request_is_refused(broker):
    controlled(broker)
    actions = send(broker, CUSTOMER, AdminUnavailable(reason="failed"))
    assert error_of(actions, CUSTOMER) == ("not_allowed", 4000)
