"""The customer's cursor reaches the console only while tier 1 is granted, and is never recorded."""

import pytest

from protocol.messages import Cursor, CursorShape, TierRevoke

from .scenario import CONSOLE, CUSTOMER, attach, entries, error_of, hello, new_session, send, sharing, to

POINTER = Cursor(monitor=0, x=10, y=20, visible=True, shape=3)
SHAPE = CursorShape(shape=3, width=2, height=2, hot_x=0, hot_y=0, pixels="eJxjYGBgAAAABAAB")


@pytest.mark.parametrize("message", [POINTER, SHAPE])
def test_cursor_messages_are_relayed_while_viewing_and_not_recorded(broker, message):
    sharing(broker)
    actions = send(broker, CUSTOMER, message)
    assert to(actions, CONSOLE) == [message]
    assert entries(actions) == []


@pytest.mark.parametrize("message", [POINTER, SHAPE])
def test_cursor_messages_before_view_is_granted_are_refused(broker, message):
    session = new_session(broker)
    attach(broker, CONSOLE)
    hello(broker, CUSTOMER, session.spec.number)
    actions = send(broker, CUSTOMER, message)
    assert all(not isinstance(m, type(message)) for m in to(actions, CONSOLE))
    assert error_of(actions, CUSTOMER) == ("not_allowed", 4000)


@pytest.mark.parametrize("message", [POINTER, SHAPE])
def test_cursor_messages_after_tier_1_was_revoked_are_refused(broker, message):
    sharing(broker)
    send(broker, CUSTOMER, TierRevoke(tier=1))
    actions = send(broker, CUSTOMER, message)
    assert all(not isinstance(m, type(message)) for m in to(actions, CONSOLE))
    assert error_of(actions, CUSTOMER) == ("not_allowed", 4000)


def test_a_cursor_on_a_monitor_not_shared_is_refused(broker):
    sharing(broker)
    actions = send(broker, CUSTOMER, Cursor(monitor=3, x=0, y=0, visible=True, shape=1))
    assert error_of(actions, CUSTOMER) == ("not_allowed", 4000)


def test_a_cursor_while_no_console_is_attached_goes_nowhere(broker):
    sharing(broker, console=False)
    assert send(broker, CUSTOMER, POINTER) == []


def test_the_console_cannot_send_a_cursor(broker):
    sharing(broker)
    assert error_of(send(broker, CONSOLE, POINTER), CONSOLE) == ("not_allowed", 4000)
