"""Exercise 34 · race: reference solution."""

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
        self._lock = threading.Lock()

    def increment(self) -> None:
        with self._lock:
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


# Why this way: the GIL makes each bytecode instruction atomic, not your
# read-modify-write. Between `current = self.value` and the write, the running
# thread can be switched out (`time.sleep(0)` makes that certain; any call, any
# IO, even a long enough loop does it too), and every thread that read the
# same value writes the same result: updates are lost. `+= 1` is no better, it
# is still a read and a write. A `threading.Lock` held across the read, the
# pause and the write makes them one step for every other thread that takes
# the same lock; `with` releases it even when the body raises. The lock is
# created once, in `__init__`: one per counter, so two counters never wait for
# each other, and never a new one per call, which would guard nothing. The
# Barrier lines the threads up so they really run at the same time, and
# `join` waits for every one of them before the total is read. In Go you
# would reach for `sync.Mutex` or `atomic.AddInt64`; Python has no atomic
# integers in the standard library, and in the free-threaded build (3.13t)
# there is not even a GIL between the threads, so the lock is the answer.
