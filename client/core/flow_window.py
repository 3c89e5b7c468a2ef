"""Flow control for the screen share: how many frames may be in flight, and how hard JPEG squeezes.

Pure decisions from what the customer sees of its own frames: when each was sent, how big it was,
and when its (cumulative) `frame_ack` came back. Nothing new crosses the wire.

- Round-trip time: ack time minus send time of the frame acknowledged. Its minimum over the last
  `RTT_WINDOW_S` is the link's delay without queueing.
- Throughput, as BBR measures delivery rate: the bytes acknowledged between a frame's send and its
  ack, over that time. A sample from a frame that came back within about one round trip says only
  "at least this fast" (the sender, not the link, was the limit): it may raise the estimate but
  not lower it. The estimate is the best sample that counted in the last `RATE_WINDOW_S`, so a
  link that slowed down is believed within that time.
- Window: enough frames to keep capturing at the share's pace across one round trip
  (`MIN_WINDOW` to `MAX_FRAME_WINDOW`), and no more bytes in flight than the link carries in
  `QUEUE_RTTS` round trips: on a slow link one frame goes at a time and the next is captured when
  it has arrived, so the latest picture wins and nothing queues.
- JPEG quality: `FAST_QUALITY` from `FAST_RATE` up, `SLOW_QUALITY` at `SLOW_RATE` and below,
  log-linear in between; `FAST_QUALITY` until a sample says otherwise.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass

from protocol.limits import MAX_FRAME_WINDOW

MIN_WINDOW = 2
"""Never fewer in flight than the fixed window of old: one drawn while the next travels."""
RTT_WINDOW_S = 10.0
RATE_WINDOW_S = 3.0
QUEUE_RTTS = 2.0
"""Bytes in flight are capped at the link's rate times this many (minimum) round trips."""
MIN_QUEUE_S = 0.02
"""A floor under the round trip used for the byte cap: loopback's 1 ms would cap too hard."""
LIMITED_SLACK_S = 0.005
"""A frame acknowledged later than twice the minimum round trip plus this waited for the link."""
FAST_RATE, SLOW_RATE = 2_000_000.0, 125_000.0
"""Bytes per second: 16 Mbit/s and up gets the best quality, 1 Mbit/s and below the lowest."""
FAST_QUALITY, SLOW_QUALITY = 75, 30


@dataclass(frozen=True)
class _Sent:
    at: float
    size: int
    delivered: int
    """Bytes acknowledged when this frame was sent."""


class FlowWindow:
    """Tracks frames in flight; `may_send` says whether another may be captured now.

    Times are seconds of one monotonic clock; `capture_interval_s` is the share's pace.
    """

    def __init__(self, capture_interval_s: float) -> None:
        self._interval = max(capture_interval_s, 1e-3)
        self._flight: dict[int, _Sent] = {}
        self._acked = 0
        self._delivered = 0
        self._rtts: deque[tuple[float, float]] = deque()
        self._rates: deque[tuple[float, float]] = deque()

    @property
    def in_flight(self) -> int:
        return len(self._flight)

    @property
    def bytes_in_flight(self) -> int:
        return sum(sent.size for sent in self._flight.values())

    @property
    def min_rtt_s(self) -> float | None:
        return self._rtts[0][1] if self._rtts else None

    @property
    def rate(self) -> float | None:
        """Estimated throughput in bytes per second; None before the first sample."""
        return self._rates[0][1] if self._rates else None

    @property
    def window(self) -> int:
        """Frames that may be in flight at once."""
        rtt = self.min_rtt_s
        if rtt is None:
            return MIN_WINDOW
        return max(MIN_WINDOW, min(MAX_FRAME_WINDOW, math.ceil(rtt / self._interval) + 1))

    @property
    def byte_budget(self) -> float | None:
        """Bytes that may be in flight; None while the rate is unknown."""
        rate, rtt = self.rate, self.min_rtt_s
        if rate is None or rtt is None:
            return None
        return rate * max(rtt, MIN_QUEUE_S) * QUEUE_RTTS

    @property
    def jpeg_quality(self) -> int:
        rate = self.rate
        if rate is None or rate >= FAST_RATE:
            return FAST_QUALITY
        if rate <= SLOW_RATE:
            return SLOW_QUALITY
        share = math.log(rate / SLOW_RATE) / math.log(FAST_RATE / SLOW_RATE)
        return round(SLOW_QUALITY + share * (FAST_QUALITY - SLOW_QUALITY))

    def may_send(self) -> bool:
        """Whether one more frame may go out now: always when none is in flight."""
        if not self._flight:
            return True
        if len(self._flight) >= self.window:
            return False
        budget = self.byte_budget
        return budget is None or self.bytes_in_flight < budget

    def sent(self, seq: int, size: int, now: float) -> None:
        self._flight[seq] = _Sent(now, size, self._delivered)

    def acknowledged(self, seq: int, now: float) -> bool:
        """Frame `seq` and every earlier one arrived; False (and nothing changes) if `seq` was not
        sent or is already acknowledged."""
        if seq <= self._acked or seq not in self._flight:
            return False
        newest = self._flight[seq]
        for done in [s for s in self._flight if s <= seq]:
            self._delivered += self._flight.pop(done).size
        self._acked = seq
        elapsed = now - newest.at
        if elapsed <= 0:
            return True
        _keep(self._rtts, now, elapsed, RTT_WINDOW_S, smallest=True)
        min_rtt = self.min_rtt_s or elapsed
        sample = (self._delivered - newest.delivered) / elapsed
        estimate = self.rate
        waited = elapsed > 2 * min_rtt + LIMITED_SLACK_S
        if estimate is None or sample >= estimate or waited:
            _keep(self._rates, now, sample, RATE_WINDOW_S, smallest=False)
        return True


def _keep(
    samples: deque[tuple[float, float]], now: float, value: float, window_s: float, *, smallest: bool
) -> None:
    """Add a sample to a sliding window whose first entry is its smallest (or largest) value.

    A sample that a later, at least as good one outlives can never be the extreme again, so it is
    dropped: the extreme is then read in constant time. Reading it by scanning every sample of
    the last 10 s took a tenth of the client's event loop while streaming 50 frames a second.
    """
    while samples and (samples[-1][1] >= value if smallest else samples[-1][1] <= value):
        samples.pop()
    samples.append((now, value))
    while samples[0][0] < now - window_s:
        samples.popleft()
