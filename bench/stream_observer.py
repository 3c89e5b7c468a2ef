"""What bench/stream.py measures on the expert's side: updates, bytes, content age, click to photon.

A viewer (RFB or Fernhilfe) calls `Observer.update` after it has decoded each update into its
picture; `clicker` clicks the probe at random moments through the viewer. Definitions:

- updates/s and bytes/s: decoded updates, and the bytes the viewer read for them (RFB: everything
  on the socket; Fernhilfe: the binary frames, without the TLS and WebSocket framing around them);
- content age: for each update that shows a newer probe clock, how old that clock is on arrival
  (wall-clock milliseconds, same machine);
- click to photon: from sending a click on the probe to the first update that shows its count.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from bench.stream_probe import read_probe, unix_ms32

CLICK_GAP_S = (0.25, 0.75)
CLICK_TIMEOUT_S = 2.0


@dataclass
class RoundResult:
    """One peer's figures over one measured round."""

    seconds: float
    updates: int = 0
    bytes: int = 0
    ages_ms: list[float] = field(default_factory=list)
    photons_ms: list[float] = field(default_factory=list)
    clicks_lost: int = 0
    unreadable: int = 0
    cpu_s: dict[str, float] = field(default_factory=dict)

    @property
    def updates_per_s(self) -> float:
        return self.updates / self.seconds

    @property
    def mbyte_per_s(self) -> float:
        return self.bytes / self.seconds / 1e6

    def cpu_percent(self, process: str) -> float:
        return 100 * self.cpu_s.get(process, 0.0) / self.seconds


class Observer:
    """Turns decoded pictures into figures; counts only while `measuring`."""

    def __init__(self, probe_x: int, probe_y: int) -> None:
        self.probe = (probe_x, probe_y)
        self.measuring = False
        self.result = RoundResult(0.0)
        self.clicks_seen = -1
        self._clock_seen = -1
        self._waiting: tuple[int, float] | None = None
        self._answered = asyncio.Event()

    def start(self) -> None:
        self.result = RoundResult(0.0)
        self.measuring = True

    def update(self, arrived: float, size: int, picture: NDArray[np.uint8]) -> None:
        """A viewer decoded an update of `size` bytes that arrived at `arrived` (time.monotonic())."""
        shown = read_probe(picture, *self.probe)
        if self.measuring:
            self.result.updates += 1
            self.result.bytes += size
            if shown is None:
                self.result.unreadable += 1
        if shown is None:
            return
        clock, clicks = shown
        if clock != self._clock_seen and self.measuring:
            self.result.ages_ms.append(float((unix_ms32() - clock) & 0xFFFFFFFF))
        self._clock_seen = clock
        self.clicks_seen = clicks
        if self._waiting is not None and clicks >= self._waiting[0]:
            if self.measuring:
                self.result.photons_ms.append((arrived - self._waiting[1]) * 1000)
            self._waiting = None
            self._answered.set()

    async def clicker(self, click: Callable[[], Awaitable[None]]) -> None:
        """Click the probe at random moments, one click answered (or lost) before the next; forever."""
        rng = random.Random(9)
        while True:
            await asyncio.sleep(rng.uniform(*CLICK_GAP_S))
            if self.clicks_seen < 0:
                continue
            self._answered.clear()
            self._waiting = (self.clicks_seen + 1, time.monotonic())
            await click()
            try:
                await asyncio.wait_for(self._answered.wait(), CLICK_TIMEOUT_S)
            except TimeoutError:
                self._waiting = None
                if self.measuring:
                    self.result.clicks_lost += 1
