"""Input counts as the customer's only when mutter saw it later than our own last injection."""

from client.platform.local_input.gnome_idle import INJECTION_ECHO_S, customer_was_active


def test_input_right_after_our_injection_is_our_own_echo():
    assert not customer_was_active(now=100.0, idle_s=0.01, last_injected=99.99)
    assert not customer_was_active(now=100.0, idle_s=0.0, last_injected=100.0 - INJECTION_ECHO_S / 2)


def test_input_well_after_our_last_injection_is_the_customer():
    assert customer_was_active(now=100.0, idle_s=0.02, last_injected=99.0)


def test_input_before_our_last_injection_is_not_new():
    assert not customer_was_active(now=100.0, idle_s=5.0, last_injected=99.0)


def test_with_no_injection_yet_any_input_is_the_customer():
    assert customer_was_active(now=100.0, idle_s=3.0, last_injected=float("-inf"))
