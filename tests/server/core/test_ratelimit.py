"""Failures per address and per network refuse only that address or network; many failures
overall put the server under pressure, which refuses nobody."""

from server.core.ratelimit import HISTORY_S, RateLimiter, network_of

T0 = 1000.0


def test_five_failures_per_address_then_blocked_until_the_oldest_leaves_the_window():
    limiter = RateLimiter(per_address=5, per_prefix=20, window=60.0)
    for i in range(5):
        assert limiter.retry_after("10.0.0.1", T0 + i) == 0
        limiter.record_failure("10.0.0.1", T0 + i)
    assert limiter.retry_after("10.0.0.1", T0 + 5) == 55
    assert limiter.retry_after("10.0.0.1", T0 + 59.5) == 1
    assert limiter.retry_after("10.0.0.1", T0 + 60) == 0
    assert limiter.retry_after("10.0.1.2", T0 + 5) == 0


def test_a_network_prefix_has_its_own_limit():
    limiter = RateLimiter(per_address=5, per_prefix=20, window=60.0)
    for i in range(20):
        limiter.record_failure(f"10.0.0.{i}", T0)
    assert limiter.retry_after("10.0.0.200", T0 + 1) == 59, "same /24"
    assert limiter.retry_after("10.0.1.1", T0 + 1) == 0, "another /24"
    for i in range(20):
        limiter.record_failure(f"2001:db8:0:1::{i:x}", T0)
    assert limiter.retry_after("2001:db8:0:1:ffff::1", T0 + 1) == 59, "same /64"
    assert limiter.retry_after("2001:db8:0:2::1", T0 + 1) == 0, "another /64"


def test_networks_are_ipv4_24_and_ipv6_64():
    assert network_of("192.0.2.77") == "192.0.2.0/24"
    assert network_of("::ffff:192.0.2.77") == "192.0.2.0/24"
    assert network_of("2001:db8:1:2:3:4:5:6") == "2001:db8:1:2::/64"
    assert network_of("testclient") == "testclient"


def test_retry_after_rounds_up_to_whole_seconds():
    limiter = RateLimiter(per_address=1, window=60.0)
    limiter.record_failure("a", T0)
    assert limiter.retry_after("a", T0 + 0.25) == 60
    assert limiter.retry_after("a", T0 + 59.99) == 1


def test_many_failures_overall_mean_pressure_but_refuse_nobody():
    limiter = RateLimiter(per_address=5, per_prefix=20, pressure=50, window=60.0)
    for i in range(50):
        assert not limiter.under_pressure(T0 + i * 0.5)
        limiter.record_failure(f"10.{i}.0.1", T0 + i * 0.5)
    assert limiter.under_pressure(T0 + 30)
    assert limiter.retry_after("192.168.1.1", T0 + 30) == 0
    assert not limiter.under_pressure(T0 + 85)


def test_a_success_gives_the_address_history_for_a_day():
    limiter = RateLimiter()
    assert not limiter.has_history("10.0.0.1", T0)
    limiter.record_success("10.0.0.1", T0)
    assert limiter.has_history("10.0.0.1", T0 + HISTORY_S - 1)
    assert not limiter.has_history("10.0.0.1", T0 + HISTORY_S)


def test_window_slides_instead_of_resetting():
    limiter = RateLimiter(per_address=2, window=10.0)
    limiter.record_failure("a", T0)
    limiter.record_failure("a", T0 + 8)
    assert limiter.retry_after("a", T0 + 9) == 1
    assert limiter.retry_after("a", T0 + 10) == 0
    limiter.record_failure("a", T0 + 10)
    assert limiter.retry_after("a", T0 + 11) == 7
    assert limiter.retry_after("a", T0 + 18) == 0


def test_old_addresses_are_forgotten():
    limiter = RateLimiter(per_address=5, window=60.0)
    for i in range(20):
        limiter.record_failure(f"10.0.0.{i}", T0)
    limiter.retry_after("x", T0 + 61)
    assert limiter._by_key == {}
    assert len(limiter._all) == 0
