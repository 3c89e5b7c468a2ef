"""A callback that counts its calls and the threads they came from, for backends that report on
a thread of their own."""

import threading

WAIT_S = 10.0


class CallCounter:
    def __init__(self):
        self._condition = threading.Condition()
        self.count = 0
        self.threads = set()

    def __call__(self):
        with self._condition:
            self.count += 1
            self.threads.add(threading.current_thread())
            self._condition.notify_all()

    def wait_for(self, count, timeout=WAIT_S):
        """Blocks until at least `count` calls arrived; returns how many did."""
        with self._condition:
            assert self._condition.wait_for(lambda: self.count >= count, timeout), f"{self.count} calls"
        return self.count
