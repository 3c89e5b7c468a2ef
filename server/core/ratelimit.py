"""Failed guesses (wrong session numbers, wrong passwords): per address, per network, and overall.

The limits are built so that guessing is slowed without locking real customers out:

- An address with `per_address` failures in `window` seconds, or a network prefix (IPv4 /24,
  IPv6 /64) with `per_prefix`, is refused until its oldest failure leaves the window — only that
  address or network, never everybody.
- `pressure` failures overall within the window put the server under *pressure*. Nobody is
  refused for it; instead attempts from addresses without history are admitted at a bounded rate
  (`server.core.admission`), fairly across networks, so a flood from many addresses cannot
  guess faster than that rate and a customer from another network still gets its turn.
- An address has *history* for `HISTORY_S` after it succeeded once (joined with a right number,
  logged in with a right password); attempts from it skip the pressure queue, but the address and
  prefix limits still apply.

Only failures are counted, and only attempts that were not already refused, so the windows hold
at most a few entries per address and memory stays bounded whatever an attacker sends.
"""

from __future__ import annotations

import ipaddress
import math
from collections import deque

HISTORY_S = 24 * 3600.0


def network_of(address: str) -> str:
    """The prefix an address is limited with: IPv4 /24, IPv6 /64; anything else stands alone."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    bits = 24 if ip.version == 4 else 64
    return str(ipaddress.ip_network(f"{ip}/{bits}", strict=False))


class RateLimiter:
    """Sliding windows of failures per address, per prefix and overall, plus success history."""

    def __init__(
        self, per_address: int = 5, per_prefix: int = 20, pressure: int = 50, window: float = 60.0
    ) -> None:
        self._per_address = per_address
        self._per_prefix = per_prefix
        self._pressure = pressure
        self._window = window
        self._all: deque[float] = deque()
        self._by_key: dict[str, deque[float]] = {}
        self._history: dict[str, float] = {}

    def retry_after(self, address: str, now: float) -> int:
        """Whole seconds until `address` may try again (its own or its network's limit); 0: now."""
        self._prune(now)
        waits = [0]
        for key, limit in ((address, self._per_address), (network_of(address), self._per_prefix)):
            times = self._by_key.get(key)
            if times is not None:
                waits.append(self._wait(times, limit, now))
        return max(waits)

    def under_pressure(self, now: float) -> bool:
        """Whether failures overall reached the pressure threshold within the window."""
        self._prune(now)
        return len(self._all) >= self._pressure

    def has_history(self, address: str, now: float) -> bool:
        succeeded = self._history.get(address)
        return succeeded is not None and now - succeeded < HISTORY_S

    def record_failure(self, address: str, now: float) -> None:
        """Count one failed attempt from `address` at `now`."""
        self._prune(now)
        self._all.append(now)
        for key in {address, network_of(address)}:
            self._by_key.setdefault(key, deque()).append(now)

    def record_success(self, address: str, now: float) -> None:
        """`address` got something right: it has history from now on."""
        self._history[address] = now

    def _wait(self, times: deque[float], limit: int, now: float) -> int:
        if len(times) < limit:
            return 0
        frees_at = times[len(times) - limit] + self._window
        return max(1, math.ceil(frees_at - now))

    def _prune(self, now: float) -> None:
        horizon = now - self._window
        while self._all and self._all[0] <= horizon:
            self._all.popleft()
        for key in list(self._by_key):
            times = self._by_key[key]
            while times and times[0] <= horizon:
                times.popleft()
            if not times:
                del self._by_key[key]
        if len(self._history) > 10_000:
            self._history = {a: t for a, t in self._history.items() if now - t < HISTORY_S}
