"""Creates a new Lock inside increment on every call, so no two calls ever share a lock."""

import threading
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

    def increment(self) -> None:
        with threading.Lock():
            current = self.value
            time.sleep(0)
            self.value = current + 1


def count_with_threads(counter: Incrementable, threads: int, per_thread: int) -> int:
    """Call ``counter.increment()`` ``per_thread`` times in each of ``threads`` threads; the final count."""
    start_line = threading.Barrier(threads)

    def work() -> None:
        start_line.wait()  # every thread starts counting at the same moment
        for _ in range(per_thread):
            counter.increment()

    workers = [threading.Thread(target=work, name=f"counter-{n}") for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return counter.value

