"""Chat: both ways from the customer's join until the end, with `by` and `at` set by the server."""

import json

import pytest

from protocol.messages import Chat, Consent, End, TierRevoke
from server.core.clock import iso
from server.core.events import Closed, Opened, Received

from .conftest import START
from .scenario import CONSOLE, CUSTOMER, attach, error_of, hello, new_session, send, sharing, to


def joined(broker):
    session = new_session(broker)
    attach(broker, CONSOLE)
    hello(broker, CUSTOMER, session.spec.number)
    return session


def test_customer_chat_reaches_the_console_stamped_by_the_server(broker, clock):
    joined(broker)
    clock.advance(7.9)
    actions = send(broker, CUSTOMER, Chat(text="Ich sehe es.", by="expert", at="1999"))
    assert to(actions, CONSOLE) == [Chat(text="Ich sehe es.", by="customer", at="2023-11-14T22:13:27Z")]
    assert to(actions, CUSTOMER) == []


def test_expert_chat_reaches_the_customer_stamped_by_the_server(broker, clock):
    sharing(broker)
    clock.advance(60)
    actions = send(broker, CONSOLE, Chat(text="Bitte klicken Sie auf OK.", by="customer"))
    assert to(actions, CUSTOMER) == [Chat(text="Bitte klicken Sie auf OK.", by="expert", at=iso(START + 60))]
    assert to(actions, CONSOLE) == []


def test_chat_works_before_consent_and_after_view_was_revoked(broker):
    session = joined(broker)
    assert to(send(broker, CONSOLE, Chat(text="Sehen Sie den Dialog?")), CUSTOMER)
    send(broker, CUSTOMER, Consent(tier=1, granted=True))
    send(broker, CUSTOMER, TierRevoke(tier=1))
    assert session.state == "joined"
    assert to(send(broker, CUSTOMER, Chat(text="Ich habe es beendet.")), CONSOLE)


def test_expert_chat_before_the_customer_joined_is_refused(broker):
    session = new_session(broker)
    attach(broker, CONSOLE)
    assert error_of(send(broker, CONSOLE, Chat(text="Hallo?")), CONSOLE) == ("not_allowed", 4000)
    assert session.state == "waiting"


def test_customer_chat_before_hello_is_refused(broker):
    new_session(broker)
    broker.handle(Opened(CUSTOMER, "customer", "10.0.0.1"))
    assert error_of(send(broker, CUSTOMER, Chat(text="Hallo")), CUSTOMER) == ("not_allowed", 4000)


def test_customer_chat_without_a_console_is_not_delivered_but_accepted(broker):
    session = new_session(broker)
    hello(broker, CUSTOMER, session.spec.number)
    assert send(broker, CUSTOMER, Chat(text="Ist jemand da?")) == []


def test_chat_after_the_end_is_refused_by_the_session(broker):
    session = sharing(broker)
    send(broker, CUSTOMER, End(reason="customer_ended"))
    assert error_of(session.on_expert(Chat(text="Noch da?")), CONSOLE) == ("session_ended", 4010)


@pytest.mark.parametrize("text", ["", "   \n\t", "x" * 2001])
def test_empty_or_oversized_chat_is_refused_by_the_codec(broker, text):
    session = sharing(broker)
    raw = json.dumps({"type": "chat", "text": text})
    assert error_of(broker.handle(Received(CONSOLE, raw)), CONSOLE) == ("bad_message", 4000)
    broker.handle(Closed(CONSOLE))
    assert session.state == "active"
