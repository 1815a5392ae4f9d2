"""Writes __call__ by hand with functools.wraps and a fresh context per call; whole milliseconds via sys.stdout."""

import functools
import sys
from collections.abc import Callable
from time import monotonic
from types import TracebackType
from typing import Literal, Self


class timed_block:
    def __init__(self, label: str) -> None:
        self.label = label
        self._start = 0.0

    def __enter__(self) -> Self:
        self._start = monotonic()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> Literal[False]:
        sys.stdout.write(f"{self.label} took {round((monotonic() - self._start) * 1000)}ms\n")
        return False

    def __call__[**P, R](self, func: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            with timed_block(self.label):
                return func(*args, **kwargs)

        return wrapper
