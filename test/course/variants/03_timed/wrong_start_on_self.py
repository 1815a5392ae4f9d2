"""A class-based decorator that keeps the start time on self, so nested calls overwrite it."""

import functools
import time
from collections.abc import Callable


class timed[**P, R]:
    def __init__(self, fn: Callable[P, R]) -> None:
        functools.update_wrapper(self, fn)
        self._fn = fn
        self._started = 0.0

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        self._started = time.perf_counter()
        try:
            return self._fn(*args, **kwargs)
        finally:
            print(f"{self._fn.__name__} took {(time.perf_counter() - self._started) * 1000:.2f}ms")
