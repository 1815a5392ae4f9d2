"""Starts the clock in __init__, so a decorated function is timed from decoration onwards."""

import time
from contextlib import ContextDecorator
from types import TracebackType
from typing import Self


class timed_block(ContextDecorator):
    def __init__(self, label: str) -> None:
        self.label = label
        self._started = time.perf_counter()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        elapsed_ms = (time.perf_counter() - self._started) * 1000
        print(f"{self.label} took {elapsed_ms:.1f}ms")

