"""At join the server signs a descriptor for exactly this session, and enforces the allowed tiers."""

import base64

from client.core.identity import check_identity
from protocol.descriptor import decode_descriptor, short_code
from protocol.messages import (
    Consent,
    CustomerJoined,
    IdentityCode,
    SessionDescriptorMessage,
    TierRequest,
    Welcome,
)
from server.core.broker import Broker
from server.core.identity import IdentityPolicy
from server.core.journal import SessionFacts
from server.core.ratelimit import RateLimiter
from tests.support.descriptors import Organisation

from .conftest import START
from .scenario import CONSOLE, CUSTOMER, SCREEN, attach, entries, error_of, hello, new_session, send, to

ORG = Organisation()


def signing_broker(clock, tiers=(1, 2, 3), recorded=False):
    return Broker(
        clock,
        limiter=RateLimiter(),
        identity=IdentityPolicy(ORG.key.sign, tiers),
        recorded=recorded,
        retention_days=90,
    )


def test_the_customer_gets_a_descriptor_before_welcome_that_its_client_verifies(clock):
    broker = signing_broker(clock)
    session = new_session(broker)
    descriptor_message, welcome = to(hello(broker, CUSTOMER, session.spec.number), CUSTOMER)
    assert isinstance(descriptor_message, SessionDescriptorMessage) and isinstance(welcome, Welcome)
    descriptor = decode_descriptor(base64.b64decode(descriptor_message.descriptor))
    assert (descriptor.staff_id, descriptor.session_id, descriptor.session_number) == (
        "anna",
        "s1",
        session.spec.number,
    )
    assert (descriptor.issued_at, descriptor.expires_at) == (int(START), int(START) + 600)
    result = check_identity(ORG.public_key, descriptor_message, welcome, session.spec.number, START + 1)
    assert result.verified is not None


def test_the_console_gets_the_same_short_code_on_join_and_on_attach(clock):
    broker = signing_broker(clock)
    session = new_session(broker)
    attach(broker, CONSOLE)
    actions = hello(broker, CUSTOMER, session.spec.number)
    descriptor_message = to(actions, CUSTOMER)[0]
    code = short_code(base64.b64decode(descriptor_message.descriptor))
    console = to(actions, CONSOLE)
    assert console.index(IdentityCode(code=code)) == console.index(CustomerJoined(client="Fernhilfe/0.1")) + 1
    again = attach(broker, CONSOLE + 10)
    assert IdentityCode(code=code) in to(again, CONSOLE + 10)


def test_the_recording_starts_with_the_identity_the_descriptor_vouched_for(clock):
    broker = signing_broker(clock, recorded=True)
    session = new_session(broker)
    actions = hello(broker, CUSTOMER, session.spec.number)
    code = short_code(base64.b64decode(to(actions, CUSTOMER)[0].descriptor))
    assert entries(actions)[0] == SessionFacts(
        START, "Beispiel GmbH", "Anna Berger", "anna", verified=True, code=code, retention_days=90
    )


def test_a_tier_the_organisation_does_not_allow_is_refused_to_the_console(clock):
    broker = signing_broker(clock, tiers=(1,))
    session = new_session(broker)
    attach(broker, CONSOLE)
    hello(broker, CUSTOMER, session.spec.number)
    send(broker, CUSTOMER, Consent(tier=1, granted=True))
    send(broker, CUSTOMER, SCREEN)
    actions = send(broker, CONSOLE, TierRequest(tier=2))
    assert error_of(actions, CONSOLE) == ("not_allowed", 4000)
    assert to(actions, CUSTOMER) == []


def test_without_a_signing_key_no_descriptor_is_sent(broker):
    session = new_session(broker)
    assert [type(m) for m in to(hello(broker, CUSTOMER, session.spec.number), CUSTOMER)] == [Welcome]
