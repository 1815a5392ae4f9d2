"""Writes __call__ by hand, but the wrapper runs the function without returning its result."""

import functools
import time
from collections.abc import Callable
from types import TracebackType
from typing import Self


class timed_block:
    def __init__(self, label: str) -> None:
        self.label = label
        self._started = 0.0

    def __enter__(self) -> Self:
        self._started = time.perf_counter()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        elapsed_ms = (time.perf_counter() - self._started) * 1000
        print(f"{self.label} took {elapsed_ms:.1f}ms")

    def __call__[**P, R](self, func: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            with timed_block(self.label):
                func(*args, **kwargs)

        return wrapper
