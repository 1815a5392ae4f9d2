"""SafeCounter subclasses Counter and wraps super().increment() in its lock; `from time import sleep`; threads started without a Barrier."""

import threading
from time import sleep
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
        sleep(0)  # any work here lets another thread run
        self.value = current + 1  # write


class SafeCounter(Counter):
    """Counter's read, pause and write, under a lock of its own."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()

    def increment(self) -> None:
        with self._lock:
            super().increment()


def count_with_threads(counter: Incrementable, threads: int, per_thread: int) -> int:
    """Call ``counter.increment()`` ``per_thread`` times in each of ``threads`` threads; the final count."""
    def work() -> None:
        for _ in range(per_thread):
            counter.increment()

    workers = [threading.Thread(target=work, name=f"counter-{n}") for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return counter.value

