"""A class-based decorator using `from time import perf_counter`, start kept in a local."""

import functools
from collections.abc import Callable
from time import perf_counter


class timed[**P, R]:
    def __init__(self, fn: Callable[P, R]) -> None:
        functools.update_wrapper(self, fn)
        self._fn = fn

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        start = perf_counter()
        try:
            return self._fn(*args, **kwargs)
        finally:
            print(f"{self._fn.__name__} took {(perf_counter() - start) * 1000:.2f}ms")
