"""Tier 2 and what hangs on it: requests, consent, release, revoke, input relay, control, monitors."""

import pytest

from protocol.messages import (
    Consent,
    Control,
    Key,
    PointerButton,
    PointerMove,
    Refresh,
    SelectMonitor,
    Text,
    TierRelease,
    TierRequest,
    TierRevoke,
    TierStatus,
    Wheel,
)
from server.core.events import Closed
from server.core.grants import InputMessage

from .scenario import CONSOLE, CUSTOMER, attach, error_of, hello, new_session, send, sharing, to

INPUT: list[InputMessage] = [
    PointerMove(monitor=0, x=10, y=20),
    PointerButton(monitor=0, x=10, y=20, button="left", down=True),
    Wheel(monitor=0, x=10, y=20, dx=0, dy=3),
    Key(code="KeyC", down=True, modifiers=("control",)),
    Text(text="Grüße\n"),
]


def controlled(broker):
    """A sharing session in which the customer granted tier 2 and said the expert holds control."""
    session = sharing(broker)
    send(broker, CONSOLE, TierRequest(tier=2))
    send(broker, CUSTOMER, Consent(tier=2, granted=True))
    send(broker, CUSTOMER, Control(holder="expert"))
    return session


def test_tier_2_request_is_relayed_and_the_answer_reported(broker):
    session = sharing(broker)
    actions = send(broker, CONSOLE, TierRequest(tier=2))
    assert to(actions, CUSTOMER) == [TierRequest(tier=2)]
    assert to(actions, CONSOLE) == [TierStatus(tier=2, state="requested")]
    actions = send(broker, CUSTOMER, Consent(tier=2, granted=True))
    assert to(actions, CONSOLE) == [TierStatus(tier=2, state="granted")]
    assert to(actions, CUSTOMER) == []
    assert session.tiers == {1: "granted", 2: "granted"} and session.state == "active"


@pytest.mark.parametrize("message", INPUT)
def test_input_is_relayed_unchanged_while_tier_2_is_granted(broker, message):
    controlled(broker)
    actions = send(broker, CONSOLE, message)
    assert to(actions, CUSTOMER) == [message]
    assert to(actions, CONSOLE) == []


def test_input_is_relayed_whoever_holds_control(broker):
    controlled(broker)
    send(broker, CUSTOMER, Control(holder="customer"))
    assert to(send(broker, CONSOLE, INPUT[0]), CUSTOMER) == [INPUT[0]]


@pytest.mark.parametrize("message", INPUT)
def test_input_before_tier_2_is_refused(broker, message):
    session = sharing(broker)
    assert error_of(send(broker, CONSOLE, message), CONSOLE) == ("not_allowed", 4000)
    assert session.state == "active"


def test_input_while_tier_2_is_only_requested_or_was_denied(broker):
    sharing(broker)
    send(broker, CONSOLE, TierRequest(tier=2))
    assert error_of(send(broker, CONSOLE, INPUT[0]), CONSOLE) == ("not_allowed", 4000)
    broker.handle(Closed(CONSOLE))
    attach(broker, 5)
    send(broker, CUSTOMER, Consent(tier=2, granted=False))
    assert error_of(send(broker, 5, INPUT[1]), 5) == ("not_allowed", 4000)


def test_input_before_the_customer_joined_or_granted_view(broker):
    session = new_session(broker)
    attach(broker, CONSOLE)
    assert error_of(send(broker, CONSOLE, INPUT[0]), CONSOLE) == ("not_allowed", 4000)
    attach(broker, 5)
    hello(broker, CUSTOMER, session.spec.number)
    assert error_of(send(broker, 5, INPUT[0]), 5) == ("not_allowed", 4000)


def test_input_after_the_customer_revoked_tier_2(broker):
    session = controlled(broker)
    actions = send(broker, CUSTOMER, TierRevoke(tier=2))
    assert to(actions, CONSOLE) == [TierStatus(tier=2, state="revoked")]
    assert session.ledger.holder is None
    assert error_of(send(broker, CONSOLE, INPUT[3]), CONSOLE) == ("not_allowed", 4000)


def test_input_after_tier_1_was_revoked(broker):
    session = controlled(broker)
    actions = send(broker, CUSTOMER, TierRevoke(tier=1))
    assert [m for m in to(actions, CONSOLE) if isinstance(m, TierStatus)] == [
        TierStatus(tier=1, state="revoked"),
        TierStatus(tier=2, state="revoked"),
    ]
    assert session.state == "joined"
    assert error_of(send(broker, CONSOLE, INPUT[4]), CONSOLE) == ("not_allowed", 4000)


def test_release_is_relayed_stops_input_at_once_and_the_customers_revoke_ends_it(broker):
    session = controlled(broker)
    actions = send(broker, CONSOLE, TierRelease(tier=2))
    assert to(actions, CUSTOMER) == [TierRelease(tier=2)]
    assert to(actions, CONSOLE) == []
    assert session.tiers[2] == "granted" and session.ledger.released == {2}
    assert error_of(send(broker, CONSOLE, INPUT[0]), CONSOLE) == ("not_allowed", 4000)
    broker.handle(Closed(CONSOLE))
    attach(broker, 5)
    assert to(send(broker, CUSTOMER, TierRevoke(tier=2)), 5) == [TierStatus(tier=2, state="revoked")]
    assert session.ledger.released == set() and session.ledger.holder is None
    assert to(send(broker, 5, TierRequest(tier=2)), CUSTOMER) == [TierRequest(tier=2)]


def test_release_without_a_grant_is_refused(broker):
    session = sharing(broker)
    assert error_of(send(broker, CONSOLE, TierRelease(tier=2)), CONSOLE) == ("not_allowed", 4000)
    assert session.tiers == {1: "granted"}


def test_release_while_only_requested_is_refused(broker):
    sharing(broker)
    send(broker, CONSOLE, TierRequest(tier=2))
    assert error_of(send(broker, CONSOLE, TierRelease(tier=2)), CONSOLE) == ("not_allowed", 4000)


def test_tier_1_cannot_be_released(broker):
    sharing(broker)
    assert error_of(send(broker, CONSOLE, TierRelease(tier=1)), CONSOLE) == ("not_allowed", 4000)


def test_release_twice_is_refused(broker):
    controlled(broker)
    send(broker, CONSOLE, TierRelease(tier=2))
    assert error_of(send(broker, CONSOLE, TierRelease(tier=2)), CONSOLE) == ("not_allowed", 4000)


def test_released_tier_cannot_be_asked_again_or_built_on_until_revoked(broker):
    session = controlled(broker)
    send(broker, CONSOLE, TierRelease(tier=2))
    assert error_of(send(broker, CONSOLE, TierRequest(tier=3)), CONSOLE) == ("not_allowed", 4000)
    attach(broker, 5)
    assert error_of(send(broker, 5, TierRequest(tier=2)), 5) == ("not_allowed", 4000)
    assert session.pending is None


def test_release_while_joined_is_refused(broker):
    session = new_session(broker)
    attach(broker, CONSOLE)
    hello(broker, CUSTOMER, session.spec.number)
    assert error_of(send(broker, CONSOLE, TierRelease(tier=2)), CONSOLE) == ("not_allowed", 4000)


def test_tier_3_goes_the_same_way_and_the_customer_refuses_it(broker):
    session = controlled(broker)
    assert to(send(broker, CONSOLE, TierRequest(tier=3)), CUSTOMER) == [TierRequest(tier=3)]
    assert to(send(broker, CUSTOMER, Consent(tier=3, granted=False)), CONSOLE) == [
        TierStatus(tier=3, state="denied")
    ]
    assert session.tiers == {1: "granted", 2: "granted", 3: "denied"}
    assert to(send(broker, CONSOLE, INPUT[0]), CUSTOMER) == [INPUT[0]]


def test_releasing_tier_2_gives_back_tier_3_too(broker):
    session = controlled(broker)
    send(broker, CONSOLE, TierRequest(tier=3))
    send(broker, CUSTOMER, Consent(tier=3, granted=True))
    send(broker, CONSOLE, TierRelease(tier=2))
    assert session.ledger.released == {2, 3}
    assert to(send(broker, CUSTOMER, TierRevoke(tier=2)), CONSOLE) == [
        TierStatus(tier=2, state="revoked"),
        TierStatus(tier=3, state="revoked"),
    ]
    assert session.ledger.released == set()


def test_control_is_relayed_to_the_console(broker):
    session = controlled(broker)
    assert session.ledger.holder == "expert"
    actions = send(broker, CUSTOMER, Control(holder="customer"))
    assert to(actions, CONSOLE) == [Control(holder="customer")]
    assert session.ledger.holder == "customer"


def test_control_without_tier_2_is_refused(broker):
    session = sharing(broker)
    assert error_of(send(broker, CUSTOMER, Control(holder="expert")), CUSTOMER) == ("not_allowed", 4000)
    assert session.ledger.holder is None


def test_control_after_revoke_is_refused(broker):
    controlled(broker)
    send(broker, CUSTOMER, TierRevoke(tier=2))
    assert error_of(send(broker, CUSTOMER, Control(holder="expert")), CUSTOMER) == ("not_allowed", 4000)


def test_control_from_the_console_is_refused(broker):
    controlled(broker)
    assert error_of(send(broker, CONSOLE, Control(holder="expert")), CONSOLE) == ("not_allowed", 4000)


@pytest.mark.parametrize("message", INPUT)
def test_input_from_the_customer_is_refused(broker, message):
    controlled(broker)
    assert error_of(send(broker, CUSTOMER, message), CUSTOMER) == ("not_allowed", 4000)


def test_a_console_attaching_gets_the_holder_after_the_tier_states(broker):
    controlled(broker)
    send(broker, CUSTOMER, Control(holder="customer"))
    broker.handle(Closed(CONSOLE))
    actions = attach(broker, 5)
    assert [m.TYPE for m in to(actions, 5)] == [
        "session",
        "customer_joined",
        "tier_state",
        "tier_state",
        "control",
        "screen_info",
    ]
    assert to(actions, 5)[4] == Control(holder="customer")
    assert to(actions, CUSTOMER) == [Refresh()]


def test_no_holder_is_replayed_once_control_was_revoked(broker):
    controlled(broker)
    send(broker, CUSTOMER, TierRevoke(tier=2))
    broker.handle(Closed(CONSOLE))
    assert not [m for m in to(attach(broker, 5), 5) if isinstance(m, Control)]


def test_select_monitor_is_relayed_while_viewing(broker):
    sharing(broker)
    assert to(send(broker, CONSOLE, SelectMonitor(monitor=1)), CUSTOMER) == [SelectMonitor(monitor=1)]


def test_select_monitor_before_view_is_granted_is_refused(broker):
    session = new_session(broker)
    attach(broker, CONSOLE)
    hello(broker, CUSTOMER, session.spec.number)
    assert error_of(send(broker, CONSOLE, SelectMonitor(monitor=0)), CONSOLE) == ("not_allowed", 4000)


def test_select_monitor_after_tier_1_was_revoked_is_refused(broker):
    sharing(broker)
    send(broker, CUSTOMER, TierRevoke(tier=1))
    assert error_of(send(broker, CONSOLE, SelectMonitor(monitor=0)), CONSOLE) == ("not_allowed", 4000)


def test_select_monitor_from_the_customer_is_refused(broker):
    sharing(broker)
    assert error_of(send(broker, CUSTOMER, SelectMonitor(monitor=0)), CUSTOMER) == ("not_allowed", 4000)
