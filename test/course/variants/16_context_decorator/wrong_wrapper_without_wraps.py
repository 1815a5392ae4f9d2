"""Writes __call__ by hand but forgets functools.wraps, so the function loses its metadata."""

import time
from collections.abc import Callable
from types import TracebackType
from typing import Any, Self


class timed_block:
    def __init__(self, label: str) -> None:
        self.label = label

    def __enter__(self) -> Self:
        self._start = time.perf_counter()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        print(f"{self.label} took {(time.perf_counter() - self._start) * 1000:.1f}ms")

    def __call__(self, func: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with timed_block(self.label):
                return func(*args, **kwargs)

        return wrapper
