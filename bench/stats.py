"""Percentiles as the benchmarks report them."""

from __future__ import annotations

import statistics


def summary(name: str, latencies_ms: list[float]) -> str:
    """`NAME p50=… p99=…` over the samples, in milliseconds, with two decimals."""
    ordered = sorted(latencies_ms)
    p50 = statistics.median(ordered)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"{name} p50={p50:.2f} p99={p99:.2f}"
