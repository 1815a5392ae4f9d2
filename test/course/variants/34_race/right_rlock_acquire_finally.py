"""Uses an RLock with explicit acquire() and release() in try/finally, and a ThreadPoolExecutor of `threads` workers."""

import threading
from concurrent.futures import ThreadPoolExecutor
import time
from typing import Protocol


class Incrementable(Protocol):
    value: int

    def increment(self) -> None: ...


class Counter:
    """Counts with a read, a pause and a write: safe in one thread only."""

    def __init__(self) -> None:
        self.value = 0

    def increment(self) -> None:
        current = self.value  # read
        time.sleep(0)  # any work here lets another thread run
        self.value = current + 1  # write


class SafeCounter:
    """The same read, pause and write, with one lock per counter held across all three."""

    def __init__(self) -> None:
        self.value = 0
        self._lock = threading.RLock()

    def increment(self) -> None:
        self._lock.acquire()
        try:
            current = self.value
            time.sleep(0)
            self.value = current + 1
        finally:
            self._lock.release()


def count_with_threads(counter: Incrementable, threads: int, per_thread: int) -> int:
    """Call ``counter.increment()`` ``per_thread`` times in each of ``threads`` threads; the final count."""
    def work() -> None:
        for _ in range(per_thread):
            counter.increment()

    with ThreadPoolExecutor(max_workers=threads) as pool:
        for _ in range(threads):
            pool.submit(work)
    return counter.value

