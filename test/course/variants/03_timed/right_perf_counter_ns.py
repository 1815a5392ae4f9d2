"""Measures with perf_counter_ns, keeps the result in a variable, and writes with sys.stdout."""

import sys
import time
from collections.abc import Callable
from functools import wraps


def timed[**P, R](fn: Callable[P, R]) -> Callable[P, R]:
    @wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        begin = time.perf_counter_ns()
        try:
            result = fn(*args, **kwargs)
        finally:
            millis = (time.perf_counter_ns() - begin) / 1_000_000
            sys.stdout.write(f"{fn.__name__} took {millis:.2f}ms\n")
        return result

    return wrapper
