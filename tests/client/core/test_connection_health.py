"""The liveness and resume policy on a fake clock: heartbeats, silence, retries, giving up."""

from client.core.connection_health import ConnectionHealth, Due


def test_a_heartbeat_is_due_every_3_seconds_while_connected():
    health = ConnectionHealth()
    health.link_up(100.0)
    assert health.tick(102.9) is Due.NOTHING
    assert health.tick(103.0) is Due.HEARTBEAT
    assert health.tick(103.5) is Due.NOTHING
    health.heard(105.0)
    assert health.tick(106.0) is Due.HEARTBEAT


def test_a_server_heard_from_within_10_seconds_is_alive_and_a_silent_one_is_not():
    health = ConnectionHealth()
    health.link_up(100.0)
    health.heard(109.0)
    for now in (110.0, 115.0, 119.0):
        assert health.tick(now) is not Due.PEER_SILENT
    assert health.tick(119.1) is Due.PEER_SILENT


def test_after_a_drop_the_first_attempt_is_at_once_then_they_back_off():
    health = ConnectionHealth()
    health.link_up(0.0)
    health.link_down(10.0)
    assert health.tick(10.0) is Due.ATTEMPT
    assert health.tick(10.5) is Due.NOTHING, "one attempt at a time"
    health.attempt_failed(11.0)
    assert health.tick(11.9) is Due.NOTHING
    assert health.tick(12.0) is Due.ATTEMPT
    health.attempt_failed(12.0)
    assert health.tick(13.9) is Due.NOTHING
    assert health.tick(14.0) is Due.ATTEMPT


def test_the_session_is_given_up_60_seconds_after_the_drop_even_while_an_attempt_runs():
    health = ConnectionHealth()
    health.link_up(0.0)
    health.link_down(10.0)
    assert health.tick(10.0) is Due.ATTEMPT
    health.link_up(11.0)
    health.heard(69.0)
    assert health.tick(69.9) is not Due.GIVE_UP
    assert health.tick(70.0) is Due.GIVE_UP
    assert health.resume_deadline == 70.0


def test_a_second_drop_before_resuming_keeps_the_first_deadline():
    health = ConnectionHealth()
    health.link_down(10.0)
    health.link_up(12.0)
    health.link_down(30.0)
    assert health.resume_deadline == 70.0


def test_after_resuming_or_stopping_nothing_is_given_up():
    health = ConnectionHealth()
    health.link_down(10.0)
    health.link_up(11.0)
    health.resumed()
    health.heard(100.0)
    assert health.tick(100.0) is not Due.GIVE_UP
    health.stop()
    assert health.tick(1000.0) is Due.NOTHING
