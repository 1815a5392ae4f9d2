"""Returns from inside `finally`, which silently discards the exception fn raised."""

import functools
import time
from collections.abc import Callable
from typing import Any


def timed(fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        result = None
        try:
            result = fn(*args, **kwargs)
        finally:
            print(f"{fn.__name__} took {(time.perf_counter() - started) * 1000:.2f}ms")
            return result

    return wrapper
