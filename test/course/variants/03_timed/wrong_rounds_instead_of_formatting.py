"""Uses round(ms, 2), like JS's Math.round(x * 100) / 100, so 12.5 prints as "12.5ms", not "12.50ms"."""

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
            elapsed_ms = round((time.perf_counter() - started) * 1000, 2)
            print(f"{fn.__name__} took {elapsed_ms}ms")

    return wrapper
