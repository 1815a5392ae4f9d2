"""Exercise 03 · timed: reference solution."""

import functools
import time
from collections.abc import Callable


def timed[**P, R](fn: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            elapsed_ms = (time.perf_counter() - started) * 1000
            print(f"{fn.__name__} took {elapsed_ms:.2f}ms")

    return wrapper


# Why this way: `finally` runs however the call ends (a value, an exception, even
# KeyboardInterrupt) and then lets the exception carry on untouched, so there is
# one print and no `except` that could swallow or re-wrap an error. `started` is
# a local of each call, so recursive and overlapping calls each time themselves.
# perf_counter is the monotonic, high-resolution clock meant for durations;
# time.time() can jump when the system clock is adjusted.
