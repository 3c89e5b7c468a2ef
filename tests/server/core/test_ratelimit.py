from server.core.ratelimit import RateLimiter

T0 = 1000.0


def test_five_failures_per_address_then_blocked_until_the_oldest_leaves_the_window():
    limiter = RateLimiter(per_address=5, total=50, window=60.0)
    for i in range(5):
        assert limiter.retry_after("10.0.0.1", T0 + i) == 0
        limiter.record_failure("10.0.0.1", T0 + i)
    assert limiter.retry_after("10.0.0.1", T0 + 5) == 55
    assert limiter.retry_after("10.0.0.1", T0 + 59.5) == 1
    assert limiter.retry_after("10.0.0.1", T0 + 60) == 0
    assert limiter.retry_after("10.0.0.2", T0 + 5) == 0


def test_retry_after_rounds_up_to_whole_seconds():
    limiter = RateLimiter(per_address=1, total=50, window=60.0)
    limiter.record_failure("a", T0)
    assert limiter.retry_after("a", T0 + 0.25) == 60
    assert limiter.retry_after("a", T0 + 59.99) == 1


def test_global_limit_blocks_every_address():
    limiter = RateLimiter(per_address=5, total=50, window=60.0)
    for i in range(50):
        limiter.record_failure(f"10.0.{i}.1", T0 + i * 0.5)
    assert limiter.retry_after("192.168.1.1", T0 + 30) == 30
    assert limiter.retry_after("192.168.1.1", T0 + 59.9) == 1
    assert limiter.retry_after("192.168.1.1", T0 + 60) == 0


def test_window_slides_instead_of_resetting():
    limiter = RateLimiter(per_address=2, total=50, window=10.0)
    limiter.record_failure("a", T0)
    limiter.record_failure("a", T0 + 8)
    assert limiter.retry_after("a", T0 + 9) == 1
    assert limiter.retry_after("a", T0 + 10) == 0
    limiter.record_failure("a", T0 + 10)
    assert limiter.retry_after("a", T0 + 11) == 7
    assert limiter.retry_after("a", T0 + 18) == 0


def test_old_addresses_are_forgotten():
    limiter = RateLimiter(per_address=5, total=50, window=60.0)
    for i in range(20):
        limiter.record_failure(f"10.0.0.{i}", T0)
    limiter.retry_after("x", T0 + 61)
    assert limiter._by_address == {}
    assert len(limiter._all) == 0
