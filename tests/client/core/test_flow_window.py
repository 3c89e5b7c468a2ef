"""The flow window starts at two frames, grows with the round trip, holds a slow link to one frame
at a time, and lowers JPEG quality only for throughput the link itself limited."""

import random

from client.core.flow_window import FAST_QUALITY, RTT_WINDOW_S, SLOW_QUALITY, FlowWindow
from protocol.limits import MAX_FRAME_WINDOW

PACE = 1 / 60


def _round_trip(flow: FlowWindow, seq: int, size: int, sent: float, took: float) -> None:
    flow.sent(seq, size, sent)
    assert flow.acknowledged(seq, sent + took)


def test_without_acks_two_frames_may_be_in_flight_at_full_quality():
    flow = FlowWindow(PACE)
    assert (flow.window, flow.jpeg_quality, flow.rate) == (2, FAST_QUALITY, None)
    assert flow.may_send()
    flow.sent(1, 1000, 0.0)
    assert flow.may_send()
    flow.sent(2, 1000, 0.01)
    assert not flow.may_send()


def test_acks_are_cumulative_and_unknown_or_repeated_ones_change_nothing():
    flow = FlowWindow(PACE)
    for seq in (1, 2, 3):
        flow.sent(seq, 500, seq * 0.01)
    assert not flow.acknowledged(7, 0.05)
    assert flow.acknowledged(2, 0.05)
    assert (flow.in_flight, flow.bytes_in_flight) == (1, 500)
    assert not flow.acknowledged(1, 0.06) and not flow.acknowledged(2, 0.06)
    assert flow.in_flight == 1


def test_a_long_fast_round_trip_opens_the_window_to_keep_the_pace():
    flow = FlowWindow(PACE)
    for seq in range(1, 6):
        _round_trip(flow, seq, 200_000, seq * 1.0, 0.1)  # 100 ms away, 2 MB/s
    assert flow.window == 7  # 100 ms of frames at 60 a second, plus the one being drawn
    for seq in range(6, 13):
        assert flow.may_send()
        flow.sent(seq, 2_000, 10.0)
    assert not flow.may_send()
    far = FlowWindow(PACE)
    _round_trip(far, 1, 1_000_000, 0.0, 2.0)
    assert far.window == MAX_FRAME_WINDOW


def test_a_one_megabit_link_carries_one_big_frame_at_a_time_at_low_quality():
    flow = FlowWindow(PACE)
    _round_trip(flow, 1, 50_000, 0.0, 0.41)  # 50 kB took 410 ms: about 125 kB/s
    for seq in range(2, 12):
        _round_trip(flow, seq, 1_000, seq * 0.1, 0.02)  # small frames fly: 20 ms round trips
    assert 110_000 < (flow.rate or 0) < 125_000, "small frames that did not wait say nothing of the rate"
    assert flow.jpeg_quality == SLOW_QUALITY
    flow.sent(12, 50_000, 2.0)
    assert not flow.may_send(), "latest frame wins: the next is captured once this one arrived"
    assert flow.acknowledged(12, 2.42)
    flow.sent(13, 1_000, 2.5)
    assert flow.may_send()


def test_a_link_that_slows_down_is_believed_within_seconds_and_quality_follows():
    flow = FlowWindow(PACE)
    for seq in range(1, 4):
        _round_trip(flow, seq, 400_000, seq * 0.5, 0.1)  # 4 MB/s
    assert flow.jpeg_quality == FAST_QUALITY
    now = 2.0
    for seq in range(4, 14):
        _round_trip(flow, seq, 100_000, now, 0.4)  # now 250 kB/s, each frame waits for the link
        now += 0.5
    assert 240_000 < (flow.rate or 0) < 260_000
    assert SLOW_QUALITY < flow.jpeg_quality < FAST_QUALITY


def test_the_minimum_round_trip_is_that_of_the_last_ten_seconds_only():
    rng = random.Random(7)
    flow = FlowWindow(1 / 60)
    seen: list[tuple[float, float]] = []
    now = 0.0
    for seq in range(1, 3000):
        sent = now
        flow.sent(seq, 1000, sent)
        now += rng.choice([0.002, 0.004, 0.03, 0.2]) * rng.uniform(0.5, 1.5)
        assert flow.acknowledged(seq, now)
        seen.append((now, now - sent))
        assert flow.min_rtt_s == min(r for at, r in seen if at >= now - RTT_WINDOW_S)
        now += rng.uniform(0, 0.05)
