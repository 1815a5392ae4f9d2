"""Exercise 34 · race: lost updates under the GIL, and the lock that prevents them.

`Counter.increment()` below reads `self.value`, pauses with `time.sleep(0)`
(standing for any work between the read and the write), then writes the value
it read plus one. Write `count_with_threads(counter, threads, per_thread)`: it
starts `threads` threads that each call `counter.increment()` `per_thread`
times, all running at the same time, waits for every one of them to finish
(`join`), and returns `counter.value`. With a `Counter`, the total comes out
short: updates are lost. Then write `SafeCounter`: the same read, pause and
write, with a `threading.Lock` of its own held across all three, so it never
loses an update. Leave `Counter` racy: it is the exhibit.

You know this from TypeScript/Go as a data race on a shared variable: Go's
race detector, `sync.Mutex`, `sync.WaitGroup`. What carries over: a
read-modify-write from several threads needs a mutex around the whole of it,
and you wait for your workers before you read the result. The false friends:
Node never runs two callbacks at the same time, so JS habits never needed a
lock; and CPython's GIL makes single bytecode instructions atomic, not your
statements, so `self.value += 1` is still a read and a separate write that
another thread can slip between. There is no `atomic.AddInt64` here.
"""

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
        # TODO: give each counter a lock of its own.

    def increment(self) -> None:
        # TODO: hold the lock across the read, the time.sleep(0) and the write.
        current = self.value
        time.sleep(0)
        self.value = current + 1


def count_with_threads(counter: Incrementable, threads: int, per_thread: int) -> int:
    # TODO: start `threads` threads, each calling counter.increment()
    #       `per_thread` times, so that they run at the same time.
    # TODO: wait for every thread to finish before reading counter.value.
    for _ in range(threads * per_thread):
        counter.increment()
    return counter.value
