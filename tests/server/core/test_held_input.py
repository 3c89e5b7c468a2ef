"""A console that goes while the expert holds keys or mouse buttons down: the customer gets the
releases the console owed, so nothing stays pressed on the customer's computer."""

from protocol.messages import Control, Key, PointerButton, PointerMove
from server.core.events import Closed

from .scenario import CONSOLE, CONSOLE_2, CUSTOMER, attach, send, to
from .test_resume import controlling


def press(broker):
    send(broker, CONSOLE, Key(code="ShiftLeft", down=True))
    send(broker, CONSOLE, Key(code="KeyA", down=True, modifiers=("control",)))
    send(broker, CONSOLE, Key(code="KeyA", down=False))
    send(broker, CONSOLE, PointerButton(monitor=0, x=10, y=20, button="left", down=True))
    send(broker, CONSOLE, PointerMove(monitor=0, x=30, y=40))


RELEASES = [
    Key(code="ShiftLeft", down=False),
    PointerButton(monitor=0, x=10, y=20, button="left", down=False),
]


def test_a_console_that_drops_has_its_held_keys_and_buttons_released(broker):
    controlling(broker)
    press(broker)
    assert to(broker.handle(Closed(CONSOLE)), CUSTOMER) == RELEASES
    attach(broker, CONSOLE_2)
    assert to(broker.handle(Closed(CONSOLE_2)), CUSTOMER) == [], "released once"


def test_a_console_replaced_by_another_has_its_held_keys_released(broker):
    controlling(broker)
    press(broker)
    assert to(attach(broker, CONSOLE_2), CUSTOMER)[:2] == RELEASES


def test_after_the_customer_took_over_nothing_is_released_for_the_console(broker):
    controlling(broker)
    press(broker)
    send(broker, CUSTOMER, Control(holder="customer"))
    assert to(broker.handle(Closed(CONSOLE)), CUSTOMER) == []
