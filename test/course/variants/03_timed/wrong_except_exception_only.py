"""Prints in `except Exception` and after success, so KeyboardInterrupt goes unreported."""

import functools
import time
from collections.abc import Callable


def timed[**P, R](fn: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        started = time.perf_counter()
        try:
            result = fn(*args, **kwargs)
        except Exception:
            print(f"{fn.__name__} took {(time.perf_counter() - started) * 1000:.2f}ms")
            raise
        print(f"{fn.__name__} took {(time.perf_counter() - started) * 1000:.2f}ms")
        return result

    return wrapper
