"""How fast remote input stops when the person at the machine moves their real mouse.

From the moment a real-device motion is sent (by another process, through the "Xvfb mouse"
device, exactly like a physical mouse) until the client's remote input refuses to inject. The
path measured is the product's: XInput2 raw event → local-input watch thread →
`RemoteInput.block_now`. Run on an X server:

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python -m bench.yield_latency

Last line: `yield_latency_ms p50=… p99=…` (over ROUNDS motions).
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.stats import summary
from client.platform.inject import open_input_injector
from client.platform.local_input import open_local_input_watch
from client.services.remote_input import RemoteInput
from protocol.messages import Monitor, PointerMove

ROUNDS = 300
ROOT = Path(__file__).resolve().parents[1]
SCREEN = (Monitor(id=0, x=0, y=0, width=1920, height=1080, scale=1.0, primary=True),)


def main() -> None:
    remote = RemoteInput(open_input_injector, lambda: SCREEN)
    remote.start()
    blocked_at: list[float] = []
    seen = threading.Event()

    def on_activity() -> None:
        remote.block_now()
        if not seen.is_set():
            blocked_at.append(time.monotonic())
            seen.set()

    watch = open_local_input_watch()
    watch.start(on_activity)
    device = subprocess.Popen(
        [sys.executable, "-m", "tests.support.x_devices", "stream"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert device.stdin is not None and device.stdout is not None
    latencies: list[float] = []
    try:
        for round_number in range(ROUNDS):
            remote.resume()
            seen.clear()
            assert remote.inject(PointerMove(monitor=0, x=960, y=540)) is None
            step = 1 if round_number % 2 == 0 else -1
            device.stdin.write(f"{step} 0\n")
            device.stdin.flush()
            sent = float(device.stdout.readline())
            if not seen.wait(5):
                raise SystemExit("the local-input watch did not report a real-device motion")
            assert remote.inject(PointerMove(monitor=0, x=10, y=10)) is not None
            latencies.append((blocked_at[-1] - sent) * 1000)
    finally:
        device.stdin.close()
        device.wait(timeout=10)
        watch.stop()
        remote.close()
    print(f"rounds={ROUNDS} min={min(latencies):.3f} max={max(latencies):.3f}")
    print(summary("yield_latency_ms", latencies))


if __name__ == "__main__":
    main()
